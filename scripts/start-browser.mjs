#!/usr/bin/env node
// `npm run start:browser -- [--port N] [--no-open] [--data-dir DIR]`: builds what browser mode
// needs (server + renderer), then runs it in this process's terminal.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(
  process.execPath,
  [path.join(root, 'scripts/build.mjs'), 'server', 'renderer', '--quiet'],
  {
    stdio: 'inherit',
    cwd: root,
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);
const child = spawn(
  process.execPath,
  [path.join(root, 'out/server/index.mjs'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    cwd: root,
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
