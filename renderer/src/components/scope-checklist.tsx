import type { ScopeGroup, ScopeInfo } from '../../../electron/shared/contract';

/** The App Console's Permissions tab groups scopes this way; we mirror its words. */
export const SCOPE_GROUP_TITLES: Record<ScopeGroup, string> = {
  user: 'Individual scopes',
  team: 'Team scopes',
};

const GROUPS: readonly ScopeGroup[] = ['user', 'team'];

export interface ScopeChecklistProps {
  readonly scopes: readonly ScopeInfo[];
  /** Editable: real checkboxes. Read-only: a bulleted list of what to tick in the App Console. */
  readonly checked?: readonly string[];
  readonly onToggle?: (scopeId: string, checked: boolean) => void;
  readonly idPrefix: string;
}

export function ScopeChecklist({ scopes, checked, onToggle, idPrefix }: ScopeChecklistProps) {
  return (
    <div className="scope-groups">
      {GROUPS.map((group) => {
        const inGroup = scopes.filter((scope) => scope.group === group);
        if (inGroup.length === 0) return null;
        if (!onToggle) {
          return (
            <section key={group} className="scope-group" aria-labelledby={`${idPrefix}-${group}`}>
              <h3 id={`${idPrefix}-${group}`}>{SCOPE_GROUP_TITLES[group]}</h3>
              <ul className="scope-list">
                {inGroup.map((scope) => (
                  <li key={scope.id} className="scope-item">
                    {/* A plain bullet: this list is read, not ticked (the ticking happens in the App Console). */}
                    <span className="scope-bullet" aria-hidden="true" />
                    <span>
                      <code className="scope-id">{scope.id}</code>
                      {scope.meaning ? (
                        <span className="scope-meaning">{scope.meaning}</span>
                      ) : null}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          );
        }
        return (
          <fieldset key={group} className="scope-group">
            <legend>{SCOPE_GROUP_TITLES[group]}</legend>
            {inGroup.map((scope) => {
              const id = `${idPrefix}-${scope.id}`;
              return (
                <div key={scope.id} className="scope-item">
                  {/* Named by the scope id alone (tests and screen readers), described by its meaning. */}
                  <input
                    id={id}
                    type="checkbox"
                    checked={checked?.includes(scope.id) ?? false}
                    onChange={(event) => onToggle(scope.id, event.target.checked)}
                    aria-labelledby={`${id}-name`}
                    aria-describedby={scope.meaning ? `${id}-meaning` : undefined}
                  />
                  <label htmlFor={id}>
                    <code id={`${id}-name`} className="scope-id">
                      {scope.id}
                    </code>
                    {scope.meaning ? (
                      <span id={`${id}-meaning`} className="scope-meaning">
                        {scope.meaning}
                      </span>
                    ) : null}
                  </label>
                </div>
              );
            })}
          </fieldset>
        );
      })}
    </div>
  );
}
