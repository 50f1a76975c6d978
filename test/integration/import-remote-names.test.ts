/**
 * An rclone remote name read from an imported rclone.conf becomes the connector's name and its
 * remote_name setting, so it passes the same guard as a typed name: a name with a
 * direction-changing or invisible character, or one that is a secret, is refused before any
 * Dropbox call and before any connector is made, with a message naming the remote (a secret-like
 * name by its place only, never repeated).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorSummary } from '../../electron/shared/contract';
import { startEmulator, type RunningEmulator } from '../dropbox-emulator/index';
import { createHarness, type Harness } from './support/wizard-harness';

let emu: RunningEmulator;
let h: Harness;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  h = await createHarness(emu, { ports: [47567] });
});
afterEach(async () => {
  await h.dispose();
});

const REFRESH = 'r'.repeat(64);
function rcloneConf(...names: string[]): string {
  const token = JSON.stringify({
    access_token: 'none',
    token_type: 'bearer',
    refresh_token: REFRESH,
    expiry: '2026-11-23T10:00:00Z',
  });
  return names
    .map(
      (name) =>
        `[${name}]\ntype = dropbox\nclient_id = fakeappkey0x1y2\nclient_secret = fakesecretq7w8e\ntoken = ${token}\n`,
    )
    .join('\n');
}

async function refused(text: string) {
  const before = (await h.must<ConnectorSummary[]>('listConnectors')).length;
  const calls = (await emu.requests()).length;
  const result = await h.call('importConnector', { fileName: 'rclone.conf', text });
  expect((await h.must<ConnectorSummary[]>('listConnectors')).length).toBe(before);
  expect((await emu.requests()).length).toBe(calls);
  if (result.ok) throw new Error('the import was not refused');
  expect(result.error.code).toBe('invalid_input');
  expect(result.error.message).toContain('Nothing was imported');
  return result.error;
}

describe('remote names from an imported rclone.conf', () => {
  it('a right-to-left override in a remote name is refused, the name shown with the character escaped', async () => {
    const error = await refused(rcloneConf('finance', 'backup\u202Egpj.exe'));
    expect(error.message).toContain('[backup\\u{202E}gpj.exe]');
    expect(error.message).not.toContain('\u202E');
    expect(error.remedy).toMatch(/Retype that \[name\] line/);
  });

  it('a zero-width space in a remote name is refused', async () => {
    const error = await refused(rcloneConf('fin\u200Bance'));
    expect(error.message).toContain('[fin\\u{200B}ance]');
  });

  it("a remote named with the file's own client secret is refused without repeating it", async () => {
    const error = await refused(rcloneConf('finance', 'fakesecretq7w8e'));
    expect(error.message).toContain('Dropbox remote number 2');
    expect(JSON.stringify(error)).not.toContain('fakesecretq7w8e');
  });

  it('a remote named like an access token is refused without repeating it', async () => {
    const token = `sl.${'A'.repeat(40)}`;
    const error = await refused(rcloneConf(token));
    expect(JSON.stringify(error)).not.toContain(token);
  });
});
