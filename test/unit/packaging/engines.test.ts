/**
 * The Node version the project asks for agrees with what its pinned packages declare: every
 * version `engines.node` allows is one each dependency's own `engines.node` allows too (so
 * `npm install` on a Node the project accepts never warns EBADENGINE for them), and `.nvmrc`
 * picks a Node inside that range. Dependencies are pinned exactly, Electron included.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
// semver comes with npm's own toolchain (eslint, electron-builder and vite depend on it).
const semver = createRequire(resolve(ROOT, 'package.json'))('semver') as {
  subset(sub: string, dom: string): boolean;
  intersects(a: string, b: string): boolean;
  valid(version: string): string | null;
};

interface PackageJson {
  readonly engines?: { readonly node?: string };
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
}

const read = (path: string): PackageJson =>
  JSON.parse(readFileSync(resolve(ROOT, path), 'utf8')) as PackageJson;

const root = read('package.json');
const pinned = { ...root.dependencies, ...root.devDependencies };

describe('engines.node', () => {
  const range = root.engines?.node ?? '';

  it('is set', () => {
    expect(range).not.toBe('');
  });

  it.each(Object.keys(pinned))('lies within what %s declares', (name) => {
    const declared = read(`node_modules/${name}/package.json`).engines?.node;
    if (!declared) return; // the package states no Node requirement
    expect(semver.subset(range, declared), `${name} needs node ${declared}`).toBe(true);
  });

  it('is met by the Node .nvmrc picks', () => {
    const nvmrc = readFileSync(resolve(ROOT, '.nvmrc'), 'utf8').trim();
    expect(semver.intersects(range, nvmrc), `.nvmrc ${nvmrc} vs ${range}`).toBe(true);
  });
});

describe('pinned packages', () => {
  it.each(Object.entries(pinned))('%s is pinned to one exact version', (_name, version) => {
    expect(semver.valid(version)).toBe(version);
  });

  it('pins Electron 45.6.1 or a newer 45.x patch', () => {
    const electron = pinned.electron ?? '';
    expect(electron).toMatch(/^45\.\d+\.\d+$/);
    const [, minor = 0, patch = 0] = electron.split('.').map(Number);
    expect(minor > 6 || (minor === 6 && patch >= 1), electron).toBe(true);
  });
});
