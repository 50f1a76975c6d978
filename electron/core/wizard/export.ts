/**
 * "Copy & export": values by output key (revealed or copied on purpose), and files written by
 * the target's exporters. The path is guarded on the Node side, not only in the page: a relative
 * path stays inside the exports folder, names with control or bidi characters are refused, a
 * secret typed as the path is never kept, and replacing a file needs the one-time confirmation
 * this module issued with its `file_exists` answer. In the desktop app the save dialog is the
 * only source of a path.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CopyResult, ExportResult, OutputKey } from '../../shared/contract';
import { fail, ok, type Result, type WizardError } from '../../shared/result';
import { toWizardError } from '../failure';
import { writeSecretFileAtomic } from '../export/atomic-write';
import type { ExportInput } from '../export/exporter';
import { exportFileName, getExporter, renderExport } from '../export/registry';
import { containsSecret, hasUnsafeNameCharacter } from '../input/name-guard';
import type { HostShell } from '../platform';
import { withCompleted } from './draft';
import type { Session } from './session';
import type { TokenKeeper } from './tokens';

/** The clipboard is cleared this long after a copy (the UI says so). */
export const CLIPBOARD_CLEAR_SECONDS = 60;

export interface ExportDeps {
  readonly session: Session;
  readonly tokens: TokenKeeper;
  readonly shell: HostShell;
  readonly dataDir: string;
  /** Where the product's package points (Cerb's authorization_url): the real Dropbox or the emulator. */
  readonly endpoints: { readonly authorizeUrl: string; readonly tokenUrl: string };
  readonly now: () => Date;
  readonly log: (line: string) => void;
}

const LABELS: Record<OutputKey, string> = {
  app_key: 'App key',
  app_secret: 'App secret',
  refresh_token: 'Refresh token',
  redirect_uri: 'Redirect URI',
  account_email: 'Account email',
  scopes: 'Scopes',
};

export function createExports(deps: ExportDeps) {
  const { session } = deps;
  /** One-time replace confirmations: path → token, issued with `file_exists`. */
  const confirmations = new Map<string, string>();

  function value(field: OutputKey): string | null {
    const progress = session.progress();
    switch (field) {
      case 'app_key':
        return progress.appKey || null;
      case 'app_secret':
        return session.secret('appSecret');
      case 'refresh_token':
        return session.secret('refreshToken');
      case 'redirect_uri':
        return session.plan()?.productRedirectUris[0] ?? null;
      case 'account_email':
        return progress.identity?.email ?? null;
      case 'scopes':
        return (
          session
            .plan()
            ?.requiredScopes.map((s) => s.id)
            .join(' ') || null
        );
    }
  }

  function missing(field: OutputKey): WizardError {
    return {
      code: 'no_credentials',
      message: `The ${LABELS[field]} is not held by the wizard right now.`,
      remedy:
        field === 'refresh_token'
          ? 'Go to "Authorize" and sign in again to get a new refresh token.'
          : 'Go back to the step that asks for it and enter it again.',
      action: field === 'refresh_token' ? 'authorize_again' : 'edit_credentials',
    };
  }

  /** Where a typed path may write, or why not. */
  function guardPath(input: string): Result<string> {
    const trimmed = input.trim();
    const refuse = (message: string, remedy: string): Result<string> =>
      fail({ code: 'invalid_input', message, remedy, field: 'export_path' });
    if (hasUnsafeNameCharacter(trimmed)) {
      return refuse(
        'The file name contains control, invisible or direction-changing characters.',
        'Type the name again using letters, digits, spaces, dots, dashes and underscores.',
      );
    }
    if (containsSecret(trimmed, [session.secret('appSecret'), session.secret('refreshToken')])) {
      return refuse(
        'That looks like a secret, not a file path, so it was not used or kept.',
        'Type a file name such as snow-atlas.json, or a full path.',
      );
    }
    const exportsDir = path.resolve(deps.dataDir, 'exports');
    if (trimmed === '~' || trimmed.startsWith('~/') || trimmed.startsWith('~\\')) {
      return ok(path.resolve(os.homedir(), trimmed.slice(2)));
    }
    if (path.isAbsolute(trimmed)) return ok(path.resolve(trimmed));
    const resolved = path.resolve(exportsDir, trimmed);
    // Lexically inside is not enough: a linked folder inside exports/ may point anywhere. Both
    // sides are compared as the file system resolves them.
    if (
      !resolved.startsWith(`${exportsDir}${path.sep}`) ||
      !realPathOf(resolved).startsWith(`${realPathOf(exportsDir)}${path.sep}`)
    ) {
      return refuse(
        `A relative path must stay inside the exports folder (${exportsDir}).`,
        'Type a file name without "..", or a full path starting with / or ~.',
      );
    }
    return ok(resolved);
  }

  function exportInput(): Result<ExportInput> {
    const target = session.needsTarget();
    if (!target.ok) return target;
    const progress = session.progress();
    const plan = session.plan();
    const prerequisitesOnly = target.value.flow === 'prerequisites-only';
    if (!prerequisitesOnly && !progress.completed.includes('verify')) {
      return fail({
        code: 'invalid_input',
        message: 'Only a verified credential set can be exported.',
        remedy: 'Finish "Verify" first: every check must pass.',
      });
    }
    const creds = prerequisitesOnly
      ? ok({ appKey: '', appSecret: '' })
      : session.needsCredentials();
    if (!creds.ok) return creds;
    const held = deps.tokens.current();
    return ok({
      target: target.value,
      appKey: creds.value.appKey,
      appSecret: creds.value.appSecret,
      refreshToken: session.secret('refreshToken'),
      accessToken: held ? { value: held.value, expiresAt: new Date(held.expiresAt) } : null,
      scopes:
        plan?.authorization === 'connector'
          ? [...progress.grantedScopes]
          : (plan?.requiredScopes.map((s) => s.id) ?? []),
      identity: progress.identity,
      checks: [...progress.appChecks, ...progress.verifyChecks],
      inputs: progress.inputs,
      redirectUris: plan?.productRedirectUris ?? [],
      endpoints: deps.endpoints,
      now: deps.now(),
    });
  }

  /**
   * Where a file goes: the save dialog's choice (desktop app) or the typed path, guarded; an
   * existing file only with the one-time confirmation issued for it.
   */
  async function destinationFor(args: {
    fallback: string;
    path?: string;
    replace?: string;
    besideAsSupportCopy: boolean;
  }): Promise<Result<string>> {
    const chosen = deps.shell.chooseExportPath
      ? await deps.shell.chooseExportPath(args.fallback)
      : (args.path ?? args.fallback);
    if (chosen === null) {
      return fail({
        code: 'export_failed',
        message: 'Export cancelled: no file was chosen.',
        remedy: 'Press Export again and choose where to save the file.',
      });
    }
    const guarded = guardPath(chosen);
    if (!guarded.ok) return guarded;
    // A typed or chosen path names the real export; its support copy goes beside it.
    const destination =
      args.besideAsSupportCopy && args.path !== undefined
        ? withRedactedSuffix(guarded.value)
        : guarded.value;
    // The native save dialog already asked about replacing a file; a typed path has not.
    if (!deps.shell.chooseExportPath && existsSync(destination)) {
      const issued = confirmations.get(destination);
      if (!args.replace || args.replace !== issued) {
        // A second press before Replace gets the same confirmation, so the first dialog's
        // Replace still works; it is spent once used.
        const confirmation = issued ?? randomBytes(16).toString('base64url');
        confirmations.set(destination, confirmation);
        return fail({
          code: 'file_exists',
          message: `${destination} already exists.`,
          remedy: 'Replace it, or change the file name and export again.',
          action: 'replace_file',
          field: 'export_path',
          // The path alone, for the "Replace the existing file?" dialog.
          detail: destination,
          confirmation,
        });
      }
    }
    confirmations.delete(destination);
    return ok(destination);
  }

  return {
    /** Where the default format's file goes when the admin does not choose (browser mode shows it). */
    defaultPath(): string {
      const target = session.target();
      const exporter = target ? getExporter(target.formats[0] ?? '') : undefined;
      if (!target || !exporter) return '';
      const name = exportFileName(exporter, target.id, deps.now(), { redacted: false });
      return path.join(deps.dataDir, 'exports', name);
    },

    /** Writes a text with no secret in it (the verification report) through the same guard. */
    async writeDocument(args: {
      fileName: string;
      text: string;
      format: string;
      path?: string;
      replace?: string;
    }): Promise<Result<ExportResult>> {
      const destination = await destinationFor({
        fallback: path.join(deps.dataDir, 'exports', args.fileName),
        ...(args.path !== undefined ? { path: args.path } : {}),
        ...(args.replace !== undefined ? { replace: args.replace } : {}),
        besideAsSupportCopy: false,
      });
      if (!destination.ok) return destination;
      try {
        const written = await writeSecretFileAtomic(destination.value, args.text);
        return ok({ path: written, redacted: true, format: args.format });
      } catch (error) {
        return fail(toWizardError(error));
      }
    },

    reveal(field: OutputKey): Result<{ value: string }> {
      const v = value(field);
      return v === null ? fail(missing(field)) : ok({ value: v });
    },

    copy(field: OutputKey): Result<CopyResult> {
      const v = value(field);
      if (v === null) return fail(missing(field));
      if (deps.shell.writeClipboard) {
        deps.shell.writeClipboard(v, CLIPBOARD_CLEAR_SECONDS);
        return ok({ copiedBy: 'main', clearsAfterSeconds: CLIPBOARD_CLEAR_SECONDS });
      }
      return ok({ copiedBy: 'renderer', value: v, clearsAfterSeconds: CLIPBOARD_CLEAR_SECONDS });
    },

    async write(args: {
      format?: string;
      path?: string;
      redacted?: boolean;
      replace?: string;
    }): Promise<Result<ExportResult>> {
      const target = session.needsTarget();
      if (!target.ok) return target;
      const formatId = args.format ?? target.value.formats[0];
      const exporter =
        formatId && target.value.formats.includes(formatId) ? getExporter(formatId) : undefined;
      if (!exporter) {
        return fail({
          code: 'invalid_input',
          message: `${target.value.name} has no export format called "${args.format ?? ''}".`,
          remedy: `Choose one of: ${target.value.formats.join(', ')}.`,
        });
      }
      const input = exportInput();
      if (!input.ok) return input;
      const redacted = args.redacted ?? false;
      const fallback = path.join(
        deps.dataDir,
        'exports',
        exportFileName(exporter, target.value.id, deps.now(), { redacted }),
      );
      const destination = await destinationFor({
        fallback,
        ...(args.path !== undefined ? { path: args.path } : {}),
        ...(args.replace !== undefined ? { replace: args.replace } : {}),
        besideAsSupportCopy: redacted,
      });
      if (!destination.ok) return destination;
      try {
        const text = renderExport(exporter, input.value, { redacted });
        const written = await writeSecretFileAtomic(destination.value, text);
        if (!redacted) {
          const progress = session.progress();
          session.save({
            exportedPath: written,
            exportedFormats: [...new Set([...progress.exportedFormats, exporter.id])],
            completed: withCompleted(progress.completed, 'export'),
          });
        }
        deps.log(
          `[wizard] exported ${redacted ? 'a redacted support copy of the ' : ''}${target.value.id} ${exporter.id}`,
        );
        return ok({ path: written, redacted, format: exporter.id });
      } catch (error) {
        return fail(toWizardError(error));
      }
    },
  };
}

export type Exports = ReturnType<typeof createExports>;

/**
 * The real path of `target`: its deepest existing ancestor resolved through links, then the
 * parts that do not exist yet (they cannot be links).
 */
function realPathOf(target: string): string {
  const rest: string[] = [];
  let current = target;
  for (;;) {
    try {
      return path.join(realpathSync(current), ...rest);
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return target;
      rest.unshift(path.basename(current));
      current = parent;
    }
  }
}

/** `name.json` → `name.redacted.json`; `name` → `name.redacted`. */
function withRedactedSuffix(file: string): string {
  if (/\.redacted(\.[^./\\]+)?$/.test(file)) return file;
  const ext = path.extname(file);
  return ext ? `${file.slice(0, -ext.length)}.redacted${ext}` : `${file}.redacted`;
}
