/**
 * The verify and export slice: Verify's report, copying a secret, writing the export or its
 * support copy, and revoking the token.
 */
import type { ExportResult, SecretField, VerifyReport } from '../../../electron/shared/contract';
import type { Result, WizardError } from '../../../electron/shared/result';
import { bridge } from '../bridge/bridge';
import {
  type ClipboardClearOutcome,
  scheduleClipboardClear,
  writeClipboard,
} from '../lib/clipboard';
import { runCall } from './call-runner';
import type { WizardSlice } from './wizard-store';

export const TOKEN_REVOKED_NOTICE =
  'The token is revoked: Dropbox no longer accepts it. Sign in again below to get a new one.';

/** An export refused because the file exists, answerable with core's one-time confirmation. */
export function isReplaceQuestion(error: WizardError, replace: string | undefined): boolean {
  return error.code === 'file_exists' && !replace && Boolean(error.confirmation);
}

export interface VerifyExportSlice {
  readonly verifyReport: VerifyReport | null;

  /** Core records the result and stays on Verify: the admin confirms the identity, then Continue. */
  verifyRequested(): Promise<void>;
  verifiedContinued(): Promise<void>;
  /**
   * Copy button on the export step. In Electron main writes (and later clears) the clipboard; in
   * browser mode the value comes back once, goes straight to the clipboard, and is dropped.
   * Returns the seconds until the clipboard is cleared, or null on failure. `onCleared` hears
   * when the clipboard no longer holds the value (cleared, or replaced by the admin).
   */
  secretCopyRequested(
    field: SecretField,
    onCleared?: (outcome: ClipboardClearOutcome) => void,
  ): Promise<number | null>;
  /**
   * Export… or the redacted support copy. The Result comes back whole instead of landing in
   * `stepError`: the export panel shows its own failures beside its buttons, and `file_exists`
   * becomes a question (Replace / Cancel) rather than an error. `replace` is the one-time
   * confirmation core sent with its `file_exists` answer.
   */
  exportRequested(input: {
    format?: string;
    path?: string;
    redacted?: boolean;
    replace?: string;
  }): Promise<Result<ExportResult>>;
  tokenRevoked(): Promise<boolean>;
}

export const createVerifyExportSlice: WizardSlice<VerifyExportSlice> = (set, get) => ({
  verifyReport: null,

  async verifyRequested() {
    const report = await runCall(set, 'verify', () => bridge.runVerify({}));
    if (!report) return;
    set({ verifyReport: report });
    await get().refreshSession();
  },

  verifiedContinued: () => get().advancedFrom('verify'),

  async secretCopyRequested(field, onCleared) {
    set({ stepError: null });
    const result = await bridge.copySecret({ field });
    if (!result.ok) {
      set({ stepError: result.error });
      return null;
    }
    const copy = result.value;
    if (copy.copiedBy === 'renderer') {
      if (!(await writeClipboard(copy.value))) {
        set({
          stepError: {
            code: 'internal',
            message: 'The browser did not let the wizard write to the clipboard.',
            remedy:
              'Click into the wizard page so it has focus and press Copy again, or use Export instead.',
          },
        });
        return null;
      }
      scheduleClipboardClear(copy.value, copy.clearsAfterSeconds, onCleared);
    } else if (onCleared) {
      // Main clears it on its own clock; the page only mirrors the moment.
      window.setTimeout(() => onCleared('cleared'), copy.clearsAfterSeconds * 1000);
    }
    return copy.clearsAfterSeconds;
  },

  async exportRequested(input) {
    const args: { format?: string; path?: string; redacted?: boolean; replace?: string } = {};
    if (input.format !== undefined) args.format = input.format;
    if (input.path !== undefined) args.path = input.path;
    if (input.redacted) args.redacted = true;
    if (input.replace) args.replace = input.replace;
    set({ pending: 'export', stepError: null });
    const result = await bridge.exportConfig(args);
    set({ pending: null, waiting: null });
    if (result.ok) await get().refreshSession();
    // A failure shows in the step's one error slot, like every other step's; a file in the way
    // is a question (Replace or Cancel) the screen asks instead, with core's one-time confirmation.
    else if (!isReplaceQuestion(result.error, input.replace)) set({ stepError: result.error });
    return result;
  },

  async tokenRevoked() {
    const done = await runCall(set, 'revoke', () => bridge.revokeToken({}));
    if (done === null && get().stepError) return false;
    set({ authorization: { phase: 'idle' }, verifyReport: null });
    await get().refreshSession();
    set({ notice: TOKEN_REVOKED_NOTICE });
    return true;
  },
});
