/**
 * Copy-then-clear for secrets copied from main (architecture: "copy buttons (clipboard cleared
 * after a delay)"; "in Electron, copying happens in main", so the renderer never holds the value).
 *
 * The clipboard is cleared only if it still holds exactly what we wrote: if the admin has since
 * copied something else, that is theirs and stays. Pure apart from the injected clipboard, so
 * the timing is tested with fake timers. Electron 42+'s clipboard text API is promise-based.
 */
export interface ClipboardLike {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
  clear(): void;
}

export interface ClipboardWriter {
  /** Resolves once the value is on the clipboard (rejects if the write failed). */
  write(value: string, clearAfterSeconds: number): Promise<void>;
  /** Clears now whatever we wrote that is still on the clipboard (used on quit). */
  flush(): Promise<void>;
}

export const MAX_CLEAR_SECONDS = 3600;

export function createClipboardWriter(clipboard: ClipboardLike): ClipboardWriter {
  const pending = new Map<ReturnType<typeof setTimeout>, string>();

  const clearIfUnchanged = async (value: string): Promise<void> => {
    try {
      if ((await clipboard.readText()) === value) clipboard.clear();
    } catch {
      // A clipboard owned by another app can refuse reads; leaving it is the only safe choice.
    }
  };

  return {
    async write(value: string, clearAfterSeconds: number): Promise<void> {
      await clipboard.writeText(value);
      const seconds = Number.isFinite(clearAfterSeconds)
        ? Math.max(1, Math.min(clearAfterSeconds, MAX_CLEAR_SECONDS))
        : 60;
      const timer = setTimeout(() => {
        pending.delete(timer);
        void clearIfUnchanged(value);
      }, seconds * 1000);
      // Do not keep the process alive just to clear the clipboard; quit runs flush() instead.
      if (typeof timer === 'object' && typeof timer.unref === 'function') timer.unref();
      pending.set(timer, value);
    },
    async flush(): Promise<void> {
      const values = [...pending.entries()];
      pending.clear();
      for (const [timer, value] of values) {
        clearTimeout(timer);
        await clearIfUnchanged(value);
      }
    },
  };
}
