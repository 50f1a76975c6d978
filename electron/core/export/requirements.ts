/**
 * What each ExportRequirement means and, when it is not met, what the admin is told: which value
 * is missing and which wizard step supplies it. Messages never quote a value, so no secret can
 * reach an error text.
 */
import type { TargetProfile } from '../../shared/contract';
import { STEP_TITLES } from '../../shared/steps';
import { WizardFailure } from '../failure';
import type { ExportInput, ExportRequirement } from './exporter';

export interface MissingValue {
  /** Completes "The <format> cannot be written yet: …". */
  readonly what: string;
  readonly remedy: string;
}

const filled = (value: string | null | undefined): boolean =>
  typeof value === 'string' && value.trim() !== '';

export function isRequirementMet(input: ExportInput, requirement: ExportRequirement): boolean {
  switch (requirement) {
    case 'app_key':
      return filled(input.appKey);
    case 'app_secret':
      return filled(input.appSecret);
    case 'refresh_token':
      return filled(input.refreshToken);
    case 'access_token':
      return filled(input.accessToken?.value);
    case 'identity':
      return (
        input.identity !== null &&
        input.identity.accountId !== null &&
        input.identity.email !== null
      );
    case 'verified':
      // Warnings are fine (an extra scope); a failed check means Verify has not passed.
      return input.checks.length > 0 && input.checks.every((check) => check.status !== 'fail');
    case 'redirect_uri':
      return input.redirectUris.some(filled);
    case 'scopes':
      return input.scopes.some(filled);
  }
}

/** What the admin reads when `requirement` is not met: the value, and the step that supplies it. */
export function missingValueText(
  requirement: ExportRequirement,
  target: TargetProfile,
): MissingValue {
  switch (requirement) {
    case 'app_key':
      return {
        what: 'the App key is missing',
        remedy: `Go back to ${STEP_TITLES['create-app']} and enter the App key.`,
      };
    case 'app_secret':
      return {
        what: 'the App secret is missing',
        remedy: `Go back to ${STEP_TITLES['create-app']} and enter the App secret.`,
      };
    case 'refresh_token':
      return {
        what: 'there is no refresh token',
        remedy: `Go back to ${STEP_TITLES.authorize} and sign in again.`,
      };
    case 'access_token':
      return {
        what: 'there is no current access token',
        remedy: `Go back to ${STEP_TITLES.authorize} and sign in again.`,
      };
    case 'identity':
      return {
        what: 'the signed-in account is not known',
        remedy: `Go back to ${STEP_TITLES.verify} and run it again.`,
      };
    case 'verified':
      return {
        what: 'the checks have not all passed',
        remedy: `Go back to ${STEP_TITLES.verify}, fix what it reports and run it again.`,
      };
    case 'redirect_uri':
      return {
        what: "the product's redirect URI is not known",
        remedy:
          target.inputs.length > 0
            ? `Go back to ${STEP_TITLES.target} and fill in ${target.inputs.map((i) => i.label).join(' and ')}.`
            : `Go back to ${STEP_TITLES['create-app']} and register the redirect URI.`,
      };
    case 'scopes':
      return {
        what: 'no scope is chosen',
        remedy: `Go back to ${STEP_TITLES.permissions} and tick at least one scope.`,
      };
  }
}

/** The one error every exporter throws for a missing or unusable value. */
export function exportFailure(formatLabel: string, missing: MissingValue): WizardFailure {
  return new WizardFailure({
    code: 'export_failed',
    message: `The ${formatLabel} cannot be written yet: ${missing.what}.`,
    remedy: missing.remedy,
    action: 'retry',
  });
}

/** Throws for the first unmet requirement, in the order given. */
export function assertRequirements(
  formatLabel: string,
  input: ExportInput,
  requirements: readonly ExportRequirement[],
): void {
  for (const requirement of requirements) {
    if (!isRequirementMet(input, requirement)) {
      throw exportFailure(formatLabel, missingValueText(requirement, input.target));
    }
  }
}
