/**
 * Every rule derived from a target profile, computed once here: which scopes the token must
 * carry, who must sign in, which steps apply, the product's redirect URIs with the admin's inputs
 * filled in. The wizard sends the result to the renderer as `ConnectorPlan`; the CLI and health
 * checks call the same functions. Nothing else may re-derive these.
 */
import type {
  AccountType,
  ConnectorPlan,
  ExportFormatInfo,
  PlanStep,
  ProfileInput,
  RedirectMode,
  ScopeInfo,
  TargetProfile,
} from '../../shared/contract';
import { STEP_IDS, STEP_TITLES, type StepId } from '../../shared/steps';
import { ALWAYS_REQUIRED_SCOPE } from './profiles/shared-fields';
import { getScope, isKnownScope, isTeamScope, SCOPE_DEPENDENCIES } from './scopes';

function sortedUnique(scopes: Iterable<string>): string[] {
  return [...new Set(scopes)].sort();
}

/**
 * The scopes the token must carry, sorted and deduplicated. Fixed targets ignore `customScopes`.
 * Editable targets take the admin's ticks, drop strings that are not Dropbox scopes (they could
 * never be granted, so Verify would fail forever), and add account_info.read (Dropbox registers
 * it on every app) plus the App Console dependencies of what was ticked.
 */
export function requiredScopesFor(
  target: TargetProfile,
  customScopes: readonly string[],
): string[] {
  if (!target.scopes.editable) return sortedUnique(target.scopes.required);
  const chosen = new Set<string>([ALWAYS_REQUIRED_SCOPE]);
  for (const scope of customScopes) if (isKnownScope(scope)) chosen.add(scope);
  for (const scope of [...chosen]) {
    for (const dependency of SCOPE_DEPENDENCIES[scope] ?? []) chosen.add(dependency);
  }
  return sortedUnique(chosen);
}

/** The ticks an editable target starts with (its `scopes.required`). */
export function initialCustomScopes(target: TargetProfile): string[] {
  return target.scopes.editable ? sortedUnique(target.scopes.required) : [];
}

/**
 * Who must sign in. Any team scope makes Dropbox issue a team token, which only a team admin can
 * authorize ("Only team admins can perform the authorization for Dropbox Business API apps", dropbox-sdk-dotnet#22), whatever the profile says: a `user` target with editable scopes
 * (Cerb) where the admin ticks a team scope needs a team admin too. Otherwise the profile's fixed
 * requirement holds (Defender needs a team admin with no scopes at all); `by_scopes` means any
 * account will do.
 */
export function accountTypeFor(target: TargetProfile, scopes: readonly string[]): AccountType {
  if (scopes.some(isTeamScope)) return 'team_admin';
  return target.account === 'by_scopes' ? 'user' : target.account;
}

/** The steps this target's flow has, titled for it. */
export function stepPlan(target: TargetProfile): PlanStep[] {
  const applies = (id: StepId): boolean => {
    if (target.flow === 'prerequisites-only')
      return id === 'target' || id === 'checklist' || id === 'export';
    return id !== 'checklist';
  };
  return STEP_IDS.filter(applies).map((id) => ({
    id,
    title:
      id === 'authorize' && target.flow === 'app-only'
        ? 'Test authorization'
        : id === 'export' && target.flow === 'prerequisites-only'
          ? 'Summary'
          : STEP_TITLES[id],
  }));
}

/**
 * How the sign-in returns the code unless the admin chooses otherwise. An app-only product signs
 * in by itself through its own redirect URI; the wizard's sign-in is only a test, so it leaves out
 * redirect_uri and Dropbox shows the code to paste back ("If the redirect URI is omitted, the code
 * will be presented directly to the user": Dropbox .NET SDK, DropboxOAuth2Helper.GetAuthorizeUri).
 * The product's live app then needs no loopback redirect URI for the wizard.
 */
export function defaultRedirectMode(target: TargetProfile): RedirectMode {
  return target.flow === 'app-only' ? 'manual' : 'loopback';
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Trims a base URL the admin pasted: no trailing slash, no query or fragment. Only https, or http
 * on a loopback host: URL inputs become redirect URIs, and Dropbox refuses an http redirect URI
 * on any other host (icidasset/diffuse#274: "Dropbox does not support HTTP redirect URIs").
 */
function normalizeBaseUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  const secure = url.protocol === 'https:';
  if (!secure && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) return null;
  if (url.username || url.password) return null;
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

// Line breaks and other control characters would break out of a line in an export (an rclone.conf
// section name, an env file), and no product value contains one.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** One @, something on each side, a dot in the domain, no spaces: enough to catch a slip. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Why an input value is unusable, or null when it is fine. */
export function inputProblem(input: ProfileInput, value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return `${input.label} is empty.`;
  if (trimmed.length > 512) return `${input.label} is too long.`;
  if (CONTROL_CHARACTERS.test(trimmed)) return `${input.label} must be on one line.`;
  if (input.kind === 'email' && !EMAIL_SHAPE.test(trimmed)) {
    return `${input.label} must be an email address, like admin@example.com.`;
  }
  if (input.kind === 'url' && normalizeBaseUrl(trimmed) === null) {
    return `${input.label} must be a web address starting with https:// (as you see it in your browser).`;
  }
  return null;
}

/** The value an input contributes to templates: URLs normalised, text trimmed; null when unusable. */
export function inputValue(input: ProfileInput, value: string | undefined): string | null {
  const raw = value ?? input.defaultValue;
  if (inputProblem(input, raw) !== null) return null;
  return input.kind === 'url' ? normalizeBaseUrl(raw) : raw.trim();
}

/** The product's redirect URIs with `{input:<id>}` filled in; those with a missing input left out. */
export function productRedirectUrisFor(
  target: TargetProfile,
  inputs: Readonly<Record<string, string>>,
): string[] {
  const resolved: string[] = [];
  for (const template of target.appConsole.productRedirectUris) {
    let missing = false;
    const uri = template.replace(/\{input:([a-z0-9_]+)\}/g, (_, id: string) => {
      const input = target.inputs.find((candidate) => candidate.id === id);
      const value = input ? inputValue(input, inputs[id]) : null;
      if (value === null) missing = true;
      return value ?? '';
    });
    if (!missing) resolved.push(uri);
  }
  return resolved;
}

/**
 * The product's steps with `{input:<id>}` filled in. A value still missing reads as the input's
 * label ("the Dropbox team admin's email"), so a step never shows a placeholder.
 */
export function handoffFor(
  target: TargetProfile,
  inputs: Readonly<Record<string, string>>,
): string[] {
  return target.handoff.map((line) =>
    line.replace(/\{input:([a-z0-9_]+)\}/g, (_, id: string) => {
      const input = target.inputs.find((candidate) => candidate.id === id);
      if (!input) return '';
      return inputValue(input, inputs[id]) ?? `the ${input.label}`;
    }),
  );
}

export function missingInputsFor(
  target: TargetProfile,
  inputs: Readonly<Record<string, string>>,
): string[] {
  return target.inputs
    .filter((input) => inputValue(input, inputs[input.id]) === null)
    .map((input) => input.id);
}

function scopeInfo(id: string): ScopeInfo {
  // A scope the catalogue lacks still shows up, grouped by the same rule Verify uses.
  return getScope(id) ?? { id, group: isTeamScope(id) ? 'team' : 'user', meaning: '', probe: null };
}

export interface PlanDraft {
  readonly customScopes: readonly string[];
  readonly inputs: Readonly<Record<string, string>>;
  /** How the admin chose to return the code (absent: the target's default). */
  readonly redirectMode?: RedirectMode;
}

/** The whole plan for the renderer, the CLI and health checks. */
export function derivePlan(
  target: TargetProfile,
  draft: PlanDraft,
  formatInfo: (id: string) => ExportFormatInfo | undefined,
): ConnectorPlan {
  const scopes = requiredScopesFor(target, draft.customScopes);
  return {
    targetId: target.id,
    flow: target.flow,
    steps: stepPlan(target),
    accountType: accountTypeFor(target, scopes),
    requiredScopes: scopes.map(scopeInfo),
    productRedirectUris: productRedirectUrisFor(target, draft.inputs),
    missingInputs: missingInputsFor(target, draft.inputs),
    authorization:
      target.flow === 'full' ? 'connector' : target.flow === 'app-only' ? 'test' : 'none',
    defaultRedirectMode: defaultRedirectMode(target),
    wizardRedirectUrisRemovable:
      target.flow === 'app-only' &&
      (draft.redirectMode ?? defaultRedirectMode(target)) === 'loopback',
    handoff: handoffFor(target, draft.inputs),
    formats: target.formats
      .map(formatInfo)
      .filter((info): info is ExportFormatInfo => info !== undefined),
  };
}
