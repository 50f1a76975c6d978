import { useState } from 'react';
import { StatusIcon } from '../../components/status-icon';
import { StepLayout } from '../../components/step-layout';
import { wizardSelectors } from '../../store/selectors';
import { useWizardStore } from '../../store/wizard-store';

/**
 * Prerequisites-only targets (Defender for Cloud Apps): no app of the admin's exists, so nothing
 * can be checked against Dropbox. A guided checklist the admin ticks off; the ticks are the
 * admin's own record on this screen, not a check, and the page says so.
 */
export function ChecklistStep() {
  const target = useWizardStore(wizardSelectors.selectedTarget);
  const pending = useWizardStore(wizardSelectors.pending);
  const [ticked, setTicked] = useState<readonly string[]>([]);
  const [hint, setHint] = useState<string | null>(null);
  if (!target) return null;
  const items = target.checklist;
  const open = items.filter((item) => !ticked.includes(item.id));

  return (
    <StepLayout
      step="checklist"
      intro={`${target.name} uses its own Dropbox app: there is nothing to create, and no key, secret or token for the wizard to check. Go through what ${target.name} needs, then continue to a printable summary.`}
      onContinue={() => {
        if (open.length > 0) {
          setHint(`Tick each item once you have it in place (${open.length} left).`);
          return;
        }
        setHint(null);
        void useWizardStore.getState().checklistReviewed();
      }}
      busyText={pending === 'go_to_step' ? 'Opening the summary…' : null}
    >
      <p className="note">
        <StatusIcon status="info" decorative /> Nothing on this page is checked against Dropbox: the
        wizard never sees Microsoft's app, its key or its token.
      </p>
      <fieldset className="checklist">
        <legend className="visually-hidden">Prerequisites for {target.name}</legend>
        {items.map((item) => (
          <div key={item.id} className="checkbox-field checklist-item">
            <input
              id={`check-${item.id}`}
              type="checkbox"
              checked={ticked.includes(item.id)}
              aria-describedby={`check-${item.id}-detail`}
              onChange={(event) =>
                setTicked(
                  event.target.checked
                    ? [...ticked, item.id]
                    : ticked.filter((id) => id !== item.id),
                )
              }
            />
            <label htmlFor={`check-${item.id}`}>
              <strong>{item.title}</strong>
            </label>
            <p id={`check-${item.id}-detail`} className="muted checklist-detail">
              {item.detail}
            </p>
          </div>
        ))}
      </fieldset>
      {hint ? (
        <p className="inline-hint" role="alert">
          {hint}
        </p>
      ) : null}
    </StepLayout>
  );
}
