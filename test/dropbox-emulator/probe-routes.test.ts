/**
 * The routes added for the saved-connector health probes (probe-routes.ts): each goes through
 * the same auth and scope pipeline as every route, so a scope unticked on the app is the 400
 * "does not have the required scope" text, a scope missing from the token is 401 missing_scope,
 * and with the scope the never-existing path or job id is the route error (409), changing nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './index';
import { rpc, SEED } from './test-helpers';

const WRITE_SCOPES = [
  'account_info.read',
  'files.content.read',
  'files.content.write',
  'files.metadata.read',
  'files.metadata.write',
  'sharing.read',
  'sharing.write',
];
const PROBES: readonly [string, string, unknown, string | null][] = [
  ['files.content.read', 'files/get_temporary_link', { path: '/.probe-x/none' }, 'path/not_found'],
  [
    'files.content.write',
    'files/delete_batch/check',
    { async_job_id: 'dbjid:x' },
    'invalid_async_job_id',
  ],
  [
    'files.metadata.write',
    'files/tags/remove',
    { path: '/.probe-x/none', tag_text: 'p' },
    'path/not_found',
  ],
  ['sharing.read', 'sharing/list_folders', { limit: 1 }, null],
  [
    'sharing.write',
    'sharing/check_job_status',
    { async_job_id: 'dbjid:x' },
    'invalid_async_job_id',
  ],
];

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  await emu.reset();
  // The seed's Custom demo app, given every scope the probes cover.
  await emu.patchApp(SEED.noRedirect.key, { scopes: WRITE_SCOPES });
});

async function accessToken(scopes?: string[]): Promise<string> {
  const minted = await emu.mintToken({
    appKey: SEED.noRedirect.key,
    accountId: SEED.personal.accountId,
    ...(scopes ? { scopes } : {}),
  });
  return minted.access_token as string;
}

describe('health-probe routes', () => {
  it.each(PROBES)(
    '%s via %s: granted → 200 or the route error, nothing changed',
    async (_scope, route, body, tag) => {
      const res = await rpc(emu.origin, route, { token: await accessToken(), body });
      if (tag === null) {
        expect(res.status).toBe(200);
      } else {
        expect(res.status).toBe(409);
        expect((res.json as { error_summary: string }).error_summary.startsWith(`${tag}/`)).toBe(
          true,
        );
      }
    },
  );

  it.each(PROBES)(
    '%s via %s: missing from the token → 401 missing_scope naming it',
    async (scope, route, body) => {
      const token = await accessToken(WRITE_SCOPES.filter((s) => s !== scope));
      const res = await rpc(emu.origin, route, { token, body });
      expect(res.status).toBe(401);
      expect(res.json).toMatchObject({ error: { '.tag': 'missing_scope', required_scope: scope } });
    },
  );

  it.each(PROBES)(
    '%s via %s: unticked on the app → 400 naming the scope',
    async (scope, route, body) => {
      const token = await accessToken();
      await emu.patchApp(SEED.noRedirect.key, { scopes: WRITE_SCOPES.filter((s) => s !== scope) });
      const res = await rpc(emu.origin, route, { token, body });
      expect(res.status).toBe(400);
      expect(res.text).toContain(`required scope '${scope}'`);
    },
  );
});
