/**
 * Saved state is never lost, end to end in browser mode: a progress.json that cannot be read as a
 * whole is kept beside itself as progress.json.unreadable-<UTC time> and the wizard opens on the
 * home screen saying so, with where the copy is and the fix; connector records this version
 * cannot read are counted there and stay in the file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startWizardServer, type WizardServer } from './support/wizard-stack';

let dataDir: string;
let server: WizardServer | null = null;
test.beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'wizard-kept-'));
});
test.afterEach(async () => {
  await server?.stop();
  server = null;
  rmSync(dataDir, { recursive: true, force: true });
});

test('a truncated progress.json is kept aside and the home screen names the copy once', async ({
  page,
}) => {
  const truncated = '{"schemaVersion": 2, "activeConnectorId": "connector-1", "connec';
  writeFileSync(path.join(dataDir, 'progress.json'), truncated);
  server = await startWizardServer({ dataDir });
  await page.goto(server.url);

  const kept = readdirSync(dataDir).filter((name) => name.startsWith('progress.json.unreadable-'));
  expect(kept).toHaveLength(1);
  expect(readFileSync(path.join(dataDir, kept[0]!), 'utf8')).toBe(truncated);
  await expect(page.getByRole('heading', { level: 1, name: 'Connectors' })).toBeVisible();
  const note = page.getByRole('note').filter({ hasText: 'could not be read' });
  await expect(note).toContainText(path.join(dataDir, kept[0]!));
  await expect(note).toContainText('Fix:');
  await note.getByRole('button', { name: 'Dismiss' }).click();
  await expect(note).toHaveCount(0);

  // A restart reads the fresh file: no notice again, the kept copy still there.
  await server.stop();
  server = await startWizardServer({ dataDir });
  await page.goto(server.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('note').filter({ hasText: 'could not be read' })).toHaveCount(0);
  expect(readFileSync(path.join(dataDir, kept[0]!), 'utf8')).toBe(truncated);
});

test('connector records this version cannot read are counted on the home screen', async ({
  page,
}) => {
  const saved = {
    schemaVersion: 2,
    activeConnectorId: 'connector-9',
    connectors: { 'connector-9': { step: 'from-a-newer-version' } },
  };
  writeFileSync(path.join(dataDir, 'progress.json'), JSON.stringify(saved));
  server = await startWizardServer({ dataDir });
  await page.goto(server.url);
  const note = page.getByRole('note').filter({ hasText: '1 saved connector could not be read' });
  await expect(note).toContainText(path.join(dataDir, 'progress.json'));
  await server.stop();
  server = null;
  const file = JSON.parse(readFileSync(path.join(dataDir, 'progress.json'), 'utf8')) as {
    unreadable?: object;
  };
  // Whatever the wizard wrote since, the record is still in the file.
  expect(JSON.stringify(file)).toContain('from-a-newer-version');
});
