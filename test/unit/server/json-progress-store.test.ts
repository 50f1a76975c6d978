import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SavedState } from '../../../electron/core/platform';
import { JsonProgressStore, SAVE_DELAY_MS } from '../../../electron/server/json-progress-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'progress-store-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const stateWith = (n: number): SavedState =>
  ({ schemaVersion: 2, activeConnectorId: `connector-${n}`, connectors: {} }) as SavedState;

describe('JsonProgressStore', () => {
  it('removes progress.json.<n> temp files a killed write left, and nothing else', () => {
    writeFileSync(path.join(dir, 'progress.json.3735928559'), '{"half":');
    writeFileSync(path.join(dir, 'progress.json.12'), '');
    writeFileSync(path.join(dir, 'progress.json.bak'), 'keep');
    writeFileSync(path.join(dir, 'progress.json'), '{}');
    new JsonProgressStore(dir);
    expect(readdirSync(dir).sort()).toEqual(['progress.json', 'progress.json.bak']);
  });

  it('a burst of 300 saves writes the file once, with the last state; load sees it at once', async () => {
    const writes = vi.spyOn(writeFileAtomic, 'sync');
    const store = new JsonProgressStore(dir);
    for (let i = 1; i <= 300; i += 1) store.save(stateWith(i));
    expect(store.load()).toMatchObject({ activeConnectorId: 'connector-300' });
    await new Promise((resolve) => setTimeout(resolve, SAVE_DELAY_MS * 4));
    expect(writes).toHaveBeenCalledTimes(1);
    expect(JSON.parse(readFileSync(store.file, 'utf8'))).toMatchObject({
      activeConnectorId: 'connector-300',
    });
  });

  it('flush writes a pending state right away (shutdown); clear drops it', () => {
    const store = new JsonProgressStore(dir);
    store.save(stateWith(1));
    store.flush();
    expect(JSON.parse(readFileSync(store.file, 'utf8'))).toMatchObject({
      activeConnectorId: 'connector-1',
    });
    store.save(stateWith(2));
    store.clear();
    store.flush();
    expect(readdirSync(dir)).toEqual([]);
  });
});
