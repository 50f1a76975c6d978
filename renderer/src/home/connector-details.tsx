import type {
  CheckResult,
  ConnectorSummary,
  HealthRecord,
  Progress,
} from '../../../electron/shared/contract';
import type { RemedyAction } from '../../../electron/shared/result';
import { CheckList } from '../components/check-list';
import { wizardSelectors } from '../store/selectors';
import { useWizardStore } from '../store/wizard-store';
import { RelativeTime } from './time';

/** The remedies this page can carry out; a check's other remedies show as text only. */
const PAGE_ACTIONS: ReadonlySet<RemedyAction> = new Set([
  'authorize_again',
  'open_app_console',
  'retry',
]);

function withPageActions(checks: readonly CheckResult[]): CheckResult[] {
  return checks.map((check) => {
    if (!check.error?.action || PAGE_ACTIONS.has(check.error.action)) return check;
    const { action: _unsupported, ...error } = check.error;
    return { ...check, error };
  });
}

/** The connector's facts and its last check's lines. */
export function ConnectorDetails({
  row,
  progress,
  lastCheck,
  fresh,
  checking,
  onAction,
}: {
  row: ConnectorSummary;
  progress: Progress;
  lastCheck: HealthRecord | null;
  fresh: boolean;
  checking: boolean;
  onAction: (action: RemedyAction) => void;
}) {
  const plan = useWizardStore(wizardSelectors.plan);
  const formatLabel = (id: string): string =>
    plan?.formats.find((format) => format.id === id)?.label ?? id;
  return (
    <div className="connector-columns">
      <section className="panel" aria-labelledby="details-heading">
        <h2 id="details-heading">Details</h2>
        <dl className="facts connector-facts">
          <dt>Product</dt>
          <dd>{row.targetName ?? '—'}</dd>
          <dt>Account</dt>
          <dd className="email-cell">{row.account ? <bdi>{row.account}</bdi> : '—'}</dd>
          <dt>Team</dt>
          <dd>{row.team ? <bdi>{row.team}</bdi> : '—'}</dd>
          <dt>App key</dt>
          <dd className="mono">{progress.appKey || '—'}</dd>
          <dt>Scopes granted at setup</dt>
          <dd>
            {progress.grantedScopes.length === 0 ? (
              '—'
            ) : (
              <ul className="scope-pills">
                {progress.grantedScopes.map((scope) => (
                  <li key={scope}>
                    <code className="scope-id">{scope}</code>
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt>Formats exported</dt>
          <dd>
            {row.formatsExported.length === 0
              ? 'None yet'
              : row.formatsExported.map(formatLabel).join(', ')}
          </dd>
          <dt>Last check</dt>
          <dd>
            <RelativeTime iso={row.lastChecked} />
            {lastCheck ? ` — ${row.statusWord}` : null}
          </dd>
        </dl>
      </section>

      <section className="panel" aria-labelledby="checks-heading">
        <h2 id="checks-heading">{fresh ? 'Checks just now' : 'Checks at the last check'}</h2>
        {checking ? (
          <p role="status">
            <span className="spinner" aria-hidden="true" /> Checking with Dropbox…
          </p>
        ) : lastCheck ? (
          <CheckList
            checks={withPageActions(lastCheck.checks)}
            label="Health checks"
            onAction={onAction}
          />
        ) : (
          <p className="muted">Not checked yet. Press Check now.</p>
        )}
      </section>
    </div>
  );
}
