/**
 * The verification report's content, format-neutral: the facts, scopes and check rows both
 * renderers (report-markdown.ts, report-html.ts) lay out, every value scrubbed of anything shaped
 * like a Dropbox token first.
 */
import type { CheckResult, CheckStatus, Identity, TargetProfile } from '../../shared/contract';

export interface ReportInput {
  readonly connectorName: string;
  readonly target: TargetProfile;
  readonly appKey: string;
  readonly identity: Identity | null;
  readonly requiredScopes: readonly string[];
  readonly grantedScopes: readonly string[];
  readonly checks: readonly CheckResult[];
  /** When the checks ran; null when the connector was never checked. */
  readonly checkedAt: Date | null;
  readonly generatedAt: Date;
  readonly wizardVersion: string;
  /**
   * When the setup-time facts (who signed in, granted scopes) were recorded; facts a check did
   * not prove now are marked "recorded at setup <date>", never shown as current.
   */
  readonly recordedAt?: Date | null;
}

export type ReportFormat = 'markdown' | 'html';

export const REPORT_TITLE = 'Dropbox connector verification report';
export const NO_SECRET_FOOTER =
  'No secret is included in this report: no app secret, authorization code, access token or refresh token. Anything that looks like a Dropbox token is removed from check details.';
const TOKEN_REMOVED = '(token removed)';

// ---- Scrubbing and the Dropbox request id --------------------------------------------------

/** `sl.` / `sl.u.` short-lived access tokens. */
const SL_TOKEN = /(?<![A-Za-z0-9])sl\.[A-Za-z0-9._~+/=-]{8,}/g;
/** Refresh tokens (64), authorization codes (43) and anything else that long in base64url. */
const LONG_BASE64URL = /[A-Za-z0-9_-]{43,}={0,2}/g;

/** Removes anything shaped like a Dropbox token, and line breaks (every value is one line). */
export function scrubTokens(value: string): string {
  return value
    .replace(SL_TOKEN, TOKEN_REMOVED)
    .replace(LONG_BASE64URL, TOKEN_REMOVED)
    .replace(/[\r\n\t]+/g, ' ');
}

/** `describeReply` in dropbox/http.ts writes `(X-Dropbox-Request-Id <32 hex>)`. */
const REQUEST_ID =
  /(?:x-dropbox-request-id|request[ _-]?id)[\s:=]{1,3}([0-9a-f]{8,64})(?![0-9a-z])/i;

/** Dropbox's request id from a check's error detail (or its own detail), or null. */
export function requestIdOf(check: CheckResult): string | null {
  for (const text of [check.error?.detail, check.detail]) {
    const id = text ? REQUEST_ID.exec(text)?.[1] : undefined;
    if (id) return id.toLowerCase();
  }
  return null;
}

// ---- The report's content, format-neutral ---------------------------------------------------

export type ScopeState = 'ok' | 'missing' | 'extra';

export interface ScopeRow {
  readonly id: string;
  readonly required: boolean;
  readonly granted: boolean;
  readonly state: ScopeState;
}

export interface CheckRow {
  readonly status: CheckStatus;
  readonly label: string;
  readonly detail: string;
  readonly requestId: string | null;
  /** Failures and warnings that carry an error: what to do, and the detail for support. */
  readonly fix: string | null;
  readonly supportDetail: string | null;
}

export interface Model {
  readonly heading: string;
  readonly generated: string;
  readonly checked: string;
  readonly verdict: string;
  readonly verdictClass: 'pass' | 'fail' | 'warn' | 'info';
  readonly facts: readonly (readonly [string, string])[];
  readonly scopeSummary: string;
  readonly scopes: readonly ScopeRow[];
  readonly checks: readonly CheckRow[];
  readonly wizard: string;
}

export const STATUS_TEXT: Readonly<Record<CheckStatus, string>> = {
  pass: '✓ Pass',
  fail: '✗ Fail',
  warn: '! Warning',
  info: 'i Info',
};

export const SCOPE_TEXT: Readonly<Record<ScopeState, string>> = {
  ok: '✓',
  missing: 'missing',
  extra: 'extra',
};

/** `2026-12-04 10:15:00 UTC`. */
export function utc(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'unknown time';
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

const clean = (value: string | null | undefined): string => scrubTokens(value ?? '').trim();

/** "verified now (…)" when a check proved it in this check, else "recorded at setup …". */
function provenance(input: ReportInput, checkId: string): string {
  const proved = input.checks.some((c) => c.id === checkId && c.status === 'pass');
  if (proved && input.checkedAt) return `verified now (${utc(input.checkedAt)})`;
  return input.recordedAt ? `recorded at setup ${utc(input.recordedAt)}` : 'recorded at setup';
}

function accountFacts(identity: Identity | null): (readonly [string, string])[] {
  if (!identity) {
    return [
      ['Token', 'Not known (no check with a working token yet)'],
      ['Team', 'Not known'],
      ['Signed-in account', 'Not known'],
    ];
  }
  const team = identity.teamId
    ? `${clean(identity.teamName) || 'name not known'} (${clean(identity.teamId)})`
    : identity.tokenKind === 'user'
      ? 'None (personal account)'
      : 'Not known';
  const who = [clean(identity.displayName), clean(identity.email)].filter((v) => v !== '');
  const account =
    (who.length > 0 ? who.join(', ') : 'Name and email not known') +
    (identity.accountId ? ` (${clean(identity.accountId)})` : '');
  const admin = identity.isTeamAdmin === null ? 'Not known' : identity.isTeamAdmin ? 'Yes' : 'No';
  return [
    ['Token', identity.tokenKind === 'team' ? 'Team token' : 'User token'],
    ['Team', team],
    [identity.tokenKind === 'team' ? 'Admin (signed in)' : 'Signed-in account', account],
    ['Team admin', admin],
  ];
}

function scopeRows(required: readonly string[], granted: readonly string[]): ScopeRow[] {
  const grantedSet = new Set(granted.map(clean));
  const requiredIds = [...new Set(required.map(clean))];
  const requiredSet = new Set(requiredIds);
  const extras = [...grantedSet].filter((id) => !requiredSet.has(id)).sort();
  return [
    ...requiredIds.map((id) => {
      const has = grantedSet.has(id);
      return { id, required: true, granted: has, state: has ? 'ok' : 'missing' } as const;
    }),
    ...extras.map((id) => ({ id, required: false, granted: true, state: 'extra' }) as const),
  ];
}

function checkRows(checks: readonly CheckResult[]): CheckRow[] {
  return checks.map((check) => {
    const troubled = check.status === 'fail' || check.status === 'warn';
    const error = troubled ? check.error : undefined;
    const said = clean(error?.detail);
    return {
      status: check.status,
      label: clean(check.label) || clean(check.id),
      detail: clean(check.detail),
      requestId: requestIdOf(check),
      fix: error ? clean(error.remedy) || null : null,
      supportDetail: said !== '' && said !== clean(check.detail) ? said : null,
    };
  });
}

const checksWord = (n: number): string => (n === 1 ? '1 check' : `${n} checks`);

function verdictOf(checks: readonly CheckResult[]): Pick<Model, 'verdict' | 'verdictClass'> {
  if (checks.length === 0) return { verdict: 'Not checked yet', verdictClass: 'info' };
  const failed = checks.filter((c) => c.status === 'fail').length;
  const warned = checks.filter((c) => c.status === 'warn').length;
  const n = checks.length;
  if (failed > 0) {
    return { verdict: `Failed: ${failed} of ${checksWord(n)} failed`, verdictClass: 'fail' };
  }
  if (warned > 0) {
    return {
      verdict: `Passed with ${warned === 1 ? 'a warning' : `${warned} warnings`} (${checksWord(n)})`,
      verdictClass: 'warn',
    };
  }
  return {
    verdict: n === 1 ? 'Passed: the one check passed' : `Passed: all ${n} checks passed`,
    verdictClass: 'pass',
  };
}

export function buildModel(input: ReportInput): Model {
  const scopes = scopeRows(input.requiredScopes, input.grantedScopes);
  const count = (state: ScopeState): number => scopes.filter((s) => s.state === state).length;
  const requiredCount = scopes.filter((s) => s.required).length;
  const grantedCount = scopes.filter((s) => s.granted).length;
  const target = `${clean(input.target.name)} (${clean(input.target.id)})`;
  const who = provenance(input, 'identity');
  const proved = input.checks.filter((c) => c.id.startsWith('probe:') && c.status === 'pass');
  const scopesProvenance = `Granted scopes ${input.recordedAt ? `recorded at setup ${utc(input.recordedAt)}` : 'recorded at setup'}; ${proved.length} of ${requiredCount} required scopes verified by a call${input.checkedAt ? ` at ${utc(input.checkedAt)}` : ''}.`;
  return {
    heading: `${REPORT_TITLE}: ${clean(input.connectorName) || target}`,
    generated: utc(input.generatedAt),
    checked: input.checkedAt ? utc(input.checkedAt) : 'Never',
    ...verdictOf(input.checks),
    facts: [
      ['Connector', clean(input.connectorName) || target],
      ['Target', target],
      ['App key', clean(input.appKey) || 'Not entered'],
      ...accountFacts(input.identity).map(([label, value]): readonly [string, string] =>
        input.identity ? [label, `${value} — ${who}`] : [label, value],
      ),
    ],
    scopeSummary: `${requiredCount} required, ${grantedCount} granted, ${count('missing')} missing, ${count('extra')} extra. ${scopesProvenance}`,
    scopes,
    checks: checkRows(input.checks),
    wizard: `Dropbox Connector Wizard ${clean(input.wizardVersion)}`,
  };
}
