/**
 * "Create app": the key and secret checked with Dropbox (`check/app`), then the redirect URIs the
 * flow needs pre-flighted (the wizard's loopback URIs, and the product's own on app-only
 * targets), learning on the way whether the app accepts PKCE. Nothing is persisted until
 * Dropbox accepts the pair: a secret pasted into the key field must never reach disk.
 */
import type {
  AppCheckReport,
  CheckResult,
  RedirectMode,
  TargetProfile,
} from '../../shared/contract';
import { fail, ok, type Result, type WizardError } from '../../shared/result';
import { checkAppCredentials as checkAppOnDropbox } from '../dropbox/app-credentials-check';
import { result } from '../dropbox/check-result';
import type { DropboxContext } from '../dropbox/context';
import type { DropboxEndpoints } from '../dropbox/endpoints';
import { toWizardError } from '../failure';
import { buildAuthorizeUrl, createPkce } from '../dropbox/authorize-request';
import { preflightAuthorize } from '../dropbox/preflight';
import { ERROR_CATALOGUE } from '../errors';
import { cleanPastedValue } from '../input/paste-hygiene';
import type { Session } from './session';
import { invalidateFrom, withCompleted } from './draft';

export interface AppCheckDeps {
  readonly session: Session;
  readonly ctx: DropboxContext;
  readonly endpoints: DropboxEndpoints;
  readonly redirectUris: readonly string[];
  readonly log: (line: string) => void;
}

// One CheckResult builder for every check, Dropbox's and the wizard's.
const check = result;

/** Pre-flights one authorize URL; the error Dropbox's page names, or null when it is accepted. */
async function preflight(
  deps: AppCheckDeps,
  appKey: string,
  redirectUri: string | null,
  codeChallenge?: string,
): Promise<WizardError | null> {
  const url = buildAuthorizeUrl(deps.endpoints, {
    appKey,
    redirectUri,
    state: redirectUri ? 'preflight' : null,
    forceReauthentication: false,
    ...(codeChallenge ? { codeChallenge } : {}),
  });
  try {
    await preflightAuthorize(deps.ctx, url);
    return null;
  } catch (error) {
    return toWizardError(error);
  }
}

/**
 * Whether the app accepts PKCE, read from Dropbox's answer to a PKCE authorize request. `null`
 * when the page failed for another reason (that failure is reported by the redirect checks).
 */
async function learnPkce(
  deps: AppCheckDeps,
  target: TargetProfile,
  appKey: string,
  redirectUri: string | null,
): Promise<boolean | null> {
  if (target.pkce === 'never') return false;
  const { challenge } = await createPkce();
  const error = await preflight(deps, appKey, redirectUri, challenge);
  if (!error) return true;
  return error.code === 'public_clients_disallowed' ? false : null;
}

async function redirectChecks(
  deps: AppCheckDeps,
  target: TargetProfile,
  appKey: string,
  mode: RedirectMode,
  productUris: readonly string[],
): Promise<CheckResult[]> {
  const checks: CheckResult[] = [];
  // The product signs in through its own URI: it must be registered, whatever the wizard uses.
  const product = await Promise.all(
    productUris.map(async (uri) => ({ uri, error: await preflight(deps, appKey, uri) })),
  );
  for (const { uri, error } of product) {
    checks.push(
      error
        ? check(
            `product_redirect_uri:${uri}`,
            `${target.name} redirect URI`,
            'fail',
            error.message,
            error,
          )
        : check(
            `product_redirect_uri:${uri}`,
            `${target.name} redirect URI`,
            'pass',
            `Dropbox accepts ${uri}.`,
          ),
    );
  }

  if (mode === 'manual') {
    // No redirect URI: still pre-flight the bare authorize URL (app disabled, user limit…).
    const error = await preflight(deps, appKey, null);
    checks.push(
      error
        ? check('authorize_page', 'Dropbox sign-in page', 'fail', error.message, error)
        : check(
            'redirect_uri',
            'Redirect URI registered',
            'info',
            'Skipped: you will paste the code Dropbox shows after you press Allow.',
          ),
    );
    return checks;
  }
  // The default URI must work; alternates only matter when the default port is busy. On app-only
  // targets the wizard's URI serves only its own test sign-in, which the shown code can replace.
  const results = await Promise.all(
    deps.redirectUris.map(async (uri) => ({ uri, error: await preflight(deps, appKey, uri) })),
  );
  const [first, ...rest] = results;
  if (first) {
    const appOnly = target.flow === 'app-only';
    checks.push(
      !first.error
        ? check('redirect_uri', 'Redirect URI registered', 'pass', `Dropbox accepts ${first.uri}.`)
        : appOnly && first.error.code === 'redirect_uri_not_registered'
          ? check(
              'redirect_uri',
              'Wizard redirect URI (for the test sign-in)',
              'warn',
              `${first.uri} is not registered. ${target.name} does not need it; register it to test the sign-in from the wizard, or choose "Dropbox showed me a code" when you authorize.`,
            )
          : check(
              'redirect_uri',
              'Redirect URI registered',
              'fail',
              first.error.message,
              first.error,
            ),
    );
  }
  const missingAlternates = rest
    .filter((r) => r.error?.code === 'redirect_uri_not_registered')
    .map((r) => r.uri);
  if (first && !first.error && missingAlternates.length > 0) {
    checks.push(
      check(
        'redirect_uri_alternates',
        'Alternate redirect URIs',
        'warn',
        `Not registered: ${missingAlternates.join(', ')}. If port ${new URL(first.uri).port} is busy when you sign in, the wizard needs one of these; add them under App Console → Settings → OAuth 2 → Redirect URIs.`,
      ),
    );
  }
  return checks;
}

export interface AppCheckInput {
  readonly appKey: string;
  readonly appSecret?: string;
  readonly redirectMode?: RedirectMode;
}

export async function checkApp(
  deps: AppCheckDeps,
  input: AppCheckInput,
  typedKey: (key: string | null) => void,
): Promise<Result<AppCheckReport>> {
  const { session } = deps;
  const target = session.needsTarget();
  if (!target.ok) return target;
  const progress = session.progress();
  const key = cleanPastedValue('app_key', input.appKey);
  if (key.problem) return fail(key.problem);
  const secretInput =
    input.appSecret === undefined ? null : cleanPastedValue('app_secret', input.appSecret);
  if (secretInput?.problem) return fail(secretInput.problem);
  const secret =
    secretInput?.value || (key.value === progress.appKey ? session.secret('appSecret') : null);
  if (secret && secret === key.value) {
    return fail({
      code: 'wrong_field',
      message: 'You pasted the App key into App secret.',
      remedy:
        'In the App Console (your app → Settings), press Show next to App secret and copy that value.',
      action: 'edit_credentials',
      field: 'app_secret',
    });
  }
  if (!key.value || !secret) {
    return fail({
      code: 'no_credentials',
      message: key.value ? 'The App secret is empty.' : 'The App key is empty.',
      remedy: 'Copy both from App Console → your app → Settings (press "Show" next to App secret).',
      action: 'edit_credentials',
      field: key.value ? 'app_secret' : 'app_key',
    });
  }
  typedKey(key.value);

  const appCheck = await checkAppOnDropbox(deps.ctx, { appKey: key.value, appSecret: secret });
  if (appCheck.status !== 'pass') {
    if (appCheck.error?.code === 'bad_app_credentials') {
      // A swapped pair is the commonest paste slip, and Dropbox accepts it the right way round.
      const swapped = await checkAppOnDropbox(deps.ctx, { appKey: secret, appSecret: key.value });
      if (swapped.status === 'pass') {
        typedKey(null);
        deps.log('[wizard] app check: key and secret were swapped');
        return fail({
          code: 'swapped_credentials',
          message: 'The App key and the App secret are the wrong way round.',
          remedy: ERROR_CATALOGUE.swapped_credentials.remedy,
          action: 'edit_credentials',
          field: 'app_key',
        });
      }
    }
    // Nothing is saved: the typed key stays on screen (in memory) for the admin to correct.
    session.save(invalidateFrom(progress, 'create-app'));
    deps.log(`[wizard] app check: app_credentials=${appCheck.status}`);
    return ok({ checks: [appCheck], passed: false });
  }

  // Accepted: now the key is a key, and the secret belongs to it.
  const keyChanged = key.value !== progress.appKey;
  typedKey(null);
  if (keyChanged) session.deleteSecret('refreshToken');
  session.setSecret('appSecret', secret);
  const mode = input.redirectMode ?? 'loopback';
  const productUris = session.plan()?.productRedirectUris ?? [];
  const pkceAllowed = await learnPkce(
    deps,
    target.value,
    key.value,
    mode === 'manual' ? null : (deps.redirectUris[0] ?? null),
  );
  const checks = [
    appCheck,
    ...(await redirectChecks(deps, target.value, key.value, mode, productUris)),
  ];
  if (pkceAllowed === false && target.value.pkce !== 'never') {
    checks.push(
      check(
        'pkce',
        'PKCE',
        'info',
        `${ERROR_CATALOGUE.public_clients_disallowed.cause.replace('The app has', 'This app has')} The wizard signs in without PKCE; it keeps the app secret on this computer, so the code exchange is still bound to the app.`,
      ),
    );
  }
  const passed = checks.every((c) => c.status !== 'fail');
  const base = keyChanged ? invalidateFrom(progress, 'create-app') : {};
  session.save({
    ...base,
    appKey: key.value,
    redirectMode: mode,
    pkceAllowed,
    appChecks: checks,
    completed: passed
      ? withCompleted(base.completed ?? progress.completed, 'create-app')
      : (invalidateFrom(progress, 'create-app').completed ?? []),
  });
  deps.log(`[wizard] app check: ${checks.map((c) => `${c.id}=${c.status}`).join(' ')}`);
  return ok({ checks, passed });
}
