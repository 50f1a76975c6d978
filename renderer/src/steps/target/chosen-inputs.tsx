import { useEffect } from 'react';
import type { ScopeInfo, TargetProfile } from '../../../../electron/shared/contract';
import type { WizardError } from '../../../../electron/shared/result';
import { ScopeChecklist } from '../../components/scope-checklist';

interface ChosenInputsProps {
  readonly target: TargetProfile;
  readonly scopes: readonly ScopeInfo[];
  readonly value: (inputId: string) => string;
  readonly onInput: (inputId: string, value: string) => void;
  readonly ticks: readonly string[];
  readonly onTicks: (ticks: readonly string[]) => void;
  /** Core's refusal of a value: its field takes focus and describes itself with it. */
  readonly error: WizardError | null;
}

/** What the chosen product needs before Create app: its own inputs, or Custom's scopes. */
export function ChosenInputs({
  target,
  scopes,
  value,
  onInput,
  ticks,
  ...props
}: ChosenInputsProps) {
  const badField = props.error?.field?.startsWith('input:') ? props.error.field.slice(6) : null;
  useEffect(() => {
    if (badField) document.getElementById(`input-${badField}`)?.focus();
  }, [badField, props.error]);
  return (
    <>
      {target.inputs.map((input) => (
        <div key={input.id} className="field">
          <label htmlFor={`input-${input.id}`}>{input.label}</label>
          <input
            id={`input-${input.id}`}
            type={input.kind === 'url' ? 'url' : 'text'}
            value={value(input.id)}
            placeholder={input.placeholder}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`input-${input.id}-help`}
            aria-invalid={badField === input.id ? true : undefined}
            onChange={(event) => onInput(input.id, event.target.value)}
          />
          <p id={`input-${input.id}-help`} className="muted small-print">
            {input.help}
          </p>
        </div>
      ))}
      {target.scopes.editable ? (
        <section className="custom-scopes" aria-labelledby="custom-scopes-heading">
          <h2 id="custom-scopes-heading">Scopes your product needs</h2>
          <p className="muted small-print">
            Tick what its documentation asks for. Fewer is safer: the token can do only what is
            ticked.
          </p>
          {target.scopes.presets.length > 0 ? (
            <p className="preset-row">
              <span className="muted">Start from:</span>{' '}
              {target.scopes.presets.map((preset) => (
                <button
                  key={preset.id}
                  type="button"
                  className="button secondary small"
                  onClick={() => props.onTicks([...preset.scopes])}
                >
                  {preset.label}
                </button>
              ))}
            </p>
          ) : null}
          <ScopeChecklist
            scopes={scopes}
            checked={ticks}
            onToggle={(scopeId, checked) =>
              props.onTicks(checked ? [...ticks, scopeId] : ticks.filter((id) => id !== scopeId))
            }
            idPrefix="custom-scope"
          />
        </section>
      ) : null}
    </>
  );
}
