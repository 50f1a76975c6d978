/**
 * Argument schemas for every bridge call. The renderer is untrusted input in both transports, so
 * each call's arguments are parsed here before the service sees them; unknown keys are refused.
 */
import { z } from 'zod';
import {
  BRIDGE_METHODS,
  type BridgeArgs,
  type BridgeMethod,
  type OutputKey,
} from '../../shared/contract';
import { STEP_IDS } from '../../shared/steps';

const none = z.strictObject({});
const connectorId = z.string().regex(/^connector-[0-9]{1,6}$/);
const OUTPUT_KEYS = [
  'app_key',
  'app_secret',
  'refresh_token',
  'redirect_uri',
  'account_email',
  'scopes',
] as const satisfies readonly OutputKey[];
// Bounded strings: nothing the wizard takes is longer than a few hundred characters; a huge
// payload is a bug or an attack, never an app key.
const shortText = z.string().max(2048);

export const ARG_SCHEMAS = {
  getSession: none,
  listTargets: none,
  listScopes: none,
  selectTarget: z.strictObject({ targetId: z.string().min(1).max(64) }),
  setCustomScopes: z.strictObject({ scopes: z.array(z.string().min(1).max(64)).max(64) }),
  setInputs: z.strictObject({
    inputs: z.record(z.string().min(1).max(64), z.string().max(512)),
  }),
  goToStep: z.strictObject({ step: z.enum(STEP_IDS) }),
  saveAppKey: z.strictObject({ appKey: shortText }),
  checkAppCredentials: z.strictObject({
    appKey: shortText,
    appSecret: shortText.optional(),
    redirectMode: z.enum(['loopback', 'manual']).optional(),
    advance: z.boolean().optional(),
  }),
  openAppConsole: none,
  startAuthorization: z.strictObject({
    method: z.enum(['internal', 'browser', 'manual']),
    port: z.number().int().min(1).max(65535).optional(),
    forceReauthentication: z.boolean().optional(),
  }),
  waitForAuthorization: z.strictObject({ attemptId: z.string().min(1).max(128) }),
  submitAuthorizationCode: z.strictObject({ code: shortText }),
  cancelAuthorization: none,
  runVerify: none,
  revealSecret: z.strictObject({ field: z.enum(OUTPUT_KEYS) }),
  copySecret: z.strictObject({ field: z.enum(OUTPUT_KEYS) }),
  exportConfig: z.strictObject({
    format: z.string().min(1).max(64).optional(),
    path: z.string().min(1).max(4096).optional(),
    redacted: z.boolean().optional(),
    replace: z.string().min(1).max(128).optional(),
  }),
  revokeToken: none,
  setSecretPersistence: z.strictObject({ optIn: z.boolean() }),
  startOver: none,
  listConnectors: none,
  openConnector: z.strictObject({ connectorId: connectorId }),
  newConnector: none,
  renameConnector: z.strictObject({ connectorId: connectorId, name: z.string().max(80) }),
  deleteConnector: z.strictObject({ connectorId: connectorId, revoke: z.boolean() }),
  checkConnector: z.strictObject({ connectorId: connectorId }),
  checkAllConnectors: none,
  reconnectConnector: z.strictObject({ connectorId: connectorId }),
  resolveAccountChange: z.strictObject({ replace: z.boolean() }),
  // An export file is a few KiB; 48 KiB (inside browser mode's 64 KiB body limit) leaves room
  // for an rclone.conf with many remotes.
  importConnector: z.strictObject({
    fileName: z.string().min(1).max(255),
    text: z.string().max(48 * 1024),
    update: z.boolean().optional(),
  }),
  decodeError: z.strictObject({
    text: z
      .string()
      .min(1)
      .max(16 * 1024),
    connectorId: connectorId.optional(),
  }),
  exportReport: z.strictObject({
    connectorId: connectorId,
    format: z.enum(['markdown', 'html']),
    path: z.string().min(1).max(4096).optional(),
    replace: z.string().min(1).max(128).optional(),
  }),
} satisfies { [M in BridgeMethod]: z.ZodType<BridgeArgs<M>> };

// Compile-time and start-up guard that the list and the schemas agree.
for (const method of BRIDGE_METHODS) {
  if (!(method in ARG_SCHEMAS)) throw new Error(`No argument schema for bridge method ${method}`);
}
