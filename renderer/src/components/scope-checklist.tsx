import { useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { ScopeGroup, ScopeInfo } from '../../../electron/shared/contract';
import { TOPICS, matches, topicOf } from '../lib/scope-topics';
import './scopes.css';

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
  if (onToggle) {
    return (
      <ScopePicker
        scopes={scopes}
        checked={checked ?? []}
        onToggle={onToggle}
        idPrefix={idPrefix}
      />
    );
  }
  return (
    <div className="scope-groups">
      {GROUPS.map((group) => {
        const inGroup = scopes.filter((scope) => scope.group === group);
        if (inGroup.length === 0) return null;
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
                    {scope.meaning ? <span className="scope-meaning">{scope.meaning}</span> : null}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

interface ScopePickerProps {
  readonly scopes: readonly ScopeInfo[];
  readonly checked: readonly string[];
  readonly onToggle: (scopeId: string, checked: boolean) => void;
  readonly idPrefix: string;
}

/**
 * The editable picker: a filter field, then one fieldset per topic (Account, Files and folders,
 * …). Tab goes from the filter through the checkboxes; ticks hidden by the filter are kept.
 */
function ScopePicker({ scopes, checked, onToggle, idPrefix }: ScopePickerProps) {
  const [query, setQuery] = useState('');
  const countId = useId();
  const pickerRef = useRef<HTMLDivElement>(null);

  /** Arrow keys move between the filter and the checkboxes, like a list; Tab still works. */
  const onArrow = (event: KeyboardEvent<HTMLElement>): void => {
    const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[event.key];
    if (step === undefined || !pickerRef.current) return;
    const target = event.target as HTMLElement;
    const boxes = Array.from(
      pickerRef.current.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'),
    );
    const filter = pickerRef.current.querySelector<HTMLInputElement>('input[type="search"]');
    if (target === filter) {
      // In the filter, left/right move the caret; down enters the list.
      if (event.key !== 'ArrowDown' || boxes.length === 0) return;
      event.preventDefault();
      boxes[0]?.focus();
      return;
    }
    const index = boxes.indexOf(target as HTMLInputElement);
    if (index < 0) return;
    event.preventDefault();
    const next = index + step;
    if (next < 0) filter?.focus();
    else boxes[Math.min(next, boxes.length - 1)]?.focus();
  };
  const shown = scopes.filter((scope) => matches(scope, query.trim()));
  const selected = scopes.filter((scope) => checked.includes(scope.id)).length;
  const hiddenSelected = selected - shown.filter((scope) => checked.includes(scope.id)).length;
  const topics = TOPICS.map(([key, title]) => ({
    key,
    title,
    scopes: shown.filter((scope) => topicOf(scope) === key),
  })).filter((topic) => topic.scopes.length > 0);

  return (
    <div className="scope-picker" ref={pickerRef} onKeyDown={onArrow}>
      <div className="scope-toolbar">
        <div className="scope-filter">
          <label htmlFor={`${idPrefix}-filter`}>Filter scopes</label>
          <input
            id={`${idPrefix}-filter`}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              // Enter filters, it does not submit the step; Escape clears.
              if (event.key === 'Enter') event.preventDefault();
              if (event.key === 'Escape' && query) {
                event.preventDefault();
                setQuery('');
              }
            }}
            placeholder="e.g. files, read, members"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={countId}
          />
        </div>
        <p id={countId} className="scope-count" aria-live="polite">
          <strong>{selected} selected</strong>
          {query.trim() ? (
            <span className="muted">
              {' '}
              · {shown.length} of {scopes.length} shown
              {hiddenSelected > 0 ? ` (${hiddenSelected} selected not shown)` : ''}
            </span>
          ) : null}
        </p>
      </div>
      {topics.length === 0 ? (
        <p className="muted scope-none">
          No scope matches “{query.trim()}”. Clear the filter to see all {scopes.length}.
        </p>
      ) : (
        <div className="scope-topics">
          {topics.map((topic) => (
            <fieldset key={topic.key} className="scope-group scope-topic">
              <legend>{topic.title}</legend>
              {topic.scopes.map((scope) => {
                const id = `${idPrefix}-${scope.id}`;
                return (
                  <div key={scope.id} className="scope-item">
                    {/* Named by the scope id alone (tests and screen readers), described by its meaning. */}
                    <input
                      id={id}
                      type="checkbox"
                      checked={checked.includes(scope.id)}
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
          ))}
        </div>
      )}
    </div>
  );
}
