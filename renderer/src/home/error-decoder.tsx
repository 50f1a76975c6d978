import { useId, useState } from 'react';
import type { ConnectorHealth, DecodedError } from '../../../electron/shared/contract';
import type { RemedyAction, WizardError } from '../../../electron/shared/result';
import { CheckList } from '../components/check-list';
import { ErrorBox } from '../components/error-box';
import { StatusIcon } from '../components/status-icon';
import { wizardSelectors } from '../store/selectors';
import { errorDecoded } from '../store/connector-actions';
import { useWizardStore } from '../store/wizard-store';

/** A button for a fix: what it says, and what it does. */
export interface FixAction {
  readonly label: string;
  readonly run: () => void;
}

export interface ErrorDecoderProps {
  /** On a connector's page: core also runs that connector's check where it helps. */
  readonly connectorId?: string;
  /** The buttons this screen can offer for a decoded fix (none for the others). */
  readonly actionFor: (action: RemedyAction) => FixAction | null;
  /** Where the check-list's failures send their buttons. */
  readonly onCheckAction?: (action: RemedyAction) => void;
}

/**
 * The admin pastes the error text a product shows and gets the cause and the fix. The pasted
 * text lives in this component's state only (it may hold a token): it never enters the store,
 * and it is gone when the admin leaves the screen.
 */
export function ErrorDecoder({ connectorId, actionFor, onCheckAction }: ErrorDecoderProps) {
  const [text, setText] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const [error, setError] = useState<WizardError | null>(null);
  const [answer, setAnswer] = useState<{
    matches: readonly DecodedError[];
    health: ConnectorHealth | null;
  } | null>(null);
  const pending = useWizardStore(wizardSelectors.connectorPending);
  const fieldId = useId();
  const resultsId = useId();
  const decoding = pending === 'decode';

  const decode = async (): Promise<void> => {
    if (decoding) return;
    if (!text.trim()) {
      setHint('Paste the error text first: the message the product shows, as it is.');
      return;
    }
    setHint(null);
    setError(null);
    setAnswer(null);
    const result = await errorDecoded(text, connectorId);
    if (result.ok) setAnswer(result.value);
    else setError(result.error);
  };

  return (
    <div className="error-decoder">
      <div className="field">
        <label htmlFor={fieldId}>Paste the error your product shows</label>
        <textarea
          id={fieldId}
          className="mono decoder-text"
          rows={4}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            // Ctrl/Cmd+Enter decodes, as in a desktop dialog; Enter alone is a new line.
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              void decode();
            }
          }}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={hint ? `${fieldId}-hint` : undefined}
        />
        {hint ? (
          <p id={`${fieldId}-hint`} className="inline-hint" role="alert">
            {hint}
          </p>
        ) : null}
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button primary"
          onClick={() => void decode()}
          aria-disabled={decoding ? true : undefined}
          aria-controls={resultsId}
        >
          Decode
        </button>
        <span className="busy-text" role="status">
          {decoding ? (connectorId ? 'Decoding and checking this connector…' : 'Decoding…') : ''}
        </span>
      </div>
      <div id={resultsId} className="decoder-results" aria-live="polite">
        {error ? <ErrorBox error={error} compact /> : null}
        {answer && answer.matches.length === 0 ? (
          <p className="callout">
            <StatusIcon status="info" decorative /> <strong>Not recognised.</strong>{' '}
            {connectorId
              ? 'Press Check now: the connector’s own checks tell a credential problem from a problem in the product.'
              : 'Open the connector that shows it and press Check now: its own checks tell a credential problem from a problem in the product.'}
          </p>
        ) : null}
        {answer && answer.matches.length > 0 ? (
          <ul className="decoded-list" aria-label="What the error means">
            {answer.matches.map((match) => {
              const button = match.action ? actionFor(match.action) : null;
              return (
                <li key={match.id} className="decoded">
                  <p className="decoded-cause">
                    <StatusIcon status="fail" decorative /> <strong>{match.cause}</strong>
                  </p>
                  <p className="decoded-fix">{match.fix}</p>
                  <p className="muted small-print">
                    {match.id === 'connector_last_check' ? 'Known from' : 'Recognised'}:{' '}
                    <code>{match.recognised}</code>
                    {match.scope ? (
                      <>
                        {' '}
                        · scope <code className="scope-id">{match.scope}</code>
                      </>
                    ) : null}
                  </p>
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
        ) : null}
        {answer?.health ? (
          <section className="decoder-health" aria-label="This connector, checked now">
            <h3>
              <StatusIcon status={answer.health.passed ? 'pass' : 'fail'} decorative />{' '}
              {answer.health.passed
                ? 'This connector passed its checks just now'
                : 'This connector failed its checks just now'}
            </h3>
            {/* Only what failed or warns: the page's Checks panel lists every check. */}
            <CheckList
              checks={answer.health.checks.filter(
                (check) => check.status === 'fail' || check.status === 'warn',
              )}
              label="Checks run for this error"
              {...(onCheckAction ? { onAction: onCheckAction } : {})}
            />
          </section>
        ) : null}
      </div>
    </div>
  );
}
