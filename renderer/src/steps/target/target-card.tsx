import type { ReactNode } from 'react';
import type {
  AccountRequirement,
  FlowShape,
  TargetProfile,
} from '../../../../electron/shared/contract';
import { ProductMark } from './product-mark';

/** Short: the card's facts share one line. The full sentence is in the card's description. */
export const ACCOUNT_TYPE_LABELS: Record<AccountRequirement, string> = {
  team_admin: 'Team admin',
  user: 'Any account',
  by_scopes: 'Team admin for team scopes',
};

const FLOW_LABELS: Record<FlowShape, string> = {
  full: 'Wizard signs in',
  'app-only': 'Product signs in',
  'prerequisites-only': 'Checklist only',
};

interface TargetCardProps {
  readonly target: TargetProfile;
  readonly checked: boolean;
  readonly onSelect: () => void;
  readonly onSubmit: () => void;
  /** The chosen card's own inputs, shown in the card (it spans the grid's row). */
  readonly children?: ReactNode;
}

/**
 * One product: a native radio in a compact card (Tab enters the group at the chosen card, arrow
 * keys move and select; Enter submits, wired by hand since implicit submission is unreliable for
 * radios). The chosen card grows in place to hold its inputs.
 */
export function TargetCard({ target, checked, onSelect, onSubmit, children }: TargetCardProps) {
  const id = `target-${target.id}`;
  return (
    <div
      className={['target-card', checked ? 'selected' : '', checked && children ? 'expanded' : '']
        .filter(Boolean)
        .join(' ')}
    >
      <label htmlFor={id} className="target-choice">
        <input
          id={id}
          type="radio"
          name="target"
          value={target.id}
          checked={checked}
          onChange={onSelect}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              onSubmit();
            }
          }}
          aria-labelledby={`${id}-name`}
          aria-describedby={`${id}-summary ${id}-facts`}
        />
        <ProductMark target={target} />
        <span className="target-text">
          <span id={`${id}-name`} className="target-name">
            {target.name}
          </span>
          <span id={`${id}-summary`} className="target-summary">
            {target.gets}
          </span>
          <span id={`${id}-facts`} className="target-facts">
            {[
              `${ACCOUNT_TYPE_LABELS[target.account]}.`,
              `${FLOW_LABELS[target.flow]}.`,
              target.flow === 'prerequisites-only'
                ? null
                : target.scopes.editable
                  ? 'Scopes: you choose.'
                  : `${target.scopes.required.length} scopes.`,
            ]
              .filter((fact) => fact !== null)
              .join(' ')}
          </span>
        </span>
      </label>
      {checked && children ? <div className="target-expanded">{children}</div> : null}
    </div>
  );
}
