#!/usr/bin/env node
// Builds everything the app and browser mode run: main (ESM), preload (CJS: sandboxed preloads
// cannot be ES modules), the browser-mode server (ESM), and the renderer (Vite).
// Why esbuild and not electron-vite: three entry points and one renderer need ~40 lines here, and
// esbuild is already Vite's dependency; one less layer between us and the output.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const want = (part) => only.length === 0 || only.includes(part);

// ESM bundles that contain CommonJS dependencies need a real `require`, `__filename` and
// `__dirname` (write-file-atomic uses __filename).
const esmBanner = {
  js:
    "import { createRequire as __cr } from 'node:module'; import { fileURLToPath as __fu } from 'node:url'; " +
    "import { dirname as __dn } from 'node:path'; const require = __cr(import.meta.url); " +
    'const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);',
};
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
};

const started = Date.now();
if (want('main')) {
  await rm(path.join(root, 'out/main'), { recursive: true, force: true });
  await esbuild({
    ...common,
    entryPoints: ['electron/main/index.ts'],
    outfile: 'out/main/index.mjs',
    format: 'esm',
    banner: esmBanner,
    external: ['electron'],
  });
}
if (want('preload')) {
  await esbuild({
    ...common,
    entryPoints: ['electron/preload/index.ts'],
    outfile: 'out/preload/index.cjs',
    format: 'cjs',
    external: ['electron'],
  });
}
if (want('server')) {
  await esbuild({
    ...common,
    entryPoints: ['electron/server/index.ts'],
    outfile: 'out/server/index.mjs',
    format: 'esm',
    banner: esmBanner,
  });
}
if (want('cli')) {
  // The `dropbox-connector-wizard` bin (package.json); esbuild keeps the entry's #! line first.
  await esbuild({
    ...common,
    entryPoints: ['electron/cli/index.ts'],
    outfile: 'out/cli/index.mjs',
    format: 'esm',
    banner: esmBanner,
  });
}
if (want('renderer')) {
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}
if (!process.argv.includes('--quiet')) {
  console.log(
    `Built ${only.length ? only.join(', ') : 'main, preload, server, cli, renderer'} in ${Date.now() - started} ms`,
  );
}
