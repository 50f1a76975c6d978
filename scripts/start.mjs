#!/usr/bin/env node
// `npm start`: build, then run the desktop app with the Electron binary from node_modules.
// Arguments pass through: `npm start -- --data-dir ./.wizard-data`.
//
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './lib/electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// The version package.json pins, so this message never names a stale one.
const pinnedElectron = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
  .devDependencies.electron;

const found = findElectronBinary(root);
if (!('path' in found)) {
  const skipped = process.env.ELECTRON_SKIP_BINARY_DOWNLOAD
    ? ' (ELECTRON_SKIP_BINARY_DOWNLOAD was set)'
    : '';
  console.error(
    [
      `Cannot start the desktop app: the Electron binary is not installed${skipped}.`,
      'The electron npm package downloads it from GitHub in its install script, and this machine could not reach',
      'GitHub (or the download was skipped), so node_modules/electron has no dist/ folder.',
      "To get it, reinstall with network access to Electron's downloads: rm -rf node_modules/electron && npm install",
      `(or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron ${pinnedElectron}).`,
      'The wizard works right now in browser mode: npm run start:browser',
    ].join('\n'),
  );
  process.exit(1);
}

const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
if (built.status !== 0) {
  console.error('Build failed; not starting Electron.');
  process.exit(built.status ?? 1);
}

const child = spawn(found.path, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (!child.killed) child.kill(signal);
  });
}
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
