/**
 * Browser mode entry point (`npm run start:browser`): the wizard for machines where the desktop
 * app can't run (a jump host over SSH port forwarding), like `rclone authorize`.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventSink, HostShell } from '../core/platform';
import { JsonProgressStore } from './json-progress-store';
import { MemorySecretVault } from './memory-secret-vault';
import { createCore } from '../core/compose';
import { acquireDataLock } from '../core/data-lock';
import { startBrowserServer } from './browser-server';
import { parseBrowserModeArgs } from './cli-args';

export const BROWSER_MODE_SECRET_NOTICE =
  'Browser mode: the app secret and refresh token are kept in memory only and are lost when the wizard stops. Export or copy them before you close it.';

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () =>
      console.log('Could not open a browser here; open the address above yourself.'),
    );
    child.unref();
  } catch {
    console.log('Could not open a browser here; open the address above yourself.');
  }
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseBrowserModeArgs(process.argv.slice(2), process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  mkdirSync(args.dataDir, { recursive: true, mode: 0o700 });
  // One wizard per data folder: a second one would overwrite the first one's connectors.
  const lock = acquireDataLock(args.dataDir, { address: 'a browser-mode wizard still starting' });
  if (!lock.ok) {
    console.error(`${lock.error.message}\n${lock.error.remedy}`);
    process.exit(1);
  }
  process.on('exit', () => lock.value.release());
  const here = path.dirname(fileURLToPath(import.meta.url));
  const rendererDir = path.resolve(here, '../renderer');

  let sink: EventSink | null = null;
  const shell: HostShell = {
    mode: 'browser',
    // The page opens Dropbox in a new tab itself; the server never launches anything.
    openExternal: async () => false,
  };
  let service;
  try {
    service = createCore({ env: process.env, log: (line) => console.log(line) }).createWizard({
      shell,
      progress: new JsonProgressStore(args.dataDir),
      vault: new MemorySecretVault({ notice: BROWSER_MODE_SECRET_NOTICE }),
      events: { emit: (event) => sink?.emit(event) },
      dataDir: args.dataDir,
    });
  } catch (error) {
    // A bad DROPBOX_*_ORIGIN or WIZARD_REDIRECT_PORTS: the message names the variable and the rule.
    console.error(`The wizard cannot start: ${(error as Error).message}`);
    process.exit(2);
  }

  const token = randomBytes(24).toString('base64url');
  let running;
  try {
    running = await startBrowserServer({
      service,
      token,
      rendererDir,
      port: args.port,
      log: process.env.WIZARD_LOG_REQUESTS === '0' ? undefined : (line) => console.log(line),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${args.port} is already in use (another wizard?). Start with --port N to pick another, or --port 0 for any free port.`
        : `The wizard could not start its local server: ${(error as Error).message}`,
    );
    process.exit(1);
  }
  sink = running.events;
  // The origin only: the address line must never carry the session token.
  lock.value.setAddress(new URL(running.url).origin);
  console.log(`Wizard ready at ${running.url}`);
  console.log(`Settings and progress: ${args.dataDir}`);
  if (args.open) openInBrowser(running.url);

  const stop = (): void => {
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
