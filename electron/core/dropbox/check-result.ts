/**
 * What every Dropbox check shares: each check is a CheckResult in plain admin language, and a
 * failing one carries the WizardError with the exact fix. Checks never throw for anything Dropbox
 * or the network does: `settle` turns a failure into a value, so one bad probe does not hide the
 * others.
 */
import { randomBytes } from 'node:crypto';
import type { CheckResult } from '../../shared/contract';
import type { WizardError } from '../../shared/result';
import { isWizardFailure, toWizardError, type WizardFailure } from '../failure';

export function result(
  id: string,
  label: string,
  status: CheckResult['status'],
  detail: string,
  error?: WizardError,
): CheckResult {
  return error ? { id, label, status, detail, error } : { id, label, status, detail };
}

export function nonce(): string {
  return randomBytes(16).toString('hex');
}

/** A scope problem says nothing about who signed in or whether the token works. */
export function isScopeProblem(error: WizardError): boolean {
  return error.code === 'missing_scope' || error.code === 'scope_not_enabled_on_app';
}

/** One RPC with the token under test (runVerifyChecks makes identical calls only once). */
export type Call = <T>(route: string, body?: unknown) => Promise<T>;

export interface Settled<T> {
  readonly value: T | null;
  readonly error: WizardError | null;
  /** The failure itself, for its Dropbox status and tag. */
  readonly failure: WizardFailure | null;
}

export async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { value: await promise, error: null, failure: null };
  } catch (err) {
    return { value: null, error: toWizardError(err), failure: isWizardFailure(err) ? err : null };
  }
}
