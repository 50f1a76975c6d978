import { useRef, useState } from 'react';
import { StatusIcon } from '../../components/status-icon';
import { StepLayout } from '../../components/step-layout';
import { wizardSelectors } from '../../store/selectors';
import { useWizardStore } from '../../store/wizard-store';
import './checklist.css';

/**
 * Prerequisites-only targets (Defender for Cloud Apps): no app of the admin's exists, so nothing
 * can be checked against Dropbox. What must be true first, read once and confirmed once (one
 * tick, not one per line: the admin's own word, not a check, and the page says so), with what
 * the admin entered on the connector's card (the team admin's email) shown back.
 */
export function ChecklistStep() {
  const session = useWizardStore(wizardSelectors.session);
  const target = useWizardStore(wizardSelectors.selectedTarget);
  const pending = useWizardStore(wizardSelectors.pending);
  const [confirmed, setConfirmed] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  if (!session || !target) return null;
  const entered = target.inputs.map((input) => ({
    id: input.id,
    label: input.label,
    value: session.progress.inputs[input.id]?.trim() ?? '',
  }));

  return (
    <StepLayout
      step="checklist"
      intro={`${target.name} connects with its own Dropbox app, so there is nothing to create here. Make sure these are in place, then continue to a printable summary for the portal.`}
      onContinue={() => {
        if (!confirmed) {
          setHint('Tick the box once these are in place.');
          confirmRef.current?.focus();
          return;
        }
        setHint(null);
        void useWizardStore.getState().checklistReviewed();
      }}
      busyText={pending === 'go_to_step' ? 'Opening the summary…' : null}
    >
      {entered.length > 0 ? (
        <dl className="prerequisites-entered">
          {entered.map((field) => (
            <div key={field.id}>
              <dt>{field.label}</dt>
              <dd>
                <span className="mono">{field.value || 'not given'}</span>{' '}
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Change ${field.label}`}
                  onClick={() => void useWizardStore.getState().stepRequested('target')}
                >
                  Change
                </button>
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      <ul className="prerequisites" aria-label={`What ${target.name} needs`}>
        {target.checklist.map((item) => (
          <li key={item.id}>
            <strong>{item.title}</strong>
            <p className="muted">{item.detail}</p>
          </li>
        ))}
      </ul>
      <p id="prerequisites-unchecked" className="note prerequisites-note">
        <StatusIcon status="info" decorative /> Nothing here is checked against Dropbox: the wizard
        never sees the app {target.name} uses. The Test API button in the portal is the check.
      </p>
      <div className="checkbox-field">
        <input
          ref={confirmRef}
          id="prerequisites-confirmed"
          type="checkbox"
          checked={confirmed}
          aria-describedby="prerequisites-unchecked"
          onChange={(event) => {
            setConfirmed(event.target.checked);
            if (event.target.checked) setHint(null);
          }}
        />
        <label htmlFor="prerequisites-confirmed">These are in place</label>
        {/* Beside the box it is about, so the sticky footer can never cover it. */}
        {hint ? (
          <span className="inline-hint" role="alert">
            {hint}
          </span>
        ) : null}
      </div>
    </StepLayout>
  );
}
