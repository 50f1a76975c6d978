/**
 * One bridge call with the pending/error bookkeeping every wizard action shares: the spinner
 * while it runs, the step error when it fails, the retry countdown cleared when it answers.
 */
import type { Result } from '../../../electron/shared/result';
import type { PendingOperation } from './session-slice';
import type { WizardState } from './wizard-store';

type Set = (partial: Partial<WizardState>) => void;

/**
 * `isCurrent`: a call superseded while it ran (a newer sign-in attempt) must leave the screen
 * alone when it finally answers.
 */
export async function runCall<T>(
  set: Set,
  op: PendingOperation,
  call: () => Promise<Result<T>>,
  isCurrent: () => boolean = () => true,
): Promise<T | null> {
  set({ pending: op, stepError: null });
  const result = await call();
  if (!isCurrent()) return null;
  if (result.ok) {
    set({ pending: null, waiting: null });
    return result.value;
  }
  set({ pending: null, waiting: null, stepError: result.error });
  return null;
}
