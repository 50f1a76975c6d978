/**
 * What changed between two health checks of a saved connector, each change with its fix. This is
 * what an admin needs months later: not "12 checks, 2 failed" but "the refresh token was revoked
 * → Reconnect", "files.content.read is no longer ticked on the app → tick it, Submit, Reconnect",
 * "Ada is no longer a team admin → reconnect as another admin", "the app is disabled → App
 * Console".
 */
import type { CheckResult, HealthChange, HealthRecord } from '../../shared/contract';

const RECONNECT = 'Press Reconnect and sign in again; the connector keeps its settings.';

/** The fix for a check that now fails, by what Dropbox said. */
export function breakage(check: CheckResult): Omit<HealthChange, 'id' | 'kind'> {
  const code = check.error?.code;
  if (check.id === 'refresh' || check.id === 'app_credentials') {
    if (code === 'refresh_failed' || code === 'token_invalid') {
      return {
        what: 'Dropbox no longer accepts the refresh token: it was revoked (the app was unlinked, or someone pressed Revoke) or issued to another app.',
        fix: `${RECONNECT} Then give the product the new refresh token.`,
        action: 'reconnect',
      };
    }
    if (code === 'app_disabled') {
      return {
        what: 'The Dropbox app is disabled.',
        fix: 'App Console → your app: enable it again (or create a new app and a new connector).',
        action: 'open_app_console',
      };
    }
    if (code === 'bad_app_credentials' || code === 'swapped_credentials') {
      return {
        what: 'Dropbox rejects the app key and secret: the secret was reset, or the app disabled or deleted.',
        fix: 'App Console → your app → Settings: check the app still exists and copy the App secret again; then Reconnect.',
        action: 'open_app_console',
      };
    }
  }
  if (check.id === 'identity' && code === 'not_team_admin') {
    return {
      what: 'The account that authorized the connector is no longer a team admin.',
      fix: 'Press Reconnect and sign in as a current team admin.',
      action: 'reconnect',
    };
  }
  if (check.id.startsWith('probe:') || check.id === 'scopes') {
    const scope = check.id.startsWith('probe:') ? check.id.slice('probe:'.length) : null;
    if (code === 'scope_not_enabled_on_app') {
      return {
        what: `${scope ?? 'A scope'} is no longer ticked on the app in the App Console.`,
        fix: `App Console → your app → Permissions: tick ${scope ?? 'the scope'} → Submit. Then press Reconnect (a token keeps the scopes it was issued with).`,
        action: 'open_app_console',
      };
    }
    if (code === 'missing_scope') {
      return {
        what: `The token lacks ${scope ?? 'a scope'} the connector needs.`,
        fix: `App Console → your app → Permissions: make sure ${scope ?? 'it'} is ticked → Submit, then press Reconnect.`,
        action: 'reconnect',
      };
    }
  }
  return {
    what: `${check.label}: ${check.detail}`,
    fix: check.error?.remedy ?? 'Press Check now again; if it still fails, Reconnect.',
    action: check.error?.action ?? null,
  };
}

/** Checks that could say nothing (rate limit, network) are not a change of the connector. */
export function isVerdict(check: CheckResult): boolean {
  const code = check.error?.code;
  return code !== 'rate_limited' && code !== 'offline' && code !== 'dropbox_unavailable';
}

export function diffHealth(previous: HealthRecord | null, next: HealthRecord): HealthChange[] {
  if (!previous) return [];
  const before = new Map(previous.checks.map((check) => [check.id, check]));
  const changes: HealthChange[] = [];
  for (const check of next.checks) {
    const old = before.get(check.id);
    // A check that could not reach Dropbox said nothing: what follows it is compared as new.
    const wasOk = !old || old.status !== 'fail' || !isVerdict(old);
    if (check.status === 'fail' && wasOk && isVerdict(check)) {
      changes.push({ id: check.id, kind: 'broke', ...breakage(check) });
    } else if (
      check.status !== 'fail' &&
      old?.status === 'fail' &&
      // A check that could not reach Dropbox before did not break, so it does not recover either.
      isVerdict(old) &&
      check.status !== 'info'
    ) {
      changes.push({
        id: check.id,
        kind: 'recovered',
        what: `${check.label} works again.`,
        fix: 'Nothing to do.',
        action: null,
      });
    }
  }
  // The refresh failing explains everything after it: show it first.
  return changes.sort((a, b) => Number(b.id === 'refresh') - Number(a.id === 'refresh'));
}
