/**
 * Copy-then-clear for secrets copied from main (architecture: "copy buttons (clipboard cleared
 * after a delay)"; "in Electron, copying happens in main", so the renderer never holds the value).
 *
 * The clipboard is cleared only if it still holds exactly what we wrote: if the admin has since
 * copied something else, that is theirs and stays. Pure apart from the injected clipboard, so
 * the timing is tested with fake timers.
 */
export interface ClipboardLike {
  writeText(text: string): void;
  readText(): string;
  clear(): void;
}

export interface ClipboardWriter {
  write(value: string, clearAfterSeconds: number): void;
  /** Clears now whatever we wrote that is still on the clipboard (used on quit). */
  flush(): void;
}

export function createClipboardWriter(clipboard: ClipboardLike): ClipboardWriter {
  const pending = new Map<ReturnType<typeof setTimeout>, string>();

  const clearIfUnchanged = (value: string): void => {
    try {
      if (clipboard.readText() === value) clipboard.clear();
    } catch {
      // A clipboard owned by another app can refuse reads; leaving it is the only safe choice.
    }
  };

  return {
    write(value: string, clearAfterSeconds: number): void {
      clipboard.writeText(value);
      const seconds = Number.isFinite(clearAfterSeconds) ? Math.max(1, Math.min(clearAfterSeconds, 3600)) : 60;
      const timer = setTimeout(() => {
        pending.delete(timer);
        clearIfUnchanged(value);
      }, seconds * 1000);
      // Do not keep the process alive just to clear the clipboard; quit runs flush() instead.
      if (typeof timer === 'object' && 'unref' in timer) timer.unref();
      pending.set(timer, value);
    },
    flush(): void {
      for (const [timer, value] of pending) {
        clearTimeout(timer);
        clearIfUnchanged(value);
      }
      pending.clear();
    },
  };
}
