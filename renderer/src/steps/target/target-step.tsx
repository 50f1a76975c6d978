import { useState } from 'react';
import type {
  AccountRequirement,
  FlowShape,
  TargetProfile,
} from '../../../../electron/shared/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ScopeChecklist } from '../../components/scope-checklist';
import { StepLayout } from '../../components/step-layout';
import { wizardSelectors } from '../../store/selectors';
import { useWizardStore } from '../../store/wizard-store';
import './target.css';

export const ACCOUNT_TYPE_LABELS: Record<AccountRequirement, string> = {
  team_admin: 'Team admin',
  user: 'Any account',
  by_scopes: 'Any account (team admin for team scopes)',
};

const FLOW_LABELS: Record<FlowShape, string> = {
  full: 'The wizard signs in',
  'app-only': 'The product signs in',
  'prerequisites-only': 'Checklist only',
};

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

  const choose = (chosen: TargetProfile): void => {
    const given = Object.fromEntries(
      chosen.inputs.map((input) => [input.id, inputValue(input.id)]),
    );
    void useWizardStore
      .getState()
      .targetChosen(chosen.id, chosen.scopes.editable ? ticks : undefined, given);
  };

  const toggleScope = (scopeId: string, checked: boolean): void => {
    setCustomScopes(checked ? [...ticks, scopeId] : ticks.filter((id) => id !== scopeId));
  };

  return (
    <StepLayout
      step="target"
      intro="Which product will use the Dropbox credentials? This fixes the app type, the permissions and the export format."
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
        <TargetRadioGroup
          targets={targets}
          selectedId={selectedId}
          onSelect={(id) => {
            if (id !== selectedId) setCustomScopes(null);
            setSelectedId(id);
            setHint(null);
            // A fresh choice should not keep showing the previous attempt's failure.
            useWizardStore.getState().stepErrorDismissed();
          }}
          onSubmit={(id) => {
            setSelectedId(id);
            onContinue(id);
          }}
        />
      )}
      {hint ? (
        <p className="inline-hint" role="alert">
          {hint}
        </p>
      ) : null}
      {selected && selected.inputs.length > 0 ? (
        <section className="panel" aria-labelledby="inputs-heading">
          <h2 id="inputs-heading">About your {selected.name}</h2>
          {selected.inputs.map((input) => (
            <div key={input.id} className="field">
              <label htmlFor={`input-${input.id}`}>{input.label}</label>
              <input
                id={`input-${input.id}`}
                type={input.kind === 'url' ? 'url' : 'text'}
                value={inputValue(input.id)}
                placeholder={input.placeholder}
                autoComplete="off"
                spellCheck={false}
                aria-describedby={`input-${input.id}-help`}
                aria-invalid={stepError?.field === `input:${input.id}` ? true : undefined}
                onChange={(event) => setInputs({ ...inputs, [input.id]: event.target.value })}
              />
              <p id={`input-${input.id}-help`} className="muted small-print">
                {input.help}
              </p>
            </div>
          ))}
        </section>
      ) : null}
      {selected?.scopes.editable ? (
        <section className="panel" aria-labelledby="custom-scopes-heading">
          <h2 id="custom-scopes-heading">Scopes your product needs</h2>
          <p className="muted">
            Tick what the product's documentation asks for. Fewer scopes are safer: the token can do
            only what is ticked.
          </p>
          {selected.scopes.presets.length > 0 ? (
            <p className="preset-row">
              <span className="muted">Start from:</span>{' '}
              {selected.scopes.presets.map((preset) => (
                <button
                  key={preset.id}
                  type="button"
                  className="button secondary small"
                  onClick={() => setCustomScopes([...preset.scopes])}
                >
                  {preset.label}
                </button>
              ))}
            </p>
          ) : null}
          <ScopeChecklist
            scopes={scopes}
            checked={ticks}
            onToggle={toggleScope}
            idPrefix="custom-scope"
          />
        </section>
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

interface TargetRadioGroupProps {
  readonly targets: readonly TargetProfile[];
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
  readonly onSubmit: (id: string) => void;
}

/**
 * Native radios inside cards: Tab enters the group at the chosen card, arrow keys move and
 * select, Enter submits the step (the form's implicit submission is not reliable for radios, so
 * it is wired explicitly).
 */
function TargetRadioGroup({ targets, selectedId, onSelect, onSubmit }: TargetRadioGroupProps) {
  return (
    <fieldset className="target-list">
      <legend className="visually-hidden">Connector</legend>
      {targets.map((target) => {
        const id = `target-${target.id}`;
        const checked = target.id === selectedId;
        return (
          <label
            key={target.id}
            htmlFor={id}
            className={checked ? 'target-card selected' : 'target-card'}
          >
            <input
              id={id}
              type="radio"
              name="target"
              value={target.id}
              checked={checked}
              onChange={() => onSelect(target.id)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  onSubmit(target.id);
                }
              }}
              aria-labelledby={`${id}-name`}
              aria-describedby={`${id}-summary ${id}-facts`}
            />
            <span className="target-text">
              <span id={`${id}-name`} className="target-name">
                {target.name}
              </span>
              <span id={`${id}-summary`} className="target-summary">
                {target.gets}
              </span>
              <span id={`${id}-facts`} className="target-facts">
                <span className="fact">
                  <span className="fact-label">Account:</span> {ACCOUNT_TYPE_LABELS[target.account]}
                </span>
                <span className="fact">
                  <span className="fact-label">Sign-in:</span> {FLOW_LABELS[target.flow]}
                </span>
                {target.flow === 'prerequisites-only' ? null : !target.scopes.editable ? (
                  <span className="fact">
                    <span className="fact-label">Scopes:</span> {target.scopes.required.length}
                  </span>
                ) : (
                  <span className="fact">
                    <span className="fact-label">Scopes:</span> you choose
                  </span>
                )}
              </span>
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}
