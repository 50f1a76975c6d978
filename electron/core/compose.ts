/**
 * The one composition root. Electron main, the browser-mode server and the command line all call
 * `createCore`; nothing else wires core's modules together, so a rule or a dependency cannot be
 * wired differently in one host.
 *
 * `createCore` needs only what every host has (environment, network, clock, log). The wizard,
 * which also needs a window shell, persistence and a secret vault, is made from it with
 * `core.createWizard(host)`; the CLI never asks for one.
 */
import { APP_VERSION } from './app-version';
import type { BridgeApi, BridgeEvent, ExportFormatInfo } from '../shared/contract';
import type { DropboxContext, WaitInfo } from './dropbox/context';
import { resolveEndpoints, type DropboxEndpoints } from './dropbox/endpoints';
import type { EventSink, HostShell, ProgressStore, SecretVault } from './platform';
import { redirectPortsFromEnv } from './targets/redirect-ports';
import { getTarget, TARGETS } from './targets/registry';
import { createWizardService } from './wizard/wizard-service';

export interface CorePlatform {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** One line per event worth keeping; callers never pass secrets (none are). */
  readonly log?: (line: string) => void;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  /** The app's version (package.json), named in reports. */
  readonly version?: string;
}

export interface WizardHost {
  readonly shell: HostShell;
  readonly progress: ProgressStore;
  readonly vault: SecretVault;
  readonly events: EventSink;
  readonly dataDir: string;
  /** How long one waitForAuthorization call may hold before answering "pending". */
  readonly longPollMs?: number;
  /** How long a loopback listener stays open for one attempt. */
  readonly authorizationTimeoutMs?: number;
}

export interface Core {
  readonly endpoints: DropboxEndpoints;
  readonly redirectPorts: readonly number[];
  readonly targets: typeof TARGETS;
  readonly getTarget: typeof getTarget;
  /** A Dropbox client context; `onWait` receives 429/5xx countdowns. */
  dropboxContext(onWait?: (wait: WaitInfo) => void): DropboxContext;
  createWizard(host: WizardHost): BridgeApi;
}

/** Throws (with a message naming the variable) when DROPBOX_*_ORIGIN or WIZARD_REDIRECT_PORTS is bad. */
export function createCore(platform: CorePlatform): Core {
  const endpoints = resolveEndpoints(platform.env);
  const redirectPorts = redirectPortsFromEnv(platform.env);
  const dropboxContext = (onWait?: (wait: WaitInfo) => void): DropboxContext => ({
    endpoints,
    ...(platform.fetch ? { fetch: platform.fetch } : {}),
    ...(onWait ? { onWait } : {}),
  });
  return {
    endpoints,
    redirectPorts,
    targets: TARGETS,
    getTarget,
    dropboxContext,
    createWizard(host) {
      let emit: ((event: BridgeEvent) => void) | null = null;
      const wizard = createWizardService({
        shell: host.shell,
        progress: host.progress,
        vault: host.vault,
        events: host.events,
        dataDir: host.dataDir,
        endpoints,
        redirectPorts,
        // 429/5xx countdowns go to the renderer as `waiting` events.
        ctx: dropboxContext((wait) => emit?.({ type: 'waiting', ...wait })),
        log: platform.log ?? (() => undefined),
        now: platform.now ?? (() => new Date()),
        longPollMs: host.longPollMs ?? 25_000,
        authorizationTimeoutMs: host.authorizationTimeoutMs ?? 10 * 60_000,
        version: platform.version ?? APP_VERSION,
      });
      emit = (event) => host.events.emit(event);
      return wizard;
    },
  };
}

export type { ExportFormatInfo };
