import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { utcStamp } from '../../../../electron/core/keep-unreadable';
import { createSession } from '../../../../electron/core/wizard/session';
import { initialProgress } from '../../../../electron/core/wizard/saved-state';
import { JsonProgressStore } from '../../../../electron/server/json-progress-store';
import { MemorySecretVault } from '../../../../electron/server/memory-secret-vault';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'load-saved-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const NOW = new Date('2026-12-06T21:10:00.123Z');
const file = (): string => path.join(dir, 'progress.json');
const open = (logs: string[] = []) => {
  const store = new JsonProgressStore(dir);
  const session = createSession({
    store,
    vault: new MemorySecretVault({ notice: 'memory only' }),
    now: () => NOW,
    log: (line) => logs.push(line),
  });
  return { store, session };
};
const keptFiles = (): string[] => readdirSync(dir).filter((n) => n.includes('.unreadable-'));

it('the kept copy is stamped with UTC time, safe in a file name', () => {
  expect(utcStamp(NOW)).toBe('20261206T211000Z');
});

describe('a saved file that cannot be read as a whole is kept, never overwritten', () => {
  const cases = [
    ['truncated JSON (a crash mid-write)', '{"schemaVersion": 2, "activeConnectorId": "conn'],
    ['a schema this version does not know', '{"schemaVersion": 3, "connectors": [1, 2]}'],
  ] as const;
  for (const [what, text] of cases) {
    it(`${what}: kept as progress.json.unreadable-<UTC time>, a fresh start, and a notice naming it`, () => {
      writeFileSync(file(), text);
      const { store, session } = open();
      expect(keptFiles()).toHaveLength(1);
      expect(keptFiles()[0]).toMatch(/^progress\.json\.unreadable-\d{8}T\d{6}Z$/);
      const kept = path.join(dir, keptFiles()[0]!);
      expect(readFileSync(kept, 'utf8')).toBe(text);
      expect(session.ids()).toEqual(['connector-1']);
      const notices = session.notices();
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain(`it was kept as ${kept}`);
      expect(notices[0]).toContain('Fix:');

      // Work goes on and is saved; the kept copy is untouched, and a restart reads cleanly.
      session.save({ name: 'Finance share' });
      store.flush();
      expect(readFileSync(kept, 'utf8')).toBe(text);
      const again = open();
      expect(again.session.notices()).toEqual([]);
      expect(again.session.progress().name).toBe('Finance share');
      expect(keptFiles()).toHaveLength(1);
    });
  }

  it('two unreadable files in the same second keep two copies, neither over the other', () => {
    writeFileSync(file(), '{ first');
    open();
    writeFileSync(file(), '{ second');
    open();
    const texts = keptFiles().map((n) => readFileSync(path.join(dir, n), 'utf8'));
    expect(texts.sort()).toEqual(['{ first', '{ second']);
  });
});

describe('connector records this version cannot read', () => {
  const withUnreadable = () => ({
    schemaVersion: 2,
    activeConnectorId: 'connector-2',
    connectors: {
      'connector-1': { step: 'from-a-newer-version', shape: true },
      'connector-2': { ...initialProgress(NOW), name: 'Readable' },
      'connector-3': 'not a record',
    },
  });

  it('are counted in a notice naming the file, and stay in it', () => {
    writeFileSync(file(), JSON.stringify(withUnreadable()));
    const { session } = open();
    expect(session.ids()).toEqual(['connector-2']);
    expect(session.notices()).toHaveLength(1);
    expect(session.notices()[0]).toMatch(/^2 saved connectors could not be read/);
    expect(session.notices()[0]).toContain(file());
    expect(keptFiles()).toEqual([]);
  });

  it('a new connector never takes an unreadable record id (it would replace its copy)', () => {
    writeFileSync(file(), JSON.stringify(withUnreadable()));
    const { store, session } = open();
    const created = session.create();
    expect(['connector-1', 'connector-3']).not.toContain(created);
    session.remove('connector-2');
    session.remove(created);
    expect(['connector-1', 'connector-3']).not.toContain(session.connectorId());
    store.flush();
    const saved = JSON.parse(readFileSync(file(), 'utf8')) as { unreadable: object };
    expect(saved.unreadable).toEqual({
      'connector-1': { step: 'from-a-newer-version', shape: true },
      'connector-3': 'not a record',
    });
  });
});
