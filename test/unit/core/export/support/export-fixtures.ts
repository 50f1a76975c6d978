/**
 * Fixed fake values and inputs for the exporter table test and its golden files: every profile in
 * TARGETS with the input the wizard would hold at Export for its flow shape.
 */
import type { CheckResult, Identity, TargetProfile } from '../../../../../electron/shared/contract';
import type { ExportInput } from '../../../../../electron/core/export/exporter';
import { TARGETS } from '../../../../../electron/core/targets/registry';
import { productRedirectUrisFor } from '../../../../../electron/core/targets/rules';

export const APP_KEY = 'fakeappkey0x1y2';
export const APP_SECRET = 'fakesecretq7w8e';
export const REFRESH_TOKEN = 'FAKErefreshAAAAAAAAAAAA-Zz0123456789_abcdefghijklmnopqrstuvwxyzFAKE';
export const ACCESS_TOKEN = 'sl.FAKEaccessBBBBBBBBBBBB-Yy9876543210_zyxwvutsrqponmlkjihgfedcbaFAKE';
/** Every value a redacted export must never contain. */
export const SECRET_VALUES = [APP_SECRET, REFRESH_TOKEN, ACCESS_TOKEN] as const;

export const NOW = new Date('2026-11-23T10:00:00.123Z');
export const ACCESS_EXPIRES_AT = new Date('2026-11-23T14:00:00.123Z');

export const TEAM_IDENTITY: Identity = {
  tokenKind: 'team',
  accountId: 'dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc',
  email: 'admin@example.com',
  emailVerified: true,
  displayName: 'Alex Admin',
  teamId: 'dbtid:AAFdgehTzw7WlXhZJsbGCLePe8RvQGYDr-I',
  teamName: 'Example Ltd',
  isTeamAdmin: true,
};

export const USER_IDENTITY: Identity = {
  tokenKind: 'user',
  accountId: 'dbid:AAB7c1dEf2Gh3Ij4Kl5Mn6Op7Qr8St9Uv0Wx',
  email: 'pat@example.com',
  emailVerified: true,
  displayName: 'Pat Person',
  teamId: null,
  teamName: null,
  isTeamAdmin: null,
};

export const CHECKS: readonly CheckResult[] = [
  {
    id: 'app_credentials',
    label: 'App key and secret',
    status: 'pass',
    detail: 'Dropbox accepted the App key and App secret.',
  },
  {
    id: 'identity',
    label: 'Account',
    status: 'pass',
    detail: 'Signed in as the expected account.',
  },
  { id: 'scopes', label: 'Scopes', status: 'pass', detail: 'Every required scope was granted.' },
];

/** Every profile the wizard ships. */
export function exportProfiles(): readonly TargetProfile[] {
  return TARGETS;
}

/** Input values a fake admin gave: the default, or a fixed example for empty ones. */
function inputsFor(target: TargetProfile): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const input of target.inputs) {
    inputs[input.id] =
      input.defaultValue !== ''
        ? input.defaultValue
        : input.kind === 'url'
          ? 'https://cerb.example.com'
          : input.kind === 'email'
            ? 'admin@example.com'
            : 'example';
  }
  return inputs;
}

/** The input the wizard would have at Export for this profile, with fixed fake values. */
export function fixtureInput(
  target: TargetProfile,
  overrides: Partial<ExportInput> = {},
): ExportInput {
  const inputs = inputsFor(target);
  const base: ExportInput = {
    target,
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    refreshToken: REFRESH_TOKEN,
    accessToken: { value: ACCESS_TOKEN, expiresAt: ACCESS_EXPIRES_AT },
    scopes: target.scopes.required,
    identity: target.account === 'team_admin' ? TEAM_IDENTITY : USER_IDENTITY,
    checks: CHECKS,
    inputs,
    redirectUris: productRedirectUrisFor(target, inputs),
    now: NOW,
  };
  if (target.flow === 'app-only') {
    // The test authorization was online-only and revoked: nothing long-lived is left.
    return { ...base, refreshToken: null, accessToken: null, ...overrides };
  }
  if (target.flow === 'prerequisites-only') {
    return {
      ...base,
      appKey: '',
      appSecret: '',
      refreshToken: null,
      accessToken: null,
      scopes: [],
      identity: null,
      checks: [],
      ...overrides,
    };
  }
  return { ...base, ...overrides };
}
