/**
 * The app slice: choosing the connector, Create app's key and secret and their check, and the
 * pages with no check of their own (Prerequisites, Permissions).
 */
import type { AppCheckReport, RedirectMode, SecretField } from '../../../electron/shared/contract';
import type { WizardError } from '../../../electron/shared/result';
import { bridge } from '../bridge/bridge';
import { openInNewTab } from '../lib/open-in-new-tab';
import { runCall } from './call-runner';
import type { WizardSlice } from './wizard-store';

/** Shown on Permissions when the app check passed and the wizard moved on by itself. */
export const APP_ACCEPTED_NOTICE = 'Dropbox accepted the App key and secret.';

/** The notice, then one line per pre-flight that passed (the key and secret, each redirect URI). */
function acceptedNotice(report: AppCheckReport): string {
  const passed = report.checks.filter((c) => c.status === 'pass' && c.detail);
  return [APP_ACCEPTED_NOTICE, ...passed.map((c) => `${c.label}: ${c.detail}`)].join('\n');
}

export interface AppSlice {
  /** Latest app check (also mirrored into progress.appChecks by core when it persists it). */
  readonly appReport: AppCheckReport | null;
  /**
   * The app checks core persisted are out of date: a new check started, or the key changed. Create
   * app then shows no checks until the new report arrives (a reload shows core's again).
   */
  readonly appChecksStale: boolean;

  /** Choose connector's Continue: the connector (and, for Custom, its scopes; and its inputs). */
  targetChosen(
    targetId: string,
    customScopes?: readonly string[],
    inputs?: Readonly<Record<string, string>>,
  ): Promise<void>;
  /**
   * Remembers the app key as typed (non-secret), so a reload keeps it. Returns core's refusal
   * (e.g. `wrong_field`: a token or URL pasted as the key, which core does not save) for the
   * screen to show beside the field; null once saved. A different key makes core drop the held
   * secret and the app checks; the screen forgets its report too.
   */
  appKeyEdited(appKey: string): Promise<WizardError | null>;
  /**
   * Create app's Continue: one call that checks and, on a clean pass, opens the next step.
   * `appSecret` omitted means "use the one already held"; `noRedirectUri`: the admin will paste
   * the shown code, so the redirect pre-flight is skipped.
   */
  appCredentialsChecked(input: {
    appKey: string;
    appSecret?: string;
    noRedirectUri?: boolean;
  }): Promise<boolean>;
  /** Continue after a passed app check whose warnings the admin has now seen. */
  appCredentialsAccepted(): Promise<void>;
  /** "Open App Console": main opens it in Electron; in browser mode the page opens a new tab. */
  appConsoleRequested(): Promise<void>;
  /** Shows a held secret on purpose; the value goes back to the caller's component state only. */
  secretRevealRequested(field: SecretField): Promise<string | null>;
  secretPersistenceChanged(optIn: boolean): Promise<void>;
  /** Prerequisites Continue: core marks the page done on the way. */
  checklistReviewed(): Promise<void>;
  /** Permissions Continue: nothing to check yet (Verify proves the scopes). */
  permissionsReviewed(): Promise<void>;
}

export const createAppSlice: WizardSlice<AppSlice> = (set, get) => ({
  appReport: null,
  appChecksStale: false,

  async targetChosen(targetId, customScopes, inputs) {
    const previous = get().session?.progress.targetId ?? null;
    const select = () => bridge.selectTarget({ targetId });
    let session = await runCall(set, 'select_target', select);
    if (!session) return;
    // Core discarded the authorization and every check of the other connector; so does the
    // screen (a stale passed app check must not let Continue skip Create app's check).
    if (previous !== null && previous !== targetId) get().connectorWorkForgotten();
    if (customScopes) {
      const scopes = [...customScopes];
      session = await runCall(set, 'select_target', () => bridge.setCustomScopes({ scopes }));
      if (!session) return;
    }
    if (inputs && Object.keys(inputs).length > 0) {
      const values = { ...inputs };
      session = await runCall(set, 'select_target', () => bridge.setInputs({ inputs: values }));
      if (!session) return;
    }
    await get().advancedFrom('target', session);
  },

  async appKeyEdited(appKey) {
    const before = get().session?.progress.appKey;
    if (appKey === before) return null;
    const result = await bridge.saveAppKey({ appKey });
    if (!result.ok) return result.error;
    get().sessionReceived(result.value);
    if (result.value.progress.appKey !== before) set({ appReport: null, appChecksStale: true });
    return null;
  },

  async appCredentialsChecked(input) {
    const args: {
      appKey: string;
      appSecret?: string;
      redirectMode?: RedirectMode;
      advance: true;
    } = { appKey: input.appKey, advance: true };
    if (input.appSecret !== undefined) args.appSecret = input.appSecret;
    if (input.noRedirectUri) args.redirectMode = 'manual';
    // The last report says nothing about this attempt: never show it beside the new one.
    set({ appReport: null, appChecksStale: true });
    const outcome = await runCall(set, 'check_app', () => bridge.checkAppCredentials(args));
    if (!outcome) {
      // A refused call (e.g. wrong_field) may still have changed what core holds.
      await get().refreshSession();
      return false;
    }
    const { session, ...report } = outcome;
    set({ appReport: report });
    get().sessionReceived(session);
    // The admin may not have pressed anything (the check starts when the secret is pasted):
    // say on the next screen why it changed.
    if (report.passed && session.progress.step !== 'create-app')
      set({ notice: acceptedNotice(report) });
    return report.passed;
  },

  appCredentialsAccepted: () => get().advancedFrom('create-app'),

  async appConsoleRequested() {
    const result = await bridge.openAppConsole({});
    if (!result.ok) {
      set({ stepError: result.error });
      return;
    }
    if (!result.value.opened) openInNewTab(result.value.url);
  },

  async secretRevealRequested(field) {
    const result = await bridge.revealSecret({ field });
    if (result.ok) return result.value.value;
    set({ stepError: result.error });
    return null;
  },

  async secretPersistenceChanged(optIn) {
    const result = await bridge.setSecretPersistence({ optIn });
    if (result.ok) get().sessionReceived(result.value);
    else set({ stepError: result.error });
  },

  async checklistReviewed() {
    const next = get().session?.navigation.next;
    if (next) await get().stepRequested(next);
  },

  async permissionsReviewed() {
    const next = get().session?.navigation.next;
    if (next) await get().stepRequested(next);
  },
});
