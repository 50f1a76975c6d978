/**
 * Writing secrets into a folder other local users can write to (the README's group-writable
 * /srv/dropbox-exports). The hostile files are planted by a second uid (`nobody`, through
 * setpriv) where the machine allows it: as root with setpriv; elsewhere those tests skip with
 * the reason, and the exclusive-create flags are checked instead.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { constants } from 'node:fs';
import { chmod, lstat, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WizardFailure } from '../../../../electron/core/failure';
import {
  TEMP_OPEN_FLAGS,
  writeSecretFileAtomic,
} from '../../../../electron/core/export/atomic-write';

const posix = process.platform !== 'win32';
const NOBODY = 65534;
const secondUid = ((): string | null => {
  if (!posix) return 'not a POSIX system';
  if (process.getuid?.() !== 0) return 'needs root to act as a second uid';
  const probe = spawnSync('setpriv', [
    `--reuid=${NOBODY}`,
    `--regid=${NOBODY}`,
    '--clear-groups',
    'true',
  ]);
  if (probe.error || probe.status !== 0) return 'setpriv cannot switch to uid 65534 here';
  return null;
})();
if (secondUid !== null)
  console.warn(`[atomic-write-hostile] second-uid tests skipped: ${secondUid}`);

/** Runs a short node script as `nobody`, like another local user of a shared folder. */
function asNobody(script: string, ...args: string[]): void {
  execFileSync('setpriv', [
    `--reuid=${NOBODY}`,
    `--regid=${NOBODY}`,
    '--clear-groups',
    process.execPath,
    '-e',
    script,
    ...args,
  ]);
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wizard-hostile-'));
  // A shared exports folder: everyone may create files in it.
  await chmod(dir, 0o777);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failureOf(promise: Promise<unknown>): Promise<WizardFailure> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WizardFailure);
    return error as WizardFailure;
  }
  throw new Error('expected a rejection');
}

describe('the temp file', () => {
  it('is opened exclusively, never through a link', () => {
    expect(TEMP_OPEN_FLAGS & constants.O_CREAT).toBe(constants.O_CREAT);
    expect(TEMP_OPEN_FLAGS & constants.O_EXCL).toBe(constants.O_EXCL);
    if (posix) expect(TEMP_OPEN_FLAGS & constants.O_NOFOLLOW).toBe(constants.O_NOFOLLOW);
  });

  it.skipIf(secondUid !== null)(
    'a link planted by another user under the temp name is not followed: the secret never reaches its target',
    async () => {
      const planted = '.out.env.planted.tmp';
      // nobody owns a file of its own and links the predicted temp name to it.
      asNobody(
        `const fs=require('fs');fs.writeFileSync(process.argv[1],'',{mode:0o666});fs.symlinkSync(process.argv[1],process.argv[2]);`,
        join(dir, 'stolen'),
        join(dir, planted),
      );
      expect((await lstat(join(dir, planted))).uid).toBe(NOBODY);
      const written = await writeSecretFileAtomic(join(dir, 'out.env'), 'SECRET=abc\n', {
        tempName: () => planted,
      });
      expect(await readFile(written, 'utf8')).toBe('SECRET=abc\n');
      expect(await readFile(join(dir, 'stolen'), 'utf8')).toBe('');
      expect((await lstat(join(dir, planted))).isSymbolicLink()).toBe(true);
      const info = await stat(written);
      expect(info.mode & 0o777).toBe(0o600);
      expect(info.uid).toBe(0);
    },
  );

  it.skipIf(secondUid !== null)(
    'a regular file planted by another user under the temp name is left alone, not reused',
    async () => {
      const planted = '.out.env.planted.tmp';
      asNobody(
        `require('fs').writeFileSync(process.argv[1],'mine',{mode:0o666})`,
        join(dir, planted),
      );
      await writeSecretFileAtomic(join(dir, 'out.env'), 'SECRET=abc\n', {
        tempName: () => planted,
      });
      expect(await readFile(join(dir, planted), 'utf8')).toBe('mine');
      expect((await stat(join(dir, 'out.env'))).uid).toBe(0);
    },
  );

  it.skipIf(!posix)('is created 0600 even under a permissive umask', async () => {
    const old = process.umask(0);
    try {
      await writeSecretFileAtomic(join(dir, 'out.env'), 'x');
      expect((await stat(join(dir, 'out.env'))).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });
});

describe('Replace only replaces regular files', () => {
  it.skipIf(!posix)('a FIFO stays a FIFO', async () => {
    const fifo = join(dir, 'pipe.env');
    execFileSync('mkfifo', [fifo]);
    const failure = await failureOf(writeSecretFileAtomic(fifo, 'SECRET'));
    expect(failure.error.code).toBe('export_failed');
    expect(failure.error.message).toContain('pipe');
    expect((await lstat(fifo)).isFIFO()).toBe(true);
  });

  it.skipIf(!posix)('a socket stays a socket', async () => {
    const sock = join(dir, 'sock.env');
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(sock, resolve));
    try {
      const failure = await failureOf(writeSecretFileAtomic(sock, 'SECRET'));
      expect(failure.error.message).toContain('socket');
      expect((await lstat(sock)).isSocket()).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  const mknod = posix
    ? spawnSync('mknod', [join(tmpdir(), `probe-${process.pid}`), 'c', '1', '3'])
    : null;
  const canMknod = mknod !== null && !mknod.error && mknod.status === 0;
  if (canMknod) execFileSync('rm', ['-f', join(tmpdir(), `probe-${process.pid}`)]);
  else console.warn('[atomic-write-hostile] device-node test skipped: mknod is not allowed here');
  it.skipIf(!canMknod)('a device node (a copy of /dev/null) stays a device', async () => {
    const dev = join(dir, 'null.env');
    execFileSync('mknod', [dev, 'c', '1', '3']);
    const failure = await failureOf(writeSecretFileAtomic(dev, 'SECRET'));
    expect(failure.error.message).toContain('device');
    expect((await lstat(dev)).isCharacterDevice()).toBe(true);
  });

  it('a regular file is replaced whole', async () => {
    await writeFile(join(dir, 'old.env'), 'old');
    await writeSecretFileAtomic(join(dir, 'old.env'), 'new');
    expect(await readFile(join(dir, 'old.env'), 'utf8')).toBe('new');
  });

  it.skipIf(!posix)('a link to /dev/null is refused, never followed', async () => {
    await symlink('/dev/null', join(dir, 'null-link.env'));
    await failureOf(writeSecretFileAtomic(join(dir, 'null-link.env'), 'SECRET'));
    expect((await lstat('/dev/null')).isCharacterDevice()).toBe(true);
  });
});
