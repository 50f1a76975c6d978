/**
 * Where the built app lives and how the wizard page is addressed. Pure (no electron import).
 *
 * `appPath` is `app.getAppPath()`: the folder holding package.json when run with `electron .`,
 * or `…/resources/app.asar` when packaged. scripts/build.mjs writes out/main, out/preload and
 * out/renderer under it, and electron-builder.yml ships exactly `out/**`.
 */
import path from 'node:path';

/** The custom scheme that serves the renderer (Electron security checklist #18: no file://). */
export const APP_SCHEME = 'app';
/** The one host the scheme answers for; the IPC sender check trusts only this origin. */
export const APP_HOST = 'wizard';
export const WIZARD_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export function rendererDir(appPath: string): string {
  return path.join(appPath, 'out', 'renderer');
}

export function preloadPath(appPath: string): string {
  return path.join(appPath, 'out', 'preload', 'index.cjs');
}

/**
 * `--data-dir DIR` or `--data-dir=DIR` from argv, else `WIZARD_DATA_DIR`, else null (the caller
 * then uses Electron's userData). Relative paths resolve against the working directory.
 */
export function resolveDataDirOverride(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  cwd: string,
): string | null {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--data-dir' && i + 1 < argv.length) {
      value = argv[i + 1];
      break;
    }
    if (arg?.startsWith('--data-dir=')) {
      value = arg.slice('--data-dir='.length);
      break;
    }
  }
  value ??= env['WIZARD_DATA_DIR'];
  if (value === undefined || value.trim() === '') return null;
  return path.resolve(cwd, value);
}
