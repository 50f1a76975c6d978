// Finds the Electron binary the `electron` package installed, or says why there is none.
// Reads node_modules/electron/path.txt + dist/ rather than `require('electron')`: in electron 45
// that require *downloads* a missing binary, which on a machine without GitHub access means a
// hang and a stack trace instead of an answer.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * @param {string} root the project directory (holds node_modules/electron)
 * @returns {{ path: string } | { missing: string }}
 */
export function findElectronBinary(root) {
  const pkgDir = path.join(root, 'node_modules/electron');
  if (!existsSync(pkgDir)) return { missing: 'the electron package is not installed (run npm ci)' };
  const pathFile = path.join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = path.join(override, relative || 'electron');
    return existsSync(binary)
      ? { path: binary }
      : { missing: `ELECTRON_OVERRIDE_DIST_PATH has no ${binary}` };
  }
  if (!relative) {
    return {
      missing:
        "the Electron binary was not downloaded (electron's install script fetches it from GitHub; " +
        'ELECTRON_SKIP_BINARY_DOWNLOAD=1 was set or GitHub was unreachable)',
    };
  }
  const binary = path.join(pkgDir, 'dist', relative);
  return existsSync(binary)
    ? { path: binary }
    : { missing: `the Electron binary is missing at ${binary}` };
}
