/**
 * Clipboard writes from the page (browser mode, and non-secret values everywhere). Secrets copied
 * here are cleared after the delay core asks for, best effort: the timer lives at module level so
 * leaving the step does not cancel it.
 */

export async function writeClipboard(value: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(value);
    return true;
  } catch {
    return false;
  }
}

let pendingClear: number | null = null;

/**
 * How a scheduled clear ended: the wizard wiped the clipboard, or the admin had copied something
 * else meanwhile (the secret was already gone, and their copy is left alone).
 */
export type ClipboardClearOutcome = 'cleared' | 'replaced';

/**
 * Clears the clipboard after `seconds` if it still holds `value`. When the page may not read the
 * clipboard (no permission), it clears anyway: a stray secret on the clipboard is worse than
 * losing whatever the admin copied since. If the tab is not focused then (writes need focus),
 * it tries again on the next focus. `onDone` hears how it ended (not at all when a newer copy
 * replaced this schedule, or while the clear still waits for focus).
 */
export function scheduleClipboardClear(
  value: string,
  seconds: number,
  onDone?: (outcome: ClipboardClearOutcome) => void,
): void {
  if (pendingClear !== null) window.clearTimeout(pendingClear);
  pendingClear = window.setTimeout(
    () => {
      pendingClear = null;
      void clearIfStillHeld(value, onDone);
    },
    Math.max(1, seconds) * 1000,
  );
}

async function clearIfStillHeld(
  value: string,
  onDone?: (outcome: ClipboardClearOutcome) => void,
): Promise<void> {
  // Promise.resolve().then(): where readText does not exist (older Firefox) the call throws
  // synchronously; it must land in the catch, so the secret is cleared anyway.
  const current = await Promise.resolve()
    .then(() => navigator.clipboard.readText())
    .catch(() => null);
  if (current !== null && current !== value) {
    onDone?.('replaced');
    return;
  }
  try {
    await navigator.clipboard.writeText('');
    onDone?.('cleared');
  } catch {
    window.addEventListener('focus', () => void clearIfStillHeld(value, onDone), { once: true });
  }
}
