/**
 * Hostile local requests, Node side: a hostile request to the loopback listener cannot end a sign-in in
 * progress, the listener's page tells the real outcome of the exchange, and the export path is
 * guarded over the bridge (no overwrite without a Node-issued confirmation, no escape from the
 * exports folder, no control or bidi characters, no secret kept as a path).
 */
import { execFileSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuthorizationStart, ExportResult } from '../../electron/shared/contract';
import { authorizeOverHttp, startEmulator, type RunningEmulator } from '../dropbox-emulator/index';
import {
  ADMIN,
  chooseTarget,
  createHarness,
  signInThroughBrowser,
  SNOW,
  type Harness,
} from './support/wizard-harness';

const PORTS = [47540, 47541, 47542];
const REDIRECTS = PORTS.map((p) => `http://127.0.0.1:${p}/oauth/callback`);

let emu: RunningEmulator;
let h: Harness;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  await emu.reset();
  await emu.clearFaults();
  await emu.patchApp(SNOW.key, { redirectUris: REDIRECTS });
  h = await createHarness(emu, { ports: PORTS });
  await chooseTarget(h, 'snow-atlas');
  await h.must('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.secret });
});
afterEach(async () => {
  await h.dispose();
});

describe('loopback listener', () => {
  it('a request with a wrong state is refused and the sign-in keeps waiting for the real one', async () => {
    const start = await h.must<AuthorizationStart>('startAuthorization', { method: 'browser' });
    // What an <img src="http://127.0.0.1:<port>/oauth/callback?state=x"> on any site would do.
    const hostile = await fetch(`${start.redirectUri}?state=x`);
    expect(hostile.status).toBe(400);
    const missing = await fetch(`${start.redirectUri}?code=abc`);
    expect(missing.status).toBe(400);
    const still = await h.must<{ status: string }>('waitForAuthorization', {
      attemptId: start.attemptId,
    });
    expect(still.status).toBe('pending');
    const session = await h.must<{ pendingAuthorization: { attemptId: string } | null }>(
      'getSession',
    );
    expect(session.pendingAuthorization?.attemptId).toBe(start.attemptId);

    const outcome = await authorizeOverHttp(start.authorizeUrl, ADMIN);
    const page = await (await fetch(outcome.location!)).text();
    expect(page).toMatch(/Dropbox is connected/);
    const done = await h.must<{ status: string }>('waitForAuthorization', {
      attemptId: start.attemptId,
    });
    expect(done.status).toBe('authorized');
  });

  it('after a failed code exchange the page says it failed, not "connected"', async () => {
    const start = await h.must<AuthorizationStart>('startAuthorization', { method: 'browser' });
    const outcome = await authorizeOverHttp(start.authorizeUrl, ADMIN);
    expect(outcome.outcome).toBe('redirect');
    // The code expires before the browser reaches the listener (codes live 10 minutes).
    await emu.advanceClock(3600);
    const landing = await fetch(outcome.location!);
    const page = await landing.text();
    expect(page).toMatch(/not connected/i);
    expect(page).not.toMatch(/Dropbox is connected/);
    expect(page).toMatch(/Return to/);
    const result = await h.call('waitForAuthorization', { attemptId: start.attemptId });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('code_expired');
  });
});

describe('export path guard (over the bridge)', () => {
  let home: string;
  let realHome: string | undefined;

  beforeEach(async () => {
    await signInThroughBrowser(h);
    await h.must('runVerify');
    home = await mkdtemp(path.join(os.tmpdir(), 'wizard-home-'));
    realHome = process.env.HOME;
    process.env.HOME = home;
  });
  afterEach(async () => {
    process.env.HOME = realHome;
    await rm(home, { recursive: true, force: true });
  });

  it('~/.bashrc is replaced only with the confirmation the Node side issued, once', async () => {
    const bashrc = path.join(home, '.bashrc');
    await writeFile(bashrc, 'export PATH=$PATH:~/bin\n');
    const first = await h.call<ExportResult>('exportConfig', { path: '~/.bashrc' });
    expect(first.ok).toBe(false);
    if (first.ok) return;
    expect(first.error).toMatchObject({ code: 'file_exists', field: 'export_path' });
    expect(first.error.confirmation).toEqual(expect.any(String));
    expect(await readFile(bashrc, 'utf8')).toBe('export PATH=$PATH:~/bin\n');

    const guessed = await h.call<ExportResult>('exportConfig', {
      path: '~/.bashrc',
      replace: 'wrong',
    });
    expect(guessed.ok).toBe(false);
    if (guessed.ok) return;
    expect(guessed.error.code).toBe('file_exists');
    expect(await readFile(bashrc, 'utf8')).toBe('export PATH=$PATH:~/bin\n');

    // The confirmation belongs to that path: it does not replace another existing file.
    await writeFile(path.join(home, '.profile'), 'keep\n');
    const elsewhere = await h.call('exportConfig', {
      path: '~/.profile',
      replace: guessed.error.confirmation,
    });
    expect(elsewhere.ok).toBe(false);
    expect(await readFile(path.join(home, '.profile'), 'utf8')).toBe('keep\n');

    const replaced = await h.must<ExportResult>('exportConfig', {
      path: '~/.bashrc',
      replace: guessed.error.confirmation,
    });
    expect(replaced.path).toBe(bashrc);
    expect(await readFile(bashrc, 'utf8')).toContain('"app_key"');
    // Used once: the same confirmation does not replace it again.
    const again = await h.call('exportConfig', {
      path: '~/.bashrc',
      replace: guessed.error.confirmation,
    });
    expect(again.ok).toBe(false);
  });

  it('two quick Export presses: the first Replace confirmation still replaces', async () => {
    const bashrc = path.join(home, '.bashrc');
    await writeFile(bashrc, 'old\n');
    const [first, second] = await Promise.all([
      h.call<ExportResult>('exportConfig', { path: '~/.bashrc' }),
      h.call<ExportResult>('exportConfig', { path: '~/.bashrc' }),
    ]);
    expect(first.ok || second.ok).toBe(false);
    if (first.ok || second.ok) return;
    const replaced = await h.call<ExportResult>('exportConfig', {
      path: '~/.bashrc',
      replace: first.error.confirmation,
    });
    expect(replaced.ok).toBe(true);
    expect(await readFile(bashrc, 'utf8')).toContain('"app_key"');
  });

  it('a linked folder inside exports/ cannot carry a relative path out of it', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'wizard-outside-'));
    try {
      await mkdir(path.join(h.dataDir, 'exports'), { recursive: true });
      await symlink(outside, path.join(h.dataDir, 'exports', 'shared'));
      for (const typed of ['shared/escape.json', 'shared/new/deeper.json']) {
        const result = await h.call('exportConfig', { path: typed });
        expect(result.ok, typed).toBe(false);
        if (!result.ok)
          expect(result.error, typed).toMatchObject({
            code: 'invalid_input',
            field: 'export_path',
          });
      }
      expect(await readdir(outside)).toEqual([]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it.skipIf(process.platform === 'win32')(
    'Replace never turns a FIFO into a file of secrets',
    async () => {
      const fifo = path.join(home, 'pipe');
      execFileSync('mkfifo', [fifo]);
      const first = await h.call<ExportResult>('exportConfig', { path: '~/pipe' });
      expect(first.ok).toBe(false);
      if (first.ok) return;
      const replaced = await h.call<ExportResult>('exportConfig', {
        path: '~/pipe',
        replace: first.error.confirmation,
      });
      expect(replaced.ok).toBe(false);
      if (!replaced.ok) expect(replaced.error.message).toMatch(/pipe/);
      expect((await lstat(fifo)).isFIFO()).toBe(true);
    },
  );

  it('a relative path cannot leave the exports folder', async () => {
    for (const escape of ['../escape.json', 'a/../../escape.json', '..']) {
      const result = await h.call('exportConfig', { path: escape });
      expect(result.ok, escape).toBe(false);
      if (!result.ok)
        expect(result.error, escape).toMatchObject({ code: 'invalid_input', field: 'export_path' });
    }
    const inside = await h.must<ExportResult>('exportConfig', { path: 'sub/../ok.json' });
    expect(inside.path).toBe(path.join(h.dataDir, 'exports', 'ok.json'));
  });

  it.each([
    ['a newline', 'snow\n.json'],
    ['an ESC', 'snow\u001b[31m.json'],
    ['a right-to-left override', 'snow\u202enosj.exe'],
    ...[
      0x200e, 0x200f, 0x061c, 0x2028, 0x2029, 0x200b, 0x00ad, 0xfeff, 0x180e, 0x034f, 0xe0001,
      0x0007, 0x0085, 0x2066, 0x2069,
    ].map((cp): [string, string] => [
      `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`,
      `snow${String.fromCodePoint(cp)}atlas.json`,
    ]),
  ])('refuses a file name with %s', async (_, name) => {
    const result = await h.call('exportConfig', { path: name });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({ code: 'invalid_input', field: 'export_path' });
  });

  it('a refresh token typed as the path is refused and kept nowhere', async () => {
    const { value: token } = await h.must<{ value: string }>('revealSecret', {
      field: 'refresh_token',
    });
    for (const typed of [token, `${token}.json`, `~/${token}`]) {
      const result = await h.call('exportConfig', { path: typed });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error).toMatchObject({ code: 'invalid_input', field: 'export_path' });
        expect(JSON.stringify(result.error)).not.toContain(token);
      }
    }
    expect(JSON.stringify(h.store.load())).not.toContain(token);
    expect(h.logs.join('\n')).not.toContain(token);
    expect(await h.dataDirText()).not.toContain(token);
  });
});

describe('names never hold a secret or a bidi trick', () => {
  it('a connector renamed to the held App secret, or with U+202E, is refused and the name is not kept', async () => {
    await signInThroughBrowser(h);
    await h.must('runVerify');
    const { connectorId } = await h.must<{ connectorId: string }>('getSession');
    for (const name of [SNOW.secret, `prod ${SNOW.secret}`, 'prod\u202elanigiro']) {
      const result = await h.call('renameConnector', { connectorId, name });
      expect(result.ok, name).toBe(false);
      if (!result.ok) {
        expect(result.error).toMatchObject({ code: 'invalid_input', field: 'connector_name' });
        expect(JSON.stringify(result.error)).not.toContain(SNOW.secret);
      }
    }
    expect(JSON.stringify(h.store.load())).not.toContain(SNOW.secret);
    expect(JSON.stringify(h.store.load())).not.toContain('\u202e');
    await h.must('renameConnector', { connectorId, name: 'Snow Atlas (production)' });
  });

  it('an rclone remote name equal to the held App secret is refused and not kept', async () => {
    await h.must('newConnector');
    await h.must('selectTarget', { targetId: 'rclone' });
    await h.must('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.secret });
    const result = await h.call('setInputs', { inputs: { remote_name: SNOW.secret } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatchObject({ code: 'invalid_input', field: 'input:remote_name' });
      expect(JSON.stringify(result.error)).not.toContain(SNOW.secret);
    }
    expect(JSON.stringify(h.store.load())).not.toContain(SNOW.secret);
  });
});
