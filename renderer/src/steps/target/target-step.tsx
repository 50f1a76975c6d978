import { useState } from 'react';
import type { TargetProfile } from '../../../../electron/shared/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { StepLayout } from '../../components/step-layout';
import { wizardSelectors } from '../../store/selectors';
import { useWizardStore } from '../../store/wizard-store';
import { ChosenInputs } from './chosen-inputs';
import { TargetCard } from './target-card';
import './target.css';

export function TargetStep() {
  const targets = useWizardStore(wizardSelectors.targets);
  const scopes = useWizardStore(wizardSelectors.scopes);
  const progress = useWizardStore(wizardSelectors.progress);
  const pending = useWizardStore(wizardSelectors.pending);
  const stepError = useWizardStore(wizardSelectors.stepError);

  const [selectedId, setSelectedId] = useState<string | null>(progress?.targetId ?? null);
  const [customScopes, setCustomScopes] = useState<readonly string[] | null>(() =>
    progress?.targetId && progress.customScopes.length > 0 ? progress.customScopes : null,
  );
  const [inputs, setInputs] = useState<Readonly<Record<string, string>>>(
    () => progress?.inputs ?? {},
  );
  const [hint, setHint] = useState<string | null>(null);
  /** A different connector chosen after authorization: waiting for the admin to confirm. */
  const [confirmingId, setConfirmingId] = useState<string | null>(null);

  const selected = targets.find((t) => t.id === selectedId) ?? null;
  // The profile's starting ticks until the admin changes them (core adds what Dropbox requires).
  const ticks = customScopes ?? selected?.scopes.required ?? [];
  const inputValue = (id: string): string =>
    inputs[id] ?? selected?.inputs.find((input) => input.id === id)?.defaultValue ?? '';

  // `chosenId` comes from Enter on a radio: that keypress selects and submits in one go, before
  // React has re-rendered with the new selection.
  const onContinue = (chosenId?: string): void => {
    if (pending !== null) return;
    const chosen = targets.find((t) => t.id === (chosenId ?? selectedId)) ?? null;
    if (!chosen) {
      setHint('Choose the product you are connecting, then press Continue.');
      return;
    }
    if (chosen.scopes.editable && ticks.length === 0) {
      setHint('Tick at least one scope for the custom app.');
      return;
    }
    setHint(null);
    // Another connector needs other scopes: core discards the authorization. Ask first, since the
    // admin may still want to revoke the token (which needs the wizard to hold it).
    if (
      progress?.targetId &&
      chosen.id !== progress.targetId &&
      progress.completed.includes('authorize')
    ) {
      setConfirmingId(chosen.id);
      return;
    }
    choose(chosen);
  };

  const select = (id: string): void => {
    if (id !== selectedId) setCustomScopes(null);
    setSelectedId(id);
    setHint(null);
    // A fresh choice should not keep showing the previous attempt's failure.
    useWizardStore.getState().stepErrorDismissed();
  };

  const choose = (chosen: TargetProfile): void => {
    const given = Object.fromEntries(
      chosen.inputs.map((input) => [input.id, inputValue(input.id)]),
    );
    void useWizardStore
      .getState()
      .targetChosen(chosen.id, chosen.scopes.editable ? ticks : undefined, given);
  };

  return (
    <StepLayout
      step="target"
      intro="Which product will use the Dropbox credentials? It decides the app, the permissions and the file you get."
      onContinue={() => onContinue()}
      busyText={pending === 'select_target' ? 'Saving your choice…' : null}
      hideBack
      onErrorAction={(action) => {
        if (action === 'retry') onContinue();
      }}
    >
      {targets.length === 0 ? (
        <p>
          No connectors are available. Restart the wizard; if it persists, report it with the wizard
          version.
        </p>
      ) : (
        <fieldset className="target-list">
          <legend className="visually-hidden">Connector</legend>
          {targets.map((target) => (
            <TargetCard
              key={target.id}
              target={target}
              checked={target.id === selectedId}
              onSelect={() => select(target.id)}
              onSubmit={() => {
                setSelectedId(target.id);
                onContinue(target.id);
              }}
            >
              {target.inputs.length > 0 || target.scopes.editable ? (
                <ChosenInputs
                  target={target}
                  scopes={scopes}
                  value={inputValue}
                  onInput={(id, value) => setInputs({ ...inputs, [id]: value })}
                  ticks={ticks}
                  onTicks={setCustomScopes}
                  error={stepError}
                />
              ) : null}
            </TargetCard>
          ))}
        </fieldset>
      )}
      {hint ? (
        <p className="inline-hint" role="alert">
          {hint}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirmingId !== null}
        title="Change the connector?"
        confirmLabel="Change connector"
        danger
        busy={pending === 'select_target'}
        onCancel={() => setConfirmingId(null)}
        onConfirm={() => {
          const chosen = targets.find((t) => t.id === confirmingId);
          setConfirmingId(null);
          if (chosen) choose(chosen);
        }}
      >
        <p>
          The wizard discards this authorization and its checks. The token stays valid at Dropbox:
          if you no longer need it, cancel and use <strong>Revoke this token</strong> on{' '}
          <strong>Copy &amp; export</strong> first.
        </p>
      </ConfirmDialog>
    </StepLayout>
  );
}
