#!/usr/bin/env node
// `npm run demo`: the Dropbox emulator with its default seed, and the wizard pointed at it —
// the desktop app when an Electron binary is installed, browser mode otherwise. Walk the whole
// Snow Atlas flow offline with the credentials printed below.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './lib/electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const passThrough = process.argv.slice(2);
const children = [];
const stopAll = () => {
  for (const child of children) child.kill('SIGTERM');
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (stopAll(), process.exit(0)));

function waitForLine(child, pattern, label) {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk) => {
      buffer += chunk;
      process.stdout.write(chunk);
      const match = pattern.exec(buffer);
      if (match) resolve(match);
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.stderr.pipe(process.stderr);
    child.on('exit', (code) => reject(new Error(`${label} exited (${code}) before it was ready`)));
  });
}

const build = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const emulator = spawn(
  path.join(root, 'node_modules/.bin/tsx'),
  ['test/dropbox-emulator/cli.ts', '--port', '0'],
  {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
children.push(emulator);
const [, origin] = await waitForLine(
  emulator,
  /Dropbox emulator listening on (http:\/\/127\.0\.0\.1:\d+)/,
  'emulator',
);

const seed = JSON.parse(
  readFileSync(path.join(root, 'test/dropbox-emulator/seeds/default.json'), 'utf8'),
);
const app = seed.apps.find((a) => a.key === 'snowatlasdemo01') ?? seed.apps[0];
const admin = seed.accounts.find((a) => a.role === 'team_admin') ?? seed.accounts[0];
console.log(`
Demo credentials (from test/dropbox-emulator/seeds/default.json):
  Connector:      Snow Atlas
  App key:        ${app.key}
  App secret:     ${app.secret}
  Registered redirect URIs: ${app.redirectUris.join(', ')}
  Dropbox sign-in: ${admin.email} / ${admin.password}
  App Console:    ${origin}/developers/apps
`);

const env = { ...process.env, DROPBOX_WEB_ORIGIN: origin, DROPBOX_API_ORIGIN: origin };
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'wizard-demo-'));
const electron = findElectronBinary(root);
let wizard;
if ('path' in electron && !passThrough.includes('--browser')) {
  wizard = spawn(electron.path, ['.', '--data-dir', dataDir], { cwd: root, env, stdio: 'inherit' });
} else {
  if (!('path' in electron))
    console.log(`No Electron binary (${electron.missing}); the demo runs in browser mode.`);
  const args = [
    'out/server/index.mjs',
    // The fixed default port (47200) unless the caller passes --port.
    ...(passThrough.includes('--port') ? [] : ['--port', '47200']),
    '--data-dir',
    dataDir,
    ...passThrough.filter((a) => a !== '--browser'),
  ];
  wizard = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
}
children.push(wizard);
wizard.on('exit', (code) => {
  stopAll();
  process.exit(code ?? 0);
});
