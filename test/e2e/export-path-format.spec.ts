/**
 * The Export file field's suggested path follows the chosen format: after an export,
 * switching from the JSON file to the .env file suggests the same name with `.env`, so Replace
 * never writes one format under another's extension; a path the admin typed stays as typed.
 * Chromium against the real browser-mode server and the Dropbox emulator.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { button, heading, snowAtlasHappyPath } from './support/wizard-steps';
import { SNOW_APP, TEAM_ADMIN } from './support/wizard-stack';
import { test } from './support/wizard-test';

test('the suggested export path follows the format unless the admin typed one', async ({
  page,
  stack,
  outDir,
}) => {
  const exportFile = path.join(outDir, 'snow-atlas.json');
  await snowAtlasHappyPath(page, stack, { app: SNOW_APP, admin: TEAM_ADMIN, exportFile });
  const field = page.getByLabel('Export file', { exact: true });
  const format = page.getByLabel('File format', { exact: true });

  // Typed by the admin in this visit: the path is theirs and stays.
  await format.selectOption({ label: '.env file' });
  await expect(field).toHaveValue(exportFile);

  // A later visit: the field suggests the last export, and the suggestion follows the format.
  await page.reload();
  await page.getByRole('button', { name: 'Open Snow Atlas — Example Ltd' }).click();
  await button(page, 'Copy & export').click();
  await expect(heading(page, 'Copy & export')).toBeVisible();
  await expect(field).toHaveValue(exportFile);
  await format.selectOption({ label: '.env file' });
  const envFile = path.join(outDir, 'snow-atlas.env');
  await expect(field).toHaveValue(envFile);
  await button(page, 'Export file').click();
  await expect(page.getByText(`Written to ${envFile}`)).toBeVisible();
  // Bare values, as Docker's --env-file reads them.
  expect(readFileSync(envFile, 'utf8')).toMatch(/^DROPBOX_APP_KEY=[a-z0-9]+$/m);
  // The JSON export is untouched.
  expect(JSON.parse(readFileSync(exportFile, 'utf8'))).toMatchObject({ target: 'snow-atlas' });
});
