/**
 * Saved connectors: the home screen, a connector's page, Check / Check all, reconnect (and the
 * different-account decision), rename, delete, import, the error decoder and the verification
 * report. Same store as the wizard; core decides everything, these actions only ask and render.
 *
 * Pasted error text and imported file text never enter the store: they go straight to the bridge
 * call, and only core's answer (which never echoes them) comes back.
 */
import type {
  BridgeEvent,
  ConnectorHealth,
  ConnectorSummary,
  DecodedError,
  ExportResult,
} from '../../../electron/shared/contract';
import type { Result, WizardError } from '../../../electron/shared/result';
import { bridge, onBridgeEvent } from '../bridge/bridge';
import type { ConnectorOperation } from './saved-connectors-slice';
import {
  authorizationCancelled,
  refreshSession,
  sessionReceived,
  useWizardStore,
} from './wizard-store';

const set = useWizardStore.setState;
const get = useWizardStore.getState;

async function busy<T>(op: ConnectorOperation, call: () => Promise<T>): Promise<T> {
  set({ connectorPending: op, connectorError: null, connectorNotice: null });
  try {
    return await call();
  } finally {
    set({ connectorPending: null });
  }
}

function failed(error: WizardError): false {
  set({ connectorError: error });
  return false;
}

function rowOf(id: string): ConnectorSummary | null {
  return get().connectors?.find((row) => row.id === id) ?? null;
}

/** Asks core for the list again (after anything that changes a row). */
export async function connectorsListed(): Promise<readonly ConnectorSummary[] | null> {
  const result = await bridge.listConnectors({});
  if (!result.ok) return null;
  set({ connectors: result.value });
  return result.value;
}

/** "Connectors" in the header: the home screen, from anywhere. A running sign-in is cancelled. */
export async function homeRequested(): Promise<void> {
  const phase = get().authorization.phase;
  if (phase === 'waiting' || phase === 'code' || phase === 'starting') {
    await authorizationCancelled();
  }
  set({ view: { screen: 'home' }, connectorError: null, connectorNotice: null });
  await connectorsListed();
}

export function connectorErrorDismissed(): void {
  set({ connectorError: null });
}

/** New connector: a fresh wizard; the others stay saved. */
export async function newConnectorRequested(): Promise<boolean> {
  const result = await busy('new', () => bridge.newConnector({}));
  if (!result.ok) return failed(result.error);
  sessionReceived(result.value);
  set({ view: { screen: 'wizard' } });
  void connectorsListed();
  return true;
}

/**
 * Opens a connector: its page once saved, or its wizard where it stopped ("Continue setup").
 * Core makes it the active connector either way.
 */
export async function connectorOpened(connectorId: string): Promise<boolean> {
  const result = await busy('open', () => bridge.openConnector({ connectorId }));
  if (!result.ok) return failed(result.error);
  sessionReceived(result.value);
  const rows = (await connectorsListed()) ?? get().connectors ?? [];
  const row = rows.find((candidate) => candidate.id === connectorId);
  set({
    view:
      row && row.status !== 'setup' ? { screen: 'connector', connectorId } : { screen: 'wizard' },
  });
  return true;
}

function healthReceived(connectorId: string, health: ConnectorHealth): void {
  set({ health: { ...get().health, [connectorId]: health } });
}

/** Check now: the target's checks again, and what changed since the last check. */
export async function connectorCheckRequested(connectorId: string): Promise<boolean> {
  set({ checking: [...get().checking.filter((id) => id !== connectorId), connectorId] });
  const result = await busy('check', () => bridge.checkConnector({ connectorId }));
  set({ checking: get().checking.filter((id) => id !== connectorId) });
  if (!result.ok) return failed(result.error);
  healthReceived(connectorId, result.value);
  await connectorsListed();
  if (get().session?.connectorId === connectorId) await refreshSession();
  return true;
}

/** A check of Check all landed (an event from core); a row deleted meanwhile stays gone. */
export function connectorCheckLanded(
  event: Extract<BridgeEvent, { type: 'connector_checked' }>,
): void {
  const { connector, health } = event;
  const rows = get().connectors;
  // Its row and result replace the old ones, and its spinner stops.
  if (!rows?.some((row) => row.id === connector.id)) return;
  set({
    connectors: rows.map((row) => (row.id === connector.id ? connector : row)),
    checking: get().checking.filter((id) => id !== connector.id),
    health: { ...get().health, [connector.id]: health },
  });
}

/** Check all: core checks every saved connector a few at a time; each row updates as it lands. */
export async function allConnectorsCheckRequested(): Promise<boolean> {
  const rows = get().connectors ?? (await connectorsListed()) ?? [];
  set({
    checking: rows
      .filter((row) => row.status !== 'setup' && row.status !== 'not_checkable')
      .map((row) => row.id),
  });
  const unsubscribe = onBridgeEvent((event) => {
    if (event.type === 'connector_checked') connectorCheckLanded(event);
  });
  let result: Awaited<ReturnType<typeof bridge.checkAllConnectors>>;
  try {
    result = await busy('check_all', () => bridge.checkAllConnectors({}));
  } finally {
    unsubscribe();
  }
  set({ checking: [] });
  if (!result.ok) {
    await connectorsListed();
    return failed(result.error);
  }
  set({ health: { ...get().health, ...result.value } });
  const after = (await connectorsListed()) ?? [];
  const checked = Object.keys(result.value).length;
  const count = (status: string): number =>
    after.filter((row) => row.id in result.value && row.status === status).length;
  const failing = count('failing');
  const notHeld = count('secret_not_held');
  const parts = [
    failing === 0 ? 'none failing' : `${failing} failing`,
    ...(notHeld > 0 ? [`${notHeld} can’t be checked (secrets not held)`] : []),
  ];
  set({
    connectorNotice:
      checked === 0
        ? 'Nothing to check yet: no connector has finished its setup.'
        : `Checked ${checked} connector${checked === 1 ? '' : 's'}: ${parts.join(', ')}.`,
  });
  return true;
}

/** Reconnect: the connector's wizard opens on Authorize with everything before it kept. */
export async function reconnectRequested(connectorId: string): Promise<boolean> {
  const result = await busy('reconnect', () => bridge.reconnectConnector({ connectorId }));
  if (!result.ok) return failed(result.error);
  sessionReceived(result.value);
  const name = rowOf(connectorId)?.name;
  set({
    view: { screen: 'wizard' },
    authorization: { phase: 'idle' },
    stepError: null,
    notice: `Reconnecting ${name ?? 'this connector'}: sign in again below. Its settings are kept.`,
  });
  return true;
}

/** The admin's answer to "A different Dropbox account signed in". */
export async function accountChangeResolved(replace: boolean): Promise<boolean> {
  const result = await busy('account_change', () => bridge.resolveAccountChange({ replace }));
  set({ accountChange: null, authorization: { phase: 'idle' } });
  if (!result.ok) {
    set({ stepError: result.error });
    return false;
  }
  sessionReceived(result.value);
  set({
    stepError: null,
    notice: replace
      ? 'The connector now uses the account that just signed in. Press Continue to verify it.'
      : 'The connector keeps its account; the other sign-in was revoked.',
  });
  void connectorsListed();
  return true;
}

export async function connectorRenamed(connectorId: string, name: string): Promise<boolean> {
  const result = await busy('rename', () => bridge.renameConnector({ connectorId, name }));
  if (!result.ok) return failed(result.error);
  sessionReceived(result.value);
  await connectorsListed();
  return true;
}

/**
 * Delete (with the token revoked first when asked). Where Dropbox refuses the revoke, core keeps
 * the connector and says where the admin removes the link: that error shows on the page.
 */
export async function connectorDeleted(connectorId: string, revoke: boolean): Promise<boolean> {
  const name = rowOf(connectorId)?.name ?? 'The connector';
  const result = await busy('delete', () => bridge.deleteConnector({ connectorId, revoke }));
  if (!result.ok) return failed(result.error);
  sessionReceived(result.value);
  const health = Object.fromEntries(
    Object.entries(get().health).filter(([id]) => id !== connectorId),
  );
  const rows = (await connectorsListed()) ?? [];
  set({
    health,
    view: rows.some((row) => row.status !== 'setup') ? { screen: 'home' } : { screen: 'wizard' },
    connectorNotice: `${name} is deleted${revoke ? ' and its token revoked' : ''}.`,
  });
  return true;
}

export type ImportAnswer = Awaited<ReturnType<typeof bridge.importConnector>>;

/**
 * Import a file: core reads it, checks each credential set in it and saves each as a connector.
 * With `update`, credentials already saved update that connector instead (core's offer).
 */
export async function connectorImported(
  fileName: string,
  text: string,
  update = false,
): Promise<ImportAnswer> {
  const result = await busy('import', () =>
    bridge.importConnector(update ? { fileName, text, update } : { fileName, text }),
  );
  if (result.ok) {
    await connectorsListed();
    await refreshSession();
  }
  return result;
}

/** The error decoder; with a connector, core runs its check where that helps. */
export async function errorDecoded(
  text: string,
  connectorId?: string,
): Promise<
  Result<{ readonly matches: readonly DecodedError[]; readonly health: ConnectorHealth | null }>
> {
  const result = await busy('decode', () =>
    bridge.decodeError(connectorId ? { text, connectorId } : { text }),
  );
  if (result.ok && result.value.health && connectorId) {
    healthReceived(connectorId, result.value.health);
    await connectorsListed();
    if (get().session?.connectorId === connectorId) await refreshSession();
  }
  return result;
}

/** The verification report (Markdown or HTML); `replace` is core's one-time confirmation. */
export async function reportRequested(input: {
  connectorId: string;
  format: 'markdown' | 'html';
  path?: string;
  replace?: string;
}): Promise<Result<ExportResult>> {
  return busy('report', () => bridge.exportReport(input));
}

/** Copy & export: the connector's own export step (core keeps its step and values). */
export async function connectorExportRequested(connectorId: string): Promise<boolean> {
  const ok = await busy('open', async () => {
    if (get().session?.connectorId !== connectorId) {
      const opened = await bridge.openConnector({ connectorId });
      if (!opened.ok) return failed(opened.error);
      sessionReceived(opened.value);
    }
    if (get().session?.progress.step !== 'export') {
      const moved = await bridge.goToStep({ step: 'export' });
      if (!moved.ok) return failed(moved.error);
      sessionReceived(moved.value);
    }
    return true;
  });
  if (ok) set({ view: { screen: 'wizard' } });
  return ok;
}
