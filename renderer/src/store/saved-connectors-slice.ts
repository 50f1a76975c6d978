/**
 * The saved connectors' state: which screen shows, the list, health checks and the home screen's
 * own pending call, error and notice. Their actions live in connector-actions.ts.
 */
import type { ConnectorHealth, ConnectorSummary } from '../../../electron/shared/contract';
import type { WizardError } from '../../../electron/shared/result';
import type { WizardSlice } from './wizard-store';

/**
 * Which screen shows: the wizard (one connector's steps), the home screen (every saved
 * connector), or a saved connector's page. A connector page always shows core's active
 * connector (opening it makes it active).
 */
export type View =
  | { readonly screen: 'wizard' }
  | { readonly screen: 'home' }
  | { readonly screen: 'connector'; readonly connectorId: string };

/** Which saved-connector call runs (home screen and connector page); separate from the wizard's. */
export type ConnectorOperation =
  | 'open'
  | 'new'
  | 'check'
  | 'check_all'
  | 'reconnect'
  | 'rename'
  | 'delete'
  | 'import'
  | 'report'
  | 'decode'
  | 'account_change';

export interface SavedConnectorsSlice {
  readonly view: View;
  /** The saved connectors as core lists them; null before the first list arrived. */
  readonly connectors: readonly ConnectorSummary[] | null;
  /** Connectors whose health check is running (a spinner on their row). */
  readonly checking: readonly string[];
  /** The latest health check of each connector in this session (with what changed). */
  readonly health: Readonly<Record<string, ConnectorHealth>>;
  readonly connectorPending: ConnectorOperation | null;
  /** The last failure on the home screen or a connector page. */
  readonly connectorError: WizardError | null;
  /** A one-off success line for the home screen or connector page. */
  readonly connectorNotice: string | null;
}

export const createSavedConnectorsSlice: WizardSlice<SavedConnectorsSlice> = () => ({
  view: { screen: 'wizard' },
  connectors: null,
  checking: [],
  health: {},
  connectorPending: null,
  connectorError: null,
  connectorNotice: null,
});
