/** Authorize's words and error mapping, apart from the screen that shows them. */
import type { ConnectorPlan, TargetProfile } from '../../../../electron/shared/contract';
import type { WizardError } from '../../../../electron/shared/result';
import { productNoun, productNounAtStart } from '../../lib/product-noun';

/** Failures whose only fix is a fresh attempt, whatever action core attached. */
const AUTHORIZE_AGAIN_CODES = new Set([
  'access_denied',
  'state_mismatch',
  'code_expired',
  'authorization_timeout',
]);

export const BUSY_TEXT: Readonly<Record<string, string>> = {
  start_authorization: 'Preparing the sign-in…',
  submit_code: 'Exchanging the code with Dropbox…',
};

/** Who signs in and why; an app-only product's sign-in is a test, revoked after Verify. */
export function introFor(target: TargetProfile, plan: ConnectorPlan | null): string {
  const product = productNoun(target);
  const test =
    plan?.authorization === 'test'
      ? `This test sign-in proves the app is set up for ${product}; its token is revoked after Verify. ${productNounAtStart(target)} signs in by itself later. `
      : '';
  if (plan?.accountType !== 'team_admin')
    return `${test}Sign in to Dropbox with the account the connector should use, and press Allow.`;
  const who = target.scopes.editable ? 'The team scopes you ticked need' : `${product} needs`;
  return `${test}Sign in to Dropbox as a team admin and press Allow. ${who} a token for the whole team.`;
}

/** Adds the button core did not name: the next port for a busy one, a fresh attempt for the rest. */
export function mapError(error: WizardError): WizardError {
  if (error.code === 'port_busy') return { ...error, action: 'next_port' };
  if (AUTHORIZE_AGAIN_CODES.has(error.code)) return { ...error, action: 'authorize_again' };
  return error;
}
