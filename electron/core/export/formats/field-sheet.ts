/**
 * A plain-text sheet to type from: each of the product's form fields as `<label>: <value>`, in
 * the order the product's form asks (the profile's `outputs`), with where a field lives when that
 * is not obvious, then the product's own steps, numbered. What it needs depends on the profile,
 * hence `requirementsFor`.
 */
import type { ExportField, OutputKey, TargetProfile } from '../../../shared/contract';
import { REDACTED, type ExportInput, type ExportRequirement, type Exporter } from '../exporter';
import { assertRequirements } from '../requirements';
import { wizardHeader } from '../wizard-header';

const LABEL = 'field sheet';
export const FIELD_SHEET_FORMAT_VERSION = 'field-sheet/v1';

const NEEDS: Readonly<Record<OutputKey, ExportRequirement>> = {
  app_key: 'app_key',
  app_secret: 'app_secret',
  refresh_token: 'refresh_token',
  redirect_uri: 'redirect_uri',
  account_email: 'identity',
  scopes: 'scopes',
};

function requirementsFor(target: TargetProfile): readonly ExportRequirement[] {
  return [...new Set(target.outputs.map((field) => NEEDS[field.key]))];
}

/** The value a form field carries; requirements are checked first, so none is missing here. */
export function outputValue(input: ExportInput, key: OutputKey): string {
  switch (key) {
    case 'app_key':
      return input.appKey.trim();
    case 'app_secret':
      return input.appSecret.trim();
    case 'refresh_token':
      return (input.refreshToken ?? '').trim();
    case 'redirect_uri':
      return input.redirectUris[0] ?? '';
    case 'account_email':
      return input.identity?.email ?? '';
    case 'scopes':
      return input.scopes.join(' ');
  }
}

function fieldLines(input: ExportInput, field: ExportField): string[] {
  const lines = [`${field.label}: ${outputValue(input, field.key)}`];
  if (field.where !== undefined) lines.push(`  Where: ${field.where}`);
  return lines;
}

export const FIELD_SHEET: Exporter = {
  id: 'field-sheet',
  label: 'Field sheet',
  extension: 'txt',
  description: "Each value under the name the product's form gives it, in the form's order.",
  requires: [],
  requirementsFor,
  render(input) {
    const { target } = input;
    assertRequirements(LABEL, input, requirementsFor(target));
    const secrets = target.outputs.filter((field) => field.secret);
    const names = secrets.map((field) => field.label).join(', ');
    // The support copy says so instead of asking the reader to guard secrets it does not hold.
    const redacted =
      secrets.length > 0 && secrets.every((field) => outputValue(input, field.key) === REDACTED);
    const lines = [wizardHeader(target.id, FIELD_SHEET_FORMAT_VERSION, input.now), ''];
    lines.push(`Dropbox connection values for ${target.name}`);
    if (redacted) lines.push(`Support copy: ${names} replaced by ${REDACTED}.`);
    else if (secrets.length > 0)
      lines.push(
        `Secret: ${names}. Keep this sheet private and delete it once the values are entered.`,
      );
    lines.push(
      '',
      'Fields, in the order the form asks for them:',
      ...target.outputs.flatMap((field) => fieldLines(input, field)),
    );
    if (target.handoff.length > 0) {
      lines.push('', 'Steps:');
      target.handoff.forEach((step, index) => lines.push(`${index + 1}. ${step}`));
    }
    return `${lines.join('\n')}\n`;
  },
};
