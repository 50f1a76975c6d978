// Finds the Electron binary the `electron` package installed, or explains why there is none.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** @returns {{ path: string } | { missing: string }} */
export function findElectronBinary(root) {
  const pkgDir = path.join(root, 'node_modules/electron');
  if (!existsSync(pkgDir)) return { missing: 'the electron package is not installed (run npm ci)' };
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      missing:
        "the Electron binary was not downloaded (electron's install script fetches it from GitHub; " +
        'ELECTRON_SKIP_BINARY_DOWNLOAD=1 was set or GitHub was unreachable)',
    };
  }
  const binary = path.join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary)
    ? { path: binary }
    : { missing: `the Electron binary is missing at ${binary}` };
}
