/**
 * Import of a previously exported file (generic JSON, .env, rclone.conf): each credential set in
 * it is checked the way the connector uses it and saved as a new connector with its secrets.
 * A file that cannot be read is refused naming the file, never quoting a value from it.
 */
import type { CheckResult, ConnectorSummary, HealthRecord, Identity } from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/result';
import { checkCredentials, resolveCheckTarget } from '../connectors/health';
import type { DropboxContext } from '../dropbox/context';
import { parseExportFile } from '../export/import/index';
import { containsSecret, hasUnsafeNameCharacter, visibleName } from '../input/name-guard';
import { getTarget } from '../targets/registry';
import { requiredScopesFor } from '../targets/rules';
import { withCompleted } from './draft';
import { MAX_INPUT_LENGTH, MAX_NAME_LENGTH } from './saved-state';
import type { Session } from './session';

/**
 * One import checks each credential set at Dropbox and saves it as a connector: a file with
 * hundreds of remotes would run for minutes and flood the home screen. No real export holds
 * anywhere near this many (one export is one connector; an rclone.conf has a few remotes).
 */
export const MAX_CONNECTORS_PER_IMPORT = 50;

export interface ImportDeps {
  readonly session: Session;
  readonly ctx: DropboxContext;
  readonly now: () => Date;
  readonly log: (line: string) => void;
  /** Leaves the active connector before a new one is made active. */
  readonly leave: () => void;
  readonly summary: (id: string) => ConnectorSummary | null;
}

/** Health checks may say "skipped"; a saved record keeps the four statuses the UI knows. */
export function asCheckResult(check: {
  id: string;
  label: string;
  status: string;
  detail: string;
  error?: CheckResult['error'];
}): CheckResult {
  const status = check.status === 'skipped' ? 'info' : (check.status as CheckResult['status']);
  return check.error
    ? { id: check.id, label: check.label, status, detail: check.detail, error: check.error }
    : { id: check.id, label: check.label, status, detail: check.detail };
}

/** Same app key and same account (or team): the connector these credentials already are. */
function existingConnector(
  session: Session,
  appKey: string,
  identity: Identity | null,
): string | null {
  if (!identity) return null;
  const same = (other: Identity | null): boolean =>
    other !== null &&
    (identity.tokenKind === 'team'
      ? other.teamId !== null && other.teamId === identity.teamId
      : other.accountId !== null && other.accountId === identity.accountId);
  return (
    session.ids().find((id) => {
      const record = session.record(id);
      return record !== null && record.appKey === appKey && same(record.identity);
    }) ?? null
  );
}

/** A name that fits the saved state (never dropped at load): shortened, with a note saying so. */
function fittedName(name: string, notes: string[]): string {
  if (name.length <= MAX_NAME_LENGTH) return name;
  notes.push(
    `The name “${name.slice(0, 40)}…” is ${name.length} characters; it was shortened to ${MAX_NAME_LENGTH}. Rename the connector on its page if you like.`,
  );
  return `${name.slice(0, MAX_NAME_LENGTH - 1)}…`;
}

export interface ImportOutcome {
  readonly imported: ConnectorSummary[];
  readonly existing: ConnectorSummary[];
  readonly notes: string[];
}

/**
 * An rclone remote name becomes the connector's name and its remote_name setting, so it passes
 * the guard a typed name does (`input/name-guard.ts`): no control, invisible or
 * direction-changing character, and never a secret (the file's own secrets, or an access token).
 * Refused before anything is imported, naming the remote (a secret-like one by its place only).
 */
function remoteNameProblem(
  fileName: string,
  parsed: ReturnType<typeof parseExportFile>,
): Result<never> | null {
  const held = parsed.flatMap((r) =>
    r.ok ? [r.credentials.appSecret, r.credentials.refreshToken] : [],
  );
  const remotes = parsed.map((r) => (r.ok ? r.credentials.remote : r.problem.remote));
  for (const [index, remote] of remotes.entries()) {
    if (remote === undefined) continue;
    if (containsSecret(remote, held)) {
      return fail({
        code: 'invalid_input',
        message: `${fileName} cannot be imported: the name of Dropbox remote number ${index + 1} in it looks like a secret (it is not repeated here). Nothing was imported.`,
        remedy:
          'Give that remote an ordinary name in the file (rclone config rename OLD NEW, or retype the [name] line), then import again.',
      });
    }
    if (hasUnsafeNameCharacter(remote)) {
      return fail({
        code: 'invalid_input',
        message: `${fileName} cannot be imported: the remote name [${visibleName(remote)}] contains control, invisible or direction-changing characters (shown as \\u{…}). Nothing was imported.`,
        remedy:
          'Retype that [name] line in the file using letters, digits, spaces, dots, dashes and underscores (or rclone config rename OLD NEW), then import again.',
      });
    }
  }
  return null;
}

/**
 * Reads an exported file, checks each credential set in it, and saves each as a connector. With
 * `update`, credentials already saved update that connector; without, they are only reported.
 */
export async function importConnectors(
  deps: ImportDeps,
  fileName: string,
  text: string,
  update = false,
): Promise<Result<ImportOutcome>> {
  const { session, ctx, leave, summary } = deps;
  const parsed = parseExportFile(fileName, text);
  const badName = remoteNameProblem(fileName, parsed);
  if (badName) return badName;
  const problem = parsed.find((r) => !r.ok);
  const good = parsed.flatMap((r) => (r.ok ? [r.credentials] : []));
  if (good.length === 0) {
    const reason = problem && !problem.ok ? problem.problem.reason : 'no credentials found';
    return fail({
      code: 'invalid_input',
      message: `${fileName} cannot be imported: ${reason}.`,
      remedy:
        'Choose the real export (not the redacted support copy): a dropbox-connector JSON, a .env or an rclone.conf.',
    });
  }
  const tooLong = good.find((c) => (c.remote?.length ?? 0) > MAX_INPUT_LENGTH);
  if (tooLong) {
    return fail({
      code: 'invalid_input',
      message: `${fileName} cannot be imported: a remote name is longer than ${MAX_INPUT_LENGTH} characters.`,
      remedy:
        'Give the remote a shorter name in the file (rclone config rename), then import again.',
    });
  }
  if (good.length > MAX_CONNECTORS_PER_IMPORT) {
    return fail({
      code: 'invalid_input',
      message: `${fileName} holds ${good.length} Dropbox credential sets; one import takes at most ${MAX_CONNECTORS_PER_IMPORT}. Nothing was imported.`,
      remedy: `Split the file so each part has at most ${MAX_CONNECTORS_PER_IMPORT} (for an rclone.conf, only the [remote] sections you want), then import each part.`,
    });
  }
  const outcome: ImportOutcome = { imported: [], existing: [], notes: [] };
  for (const credentials of good) {
    const { target } = resolveCheckTarget(credentials.target, getTarget);
    const scopes = credentials.scopes ?? requiredScopesFor(target, []);
    const report = await checkCredentials(ctx, {
      target,
      appKey: credentials.appKey,
      appSecret: credentials.appSecret,
      refreshToken: credentials.refreshToken,
      customScopes: scopes,
      ...(credentials.tokenKind ? { tokenKind: credentials.tokenKind } : {}),
      grantedScopes: scopes,
    });
    const known = existingConnector(session, credentials.appKey, report.identity);
    if (known && !update) {
      const row = summary(known);
      if (row) outcome.existing.push(row);
      continue;
    }
    const health: HealthRecord = {
      checkedAt: deps.now().toISOString(),
      passed: report.passed,
      checks: report.checks.map(asCheckResult),
    };
    let completed = withCompleted([], 'target');
    for (const step of ['create-app', 'permissions', 'authorize'] as const)
      completed = withCompleted(completed, step);
    if (report.passed) completed = withCompleted(completed, 'verify');
    let id = known;
    if (!id) {
      leave();
      id = session.create();
    }
    session.setSecretOf(id, 'appSecret', credentials.appSecret);
    session.setSecretOf(id, 'refreshToken', credentials.refreshToken);
    const name = credentials.remote
      ? fittedName(`${target.name} — ${credentials.remote}`, outcome.notes)
      : '';
    session.update(id, {
      targetId: target.id,
      appKey: credentials.appKey,
      customScopes: target.scopes.editable ? scopes : [],
      grantedScopes: scopes,
      tokenKind: report.tokenKind,
      identity: report.identity,
      ...(known
        ? {}
        : { name, inputs: credentials.remote ? { remote_name: credentials.remote } : {} }),
      verifyChecks: health.checks,
      health,
      factsRecordedAt: health.checkedAt,
      completed,
      step: report.passed ? 'export' : 'verify',
    });
    const row = summary(id);
    if (row) outcome.imported.push(row);
  }
  deps.log(
    `[connectors] imported ${outcome.imported.length} connector(s) from a ${good[0]?.format ?? 'file'}${outcome.existing.length > 0 ? `; ${outcome.existing.length} already saved` : ''}`,
  );
  return ok(outcome);
}
