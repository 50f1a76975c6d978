/**
 * The wizard's one store, made of slices (zustand's slices pattern): each slice creator owns its
 * part of the state and the actions named after what happened ("targetChosen",
 * "appCredentialsChecked"). Bridge listeners and React handlers call the same actions, through
 * `useWizardStore.getState()` or a selector.
 *
 * Nothing here is persisted in the browser: progress lives on the Node side and comes back with
 * `getSession` on reload. Secrets are never put in this store; screens hold them in component
 * state while the admin types, and pass them straight to the bridge call.
 */
import { create, type StateCreator } from 'zustand';
import { type AppSlice, createAppSlice } from './app-slice';
import { type AuthorizationSlice, createAuthorizationSlice } from './authorization-slice';
import { type SavedConnectorsSlice, createSavedConnectorsSlice } from './saved-connectors-slice';
import { type SessionSlice, createSessionSlice } from './session-slice';
import { type VerifyExportSlice, createVerifyExportSlice } from './verify-export-slice';

export type WizardState = SessionSlice &
  AppSlice &
  AuthorizationSlice &
  VerifyExportSlice &
  SavedConnectorsSlice;

/** A slice creator: sees (and may set) the whole store, returns its own part. */
export type WizardSlice<T> = StateCreator<WizardState, [], [], T>;

export const useWizardStore = create<WizardState>()((...a) => ({
  ...createSessionSlice(...a),
  ...createAppSlice(...a),
  ...createAuthorizationSlice(...a),
  ...createVerifyExportSlice(...a),
  ...createSavedConnectorsSlice(...a),
}));

// The saved-connector actions (connector-actions.ts) and the home screen call these as plain
// functions; the store's actions are stable, so taking them once is the same as calling getState().
export const { sessionReceived, refreshSession, authorizationCancelled, appConsoleRequested } =
  useWizardStore.getState();
