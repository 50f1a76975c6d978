import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createClipboardWriter,
  type ClipboardLike,
} from '../../../electron/main/shell/clipboard-writer';

function fakeClipboard() {
  let text = '';
  const clipboard: ClipboardLike & { current: () => string } = {
    current: () => text,
    writeText: vi.fn(async (value: string) => {
      text = value;
    }),
    readText: vi.fn(async () => text),
    clear: vi.fn(() => {
      text = '';
    }),
  };
  return clipboard;
}

describe('clipboard copy-then-clear', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes the value and clears it after the delay', async () => {
    const clipboard = fakeClipboard();
    const writer = createClipboardWriter(clipboard);
    await writer.write('secret-1', 30);
    expect(clipboard.current()).toBe('secret-1');
    await vi.advanceTimersByTimeAsync(29_000);
    expect(clipboard.current()).toBe('secret-1');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(clipboard.current()).toBe('');
    expect(clipboard.clear).toHaveBeenCalledTimes(1);
  });

  it('does not clear when the clipboard changed in the meantime', async () => {
    const clipboard = fakeClipboard();
    const writer = createClipboardWriter(clipboard);
    await writer.write('secret-1', 30);
    await clipboard.writeText('something the admin copied');
    await vi.advanceTimersByTimeAsync(31_000);
    expect(clipboard.current()).toBe('something the admin copied');
    expect(clipboard.clear).not.toHaveBeenCalled();
  });

  it('a second copy is cleared on its own schedule; the first timer leaves it alone', async () => {
    const clipboard = fakeClipboard();
    const writer = createClipboardWriter(clipboard);
    await writer.write('first', 10);
    await vi.advanceTimersByTimeAsync(5_000);
    await writer.write('second', 10);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(clipboard.current()).toBe('second');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(clipboard.current()).toBe('');
  });

  it('flush clears a pending secret at once (quit) and cancels the timer', async () => {
    const clipboard = fakeClipboard();
    const writer = createClipboardWriter(clipboard);
    await writer.write('secret-1', 60);
    await writer.flush();
    expect(clipboard.current()).toBe('');
    await clipboard.writeText('later');
    await vi.advanceTimersByTimeAsync(61_000);
    expect(clipboard.current()).toBe('later');
  });

  it('bounds silly delays', async () => {
    const clipboard = fakeClipboard();
    const writer = createClipboardWriter(clipboard);
    await writer.write('secret-1', Number.NaN);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(clipboard.current()).toBe('');
    await writer.write('secret-2', 0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(clipboard.current()).toBe('');
  });

  it('a clipboard that refuses reads is left alone without throwing', async () => {
    const clipboard = fakeClipboard();
    vi.mocked(clipboard.readText).mockRejectedValue(new Error('denied'));
    const writer = createClipboardWriter(clipboard);
    await writer.write('secret-1', 1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(clipboard.clear).not.toHaveBeenCalled();
  });
});
