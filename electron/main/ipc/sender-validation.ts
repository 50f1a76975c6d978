/**
 * Electron security checklist item 17 ("Validate the sender of all IPC messages"), as pure
 * functions so a unit test can pass fake events. ipc-main.ts applies them before any bridge call is
 * dispatched.
 */
import { APP_HOST, APP_SCHEME } from '../app-paths';

/**
 * True only for a page of the wizard itself: scheme `app:`, host `wizard`, no userinfo or port.
 * Compared field by field because Node's URL reports `null` as the origin of non-special schemes,
 * while Chromium treats the privileged standard scheme as the origin `app://wizard`.
 */
export function isTrustedSender(frameUrl: unknown): boolean {
  if (typeof frameUrl !== 'string' || frameUrl === '') return false;
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.host === APP_HOST &&
    url.username === '' &&
    url.password === '' &&
    url.port === ''
  );
}

/** The parts of IpcMainInvokeEvent the check reads (structural, so tests need no Electron). */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}
export interface InvokeEventLike {
  readonly senderFrame: SenderFrameLike | null;
  readonly sender?: unknown;
}

export type SenderVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Accepts only the main frame of a trusted webContents showing an app://wizard page.
 *
 * - `senderFrame` null: the frame navigated away or was destroyed mid-call → refuse.
 * - a subframe (`parent !== null`): the wizard has none; a frame someone managed to embed is not
 *   the wizard → refuse.
 * - `isTrustedContents` (optional): the sending webContents must be the wizard window's, so a
 *   second window that somehow loaded app:// still gets nothing.
 */
export function validateSender(
  event: InvokeEventLike,
  isTrustedContents?: (sender: unknown) => boolean,
): SenderVerdict {
  let frame: SenderFrameLike | null;
  try {
    // Reading senderFrame can throw once the frame is gone.
    frame = event.senderFrame;
  } catch {
    return { ok: false, reason: 'sender frame unavailable' };
  }
  if (frame === null || frame === undefined) return { ok: false, reason: 'no sender frame' };
  if (frame.parent !== null) return { ok: false, reason: 'subframe' };
  if (!isTrustedSender(frame.url)) return { ok: false, reason: 'untrusted origin' };
  if (isTrustedContents && !isTrustedContents(event.sender))
    return { ok: false, reason: 'untrusted window' };
  return { ok: true };
}

/** For log lines: the scheme and host of the sender, never its path or query. */
export function describeSender(event: InvokeEventLike): string {
  try {
    const raw = event.senderFrame?.url;
    if (!raw) return '(no frame)';
    const url = new URL(raw);
    return `${url.protocol}//${url.host}`;
  } catch {
    return '(unparsable)';
  }
}
