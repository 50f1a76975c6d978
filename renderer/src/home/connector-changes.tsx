import type { HealthChange } from '../../../electron/shared/contract';
import { StatusIcon } from '../components/status-icon';
import type { FixAction } from './error-decoder';

/** "What changed since the last check": each change, its fix, and the button that does it. */
export function Changes({
  changes,
  passed,
  fixAction,
}: {
  changes: readonly HealthChange[];
  passed: boolean;
  fixAction: (action: HealthChange['action']) => FixAction | null;
}) {
  const broke = changes.some((change) => change.kind === 'broke');
  const tone = broke ? 'changes-broke' : passed ? 'changes-ok' : 'changes-still';
  return (
    <section className={`panel changes ${tone}`} aria-labelledby="changes-heading">
      <h2 id="changes-heading">What changed since the last check</h2>
      {changes.length === 0 ? (
        <p>
          {passed
            ? 'Nothing changed since the last check: every check still passes.'
            : 'Nothing changed since the last check: it still fails the checks below, with the same fix.'}
        </p>
      ) : (
        <ul className="change-list">
          {changes.map((change) => {
            const button = fixAction(change.action);
            return (
              <li key={`${change.kind}:${change.id}`} className={`change change-${change.kind}`}>
                <p className="change-what">
                  <StatusIcon status={change.kind === 'broke' ? 'fail' : 'pass'} />{' '}
                  <strong>{change.what}</strong>
                </p>
                {change.fix ? <p className="change-fix">{change.fix}</p> : null}
                {button ? (
                  <p>
                    <button type="button" className="button secondary" onClick={button.run}>
                      {button.label}
                    </button>
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
