/**
 * The page-side clipboard helper (browser mode): a copied secret is wiped after the delay, but
 * only if the clipboard still holds it. The pending timer is module-level, so each test imports a
 * fresh copy with a fake clock, a fake `navigator.clipboard` and a minimal `window`.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as ClipboardHelper from '../../../renderer/src/lib/clipboard';

const SECRET = 'APP-SECRET-0123456789abcdef';

function fakeClipboard() {
  let text = 'whatever was there before';
  return {
    current: () => text,
    /** The admin copies something else from another app. */
    copyElsewhere: (value: string) => {
      text = value;
    },
    writeText: vi.fn(async (value: string) => {
      text = value;
    }),
    readText: vi.fn(async () => text),
  };
}

let clipboard: ReturnType<typeof fakeClipboard>;
let focusListeners: (() => void)[];
let helper: typeof ClipboardHelper;

beforeEach(async () => {
  vi.useFakeTimers();
  clipboard = fakeClipboard();
  focusListeners = [];
  vi.stubGlobal('navigator', { clipboard });
  vi.stubGlobal('window', {
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (id: ReturnType<typeof setTimeout>) => clearTimeout(id),
    addEventListener: vi.fn((type: string, listener: () => void, options?: { once?: boolean }) => {
      if (type === 'focus' && options?.once) focusListeners.push(listener);
    }),
  });
  vi.resetModules();
  helper = await import('../../../renderer/src/lib/clipboard');
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function copySecret(seconds: number): Promise<void> {
  await expect(helper.writeClipboard(SECRET)).resolves.toBe(true);
  helper.scheduleClipboardClear(SECRET, seconds);
}

describe('copying a secret from the page', () => {
  it('wipes it from the clipboard once the delay has passed, not before', async () => {
    await copySecret(30);
    expect(clipboard.current()).toBe(SECRET);

    await vi.advanceTimersByTimeAsync(29_999);
    expect(clipboard.current()).toBe(SECRET);

    await vi.advanceTimersByTimeAsync(1);
    expect(clipboard.current()).toBe('');
  });

  it('leaves the clipboard alone when the admin copied something else in the meantime', async () => {
    await copySecret(30);
    clipboard.copyElsewhere('meeting notes');

    await vi.advanceTimersByTimeAsync(30_000);

    expect(clipboard.current()).toBe('meeting notes');
    expect(clipboard.writeText).not.toHaveBeenCalledWith('');
  });

  it('clears anyway when the page is not allowed to read the clipboard', async () => {
    await copySecret(30);
    clipboard.readText.mockRejectedValueOnce(new DOMException('Read denied', 'NotAllowedError'));

    await vi.advanceTimersByTimeAsync(30_000);

    expect(clipboard.current()).toBe('');
  });

  it('gives a repeated copy its full delay again instead of clearing on the first schedule', async () => {
    await copySecret(30);
    await vi.advanceTimersByTimeAsync(20_000);
    await copySecret(30);

    await vi.advanceTimersByTimeAsync(10_000);
    expect(clipboard.current()).toBe(SECRET);
    expect(clipboard.readText).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(20_000);
    expect(clipboard.current()).toBe('');
  });

  it('clears only the latest secret when a second one is copied before the first delay ends', async () => {
    const OTHER = 'REFRESH-TOKEN-abcdef';
    await copySecret(30);
    await vi.advanceTimersByTimeAsync(10_000);
    await helper.writeClipboard(OTHER);
    helper.scheduleClipboardClear(OTHER, 30);

    await vi.advanceTimersByTimeAsync(20_000);
    expect(clipboard.current()).toBe(OTHER);

    await vi.advanceTimersByTimeAsync(10_000);
    expect(clipboard.current()).toBe('');
  });

  it('waits at least one second even when asked for zero', async () => {
    await copySecret(0);

    await vi.advanceTimersByTimeAsync(999);
    expect(clipboard.current()).toBe(SECRET);

    await vi.advanceTimersByTimeAsync(1);
    expect(clipboard.current()).toBe('');
  });

  it('retries the wipe on the next focus when the tab had no focus at the deadline', async () => {
    await copySecret(30);
    clipboard.writeText.mockRejectedValueOnce(
      new DOMException('Document is not focused.', 'NotAllowedError'),
    );

    await vi.advanceTimersByTimeAsync(30_000);
    expect(clipboard.current()).toBe(SECRET);
    expect(focusListeners).toHaveLength(1);

    focusListeners[0]?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(clipboard.current()).toBe('');
  });

  it('on focus, still leaves a clipboard alone that the admin has reused since', async () => {
    await copySecret(30);
    clipboard.writeText.mockRejectedValueOnce(
      new DOMException('Document is not focused.', 'NotAllowedError'),
    );
    await vi.advanceTimersByTimeAsync(30_000);

    clipboard.copyElsewhere('meeting notes');
    focusListeners[0]?.();
    await vi.advanceTimersByTimeAsync(0);

    expect(clipboard.current()).toBe('meeting notes');
  });

  it('reports a refused write as false instead of throwing, so the screen can explain', async () => {
    clipboard.writeText.mockRejectedValueOnce(new DOMException('Write denied', 'NotAllowedError'));

    await expect(helper.writeClipboard(SECRET)).resolves.toBe(false);
  });

  it('clears anyway when the browser offers no clipboard.readText (older Firefox)', async () => {
    await copySecret(30);
    // A missing method throws synchronously; that must not skip the wipe.
    (clipboard as { readText?: unknown }).readText = undefined;

    await vi.advanceTimersByTimeAsync(30_000);

    expect(clipboard.current()).toBe('');
  });

  it('tells the caller how the wipe ended: cleared, or replaced by what the admin copied since', async () => {
    const outcomes: string[] = [];
    await helper.writeClipboard(SECRET);
    helper.scheduleClipboardClear(SECRET, 30, (outcome) => outcomes.push(outcome));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(outcomes).toEqual(['cleared']);

    await helper.writeClipboard(SECRET);
    helper.scheduleClipboardClear(SECRET, 30, (outcome) => outcomes.push(outcome));
    clipboard.copyElsewhere('meeting notes');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(outcomes).toEqual(['cleared', 'replaced']);
  });

  it('reports nothing for a schedule a newer copy replaced, and reports a focus retry once it clears', async () => {
    const first = vi.fn();
    const second = vi.fn();
    await helper.writeClipboard(SECRET);
    helper.scheduleClipboardClear(SECRET, 30, first);
    await vi.advanceTimersByTimeAsync(10_000);
    helper.scheduleClipboardClear(SECRET, 30, second);
    clipboard.writeText.mockRejectedValueOnce(
      new DOMException('Document is not focused.', 'NotAllowedError'),
    );

    await vi.advanceTimersByTimeAsync(30_000);
    expect(second).not.toHaveBeenCalled();
    focusListeners[0]?.();
    await vi.advanceTimersByTimeAsync(0);

    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith('cleared');
  });
});
