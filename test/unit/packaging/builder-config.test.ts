import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown; dump(value: unknown): string };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const configFile = path.join(root, 'electron-builder.yml');
const script = path.join(root, 'scripts/check-builder-config.mjs');
const tempDir = mkdtempSync(path.join(tmpdir(), 'builder-config-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

type BuilderConfig = {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  directories: { output: string; buildResources: string };
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; category: string; maintainer: string; icon: string };
  mac: { target: string | string[] };
  win: { target: string | string[] };
  [key: string]: unknown;
};

const config = yaml.load(readFileSync(configFile, 'utf8')) as BuilderConfig;

async function check(file: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [script, file], { cwd: root });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, output: failure.stdout + failure.stderr };
  }
}

function writeVariant(name: string, mutate: (copy: BuilderConfig) => void): string {
  const copy = structuredClone(config);
  mutate(copy);
  const file = path.join(tempDir, name);
  writeFileSync(file, yaml.dump(copy));
  return file;
}

describe('electron-builder.yml', () => {
  it('is valid per the schema and electron-builder itself', async () => {
    const result = await check(configFile);
    expect(result.output).toContain('electron-builder config: VALID');
    expect(result.code).toBe(0);
  });

  it('a typo at the top level fails both checks', async () => {
    const result = await check(
      writeVariant('top-level-typo.yml', (copy) => (copy['nodeIntegrationz'] = true)),
    );
    expect(result.code).toBe(1);
    expect(result.output).toContain('INVALID');
    expect(result.output).toMatch(
      /schema: \/ must NOT have additional properties.*nodeIntegrationz/,
    );
    expect(result.output).toMatch(/electron-builder: .*nodeIntegrationz/s);
  });

  it('a typo inside electronFuses fails', async () => {
    const result = await check(
      writeVariant('fuse-typo.yml', (copy) => {
        copy.electronFuses['runAsNodee'] = false;
      }),
    );
    expect(result.code).toBe(1);
    expect(result.output).toContain('runAsNodee');
  });

  it('sets the fuses (Electron security checklist #19)', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships only the built app: no sources, tests, node_modules or sourcemaps', () => {
    const include = config.files.filter((pattern) => !pattern.startsWith('!'));
    const exclude = config.files.filter((pattern) => pattern.startsWith('!'));
    for (const pattern of include) {
      expect(pattern === 'package.json' || pattern.startsWith('out/')).toBe(true);
    }
    expect(include.join(' ')).not.toMatch(/\b(test|electron|renderer\/src|scripts|assets)\//);
    expect(include.some((pattern) => pattern.startsWith('out/server'))).toBe(false);
    expect(exclude).toEqual(expect.arrayContaining(['!**/*.map', '!node_modules/**']));
    expect(config.asar).toBe(true);
  });

  it('names the product, folders and per-OS targets', () => {
    expect(config.appId).toBe('com.example.dropbox-connector-wizard');
    expect(config.productName).toBe('Dropbox Connector Wizard');
    expect(config.directories).toEqual({ buildResources: 'assets/build', output: 'release' });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Utility');
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
  });

  it('has a 512×512 PNG icon where the config points', () => {
    const png = readFileSync(path.join(root, config.linux.icon));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(512);
    expect(png.readUInt32BE(20)).toBe(512);
  });
});
