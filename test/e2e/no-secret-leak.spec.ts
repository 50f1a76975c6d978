/**
 * After a full Snow Atlas run, no secret is anywhere it should not be: not in what the wizard
 * server printed, not in any URL Dropbox (the emulator) received, not in the progress file or
 * anything else in the data dir, not in the names of the exported files, not in the page's web
 * storage or markup. The secrets are the real values of this run: the app secret, the code the
 * loopback redirect carried (seen in the Dropbox tab's navigation), every access token the wizard
 * received (read off a recording pass-through between the wizard and the API), the refresh token
 * (from the export), and an access token the connector would mint from it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { button, refreshAccessToken, snowAtlasHappyPath } from './support/wizard-steps';
import { SNOW_APP, TEAM_ADMIN, type WizardStack } from './support/wizard-stack';
import { test } from './support/wizard-test';

test.use({ stackOptions: { tapApi: true } });

/** Every file under `dir`, with its path relative to `dir` and its text. */
function filesUnder(dir: string): { name: string; text: string }[] {
  const found: { name: string; text: string }[] = [];
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const full = path.join(dir, entry);
    if (statSync(full).isFile()) found.push({ name: entry, text: readFileSync(full, 'utf8') });
  }
  return found;
}

/** Access tokens in the JSON bodies the token endpoint sent the wizard. */
function accessTokensTheWizardReceived(stack: WizardStack): string[] {
  return stack
    .apiExchanges()
    .filter((e) => e.url.startsWith('/oauth2/token') && e.status === 200)
    .map((e) => String((JSON.parse(e.responseBody) as { access_token?: unknown }).access_token))
    .filter((t) => t !== 'undefined');
}

test('a full run leaves no secret in logs, URLs, progress, file names or web storage', async ({
  page,
  stack,
  outDir,
}) => {
  const exportFile = path.join(outDir, 'snow-atlas.json');
  const run = await snowAtlasHappyPath(page, stack, {
    app: SNOW_APP,
    admin: TEAM_ADMIN,
    exportFile,
  });
  // A support copy too: its name and content are part of what must stay clean.
  await button(page, 'Export redacted copy for support').click();
  await expect(
    page.getByText(`Redacted copy written to ${exportFile.replace(/\.json$/, '.redacted.json')}`),
  ).toBeVisible();

  // The authorize URL the wizard opened in the tab.
  const authorize = new URL(run.authorizeUrl);
  expect(authorize.searchParams.get('client_id')).toBe(SNOW_APP.key);
  expect(authorize.searchParams.get('token_access_type')).toBe('offline');
  expect(authorize.searchParams.has('scope')).toBe(false);
  expect(authorize.searchParams.get('state')?.length ?? 0).toBeGreaterThanOrEqual(16);
  expect(authorize.searchParams.get('redirect_uri')).toBe(stack.redirectUris[0]);
  expect(run.authorizeUrl).not.toContain(SNOW_APP.secret);
  expect(authorize.searchParams.has('client_secret')).toBe(false);

  // The real secret values of this run.
  const doc = JSON.parse(readFileSync(exportFile, 'utf8')) as { refresh_token: string };
  const refreshToken = doc.refresh_token;
  const wizardAccessTokens = accessTokensTheWizardReceived(stack);
  // The exchange, the refresh Verify does itself, and at least one more.
  expect(wizardAccessTokens.length).toBeGreaterThanOrEqual(2);
  const minted = await refreshAccessToken(stack.emulator.origin, SNOW_APP, refreshToken);
  expect(minted.status).toBe(200);
  const secrets: Record<string, string> = {
    'app secret': SNOW_APP.secret,
    'authorization code': run.code,
    'refresh token': refreshToken,
    'access token (connector refresh)': String(minted.body.access_token),
  };
  wizardAccessTokens.forEach(
    (token, i) => (secrets[`access token #${i + 1} of the wizard`] = token),
  );
  for (const [what, value] of Object.entries(secrets)) {
    expect(value.length, `${what} is a real value`).toBeGreaterThanOrEqual(10);
  }

  // Where they must not be.
  const storage = await page.evaluate(() => {
    const dump = (s: Storage): Record<string, string> =>
      Object.fromEntries(
        Array.from({ length: s.length }, (_, i) => s.key(i) ?? '').map((k) => [
          k,
          s.getItem(k) ?? '',
        ]),
      );
    return { local: dump(window.localStorage), session: dump(window.sessionStorage) };
  });
  const places: Record<string, string> = {
    'wizard server output': stack.output(),
    'URLs the emulator received': (await stack.emulator.requests())
      .map((r) => JSON.stringify(r))
      .join('\n'),
    'data dir files (progress.json…)': filesUnder(stack.dataDir)
      .map((f) => `${f.name}\n${f.text}`)
      .join('\n'),
    'export directory listing': readdirSync(outDir).join('\n'),
    'redacted support copy': readFileSync(exportFile.replace(/\.json$/, '.redacted.json'), 'utf8'),
    localStorage: JSON.stringify(storage.local),
    sessionStorage: JSON.stringify(storage.session),
    'wizard page markup': await page.content(),
    'wizard page URL': page.url(),
  };
  expect(filesUnder(stack.dataDir).map((f) => f.name)).toContain('progress.json');
  expect(readdirSync(outDir).sort()).toEqual(['snow-atlas.json', 'snow-atlas.redacted.json']);
  expect(places['wizard server output']).toContain('[wizard] authorization complete');

  // The search works: the values are where they belong (the export, the tab's redirect).
  const exported = readFileSync(exportFile, 'utf8');
  expect(exported).toContain(SNOW_APP.secret);
  expect(exported).toContain(refreshToken);
  expect(run.traffic.urls.some((u) => u.includes(run.code))).toBe(true);

  const leaks: string[] = [];
  for (const [place, text] of Object.entries(places)) {
    for (const [what, value] of Object.entries(secrets)) {
      if (text.includes(value)) leaks.push(`${what} found in ${place}`);
    }
  }
  expect(leaks).toEqual([]);
});
