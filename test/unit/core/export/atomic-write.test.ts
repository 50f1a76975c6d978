import { mkdtemp, mkdir, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WizardFailure } from '../../../../electron/core/failure';
import { writeSecretFileAtomic } from '../../../../electron/core/export/atomic-write';
import { defaultExportPath } from '../../../../electron/core/export/default-export-path';

const posix = process.platform !== 'win32';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wizard-export-'));
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

describe('writeSecretFileAtomic', () => {
  it('writes the contents with mode 0600 and returns the absolute path', async () => {
    const target = join(dir, 'out.json');
    const written = await writeSecretFileAtomic(relative(process.cwd(), target), '{"a":1}\n');
    expect(written).toBe(target);
    expect(await readFile(target, 'utf8')).toBe('{"a":1}\n');
    if (posix) expect((await stat(target)).mode & 0o777).toBe(0o600);
  });

  it('creates missing parent folders with mode 0700', async () => {
    const target = join(dir, 'exports', 'nested', 'out.json');
    await writeSecretFileAtomic(target, 'x');
    expect(await readFile(target, 'utf8')).toBe('x');
    if (posix) {
      expect((await stat(join(dir, 'exports'))).mode & 0o777).toBe(0o700);
      expect((await stat(join(dir, 'exports', 'nested'))).mode & 0o777).toBe(0o700);
    }
  });

  it('replaces an existing, looser file whole and tightens its mode', async () => {
    const target = join(dir, 'out.json');
    await writeFile(target, 'old contents that are longer', { mode: 0o644 });
    await writeSecretFileAtomic(target, 'new');
    expect(await readFile(target, 'utf8')).toBe('new');
    if (posix) expect((await stat(target)).mode & 0o777).toBe(0o600);
    // No temp files left behind.
    expect(await readdir(dir)).toEqual(['out.json']);
  });

  it('refuses a folder path with export_failed naming the path', async () => {
    const folder = join(dir, 'a-folder');
    await mkdir(folder);
    const failure = await failureOf(writeSecretFileAtomic(folder, 'x'));
    expect(failure.error.code).toBe('export_failed');
    expect(failure.error.message).toContain(folder);
    expect(failure.error.message).toContain('folder');
  });

  it.skipIf(!posix)('refuses to follow a symbolic link', async () => {
    const real = join(dir, 'real.json');
    await writeFile(real, 'keep');
    const link = join(dir, 'link.json');
    await symlink(real, link);
    const failure = await failureOf(writeSecretFileAtomic(link, 'secret'));
    expect(failure.error.code).toBe('export_failed');
    expect(await readFile(real, 'utf8')).toBe('keep');
  });

  it('maps OS errors to export_failed with the path, the reason and a remedy', async () => {
    const file = join(dir, 'plain-file');
    await writeFile(file, 'x');
    const target = join(file, 'out.json');
    const failure = await failureOf(writeSecretFileAtomic(target, 'secret-value'));
    expect(failure.error.code).toBe('export_failed');
    expect(failure.error.message).toContain(target);
    expect(failure.error.message).toContain('part of the path is a file');
    expect(failure.error.remedy).toMatch(/another folder/);
    expect(JSON.stringify(failure.error)).not.toContain('secret-value');
  });

  // Root may write into a 0500 folder, so this cannot fail for root: skipped there, and the
  // title carries the reason into npm test's summary.
  const asRoot = process.getuid?.() === 0;
  if (!posix || asRoot) {
    console.log(
      'skipped: "reports permission denied" needs a non-root POSIX user (root may write anywhere)',
    );
  }
  it.skipIf(!posix || asRoot)(
    'reports permission denied (skipped as root: root may write anywhere)',
    async () => {
      const locked = join(dir, 'locked');
      await mkdir(locked, { mode: 0o500 });
      const failure = await failureOf(writeSecretFileAtomic(join(locked, 'out.json'), 'x'));
      expect(failure.error.message).toContain('permission denied');
      expect(failure.error.remedy).toMatch(/permissions|may write/);
    },
  );
});

describe('defaultExportPath', () => {
  it('names the file after the target and the UTC time', () => {
    expect(defaultExportPath('/data', 'snow-atlas', new Date('2026-11-23T10:00:05.500Z'))).toBe(
      join('/data', 'exports', 'snow-atlas-dropbox-connector-20261123-100005.json'),
    );
  });

  it('cannot be steered out of the exports folder by the target id', () => {
    const path = defaultExportPath('/data', '../../etc/x', new Date('2026-01-01T00:00:00Z'));
    expect(path.startsWith(join('/data', 'exports'))).toBe(true);
    expect(path).not.toContain('..');
  });
});
