/**
 * One import is capped: an rclone.conf with more Dropbox remotes than one import takes is refused
 * with a message naming the count and the fix, before any call to Dropbox and before any
 * connector is made.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CONNECTORS_PER_IMPORT } from '../../electron/core/wizard/connector-import';
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
  h = await createHarness(emu, { ports: [47566] });
});
afterEach(async () => {
  await h.dispose();
});

function rcloneConf(remotes: number): string {
  const token = JSON.stringify({
    access_token: 'none',
    token_type: 'bearer',
    refresh_token: 'r'.repeat(64),
    expiry: '2026-11-23T10:00:00Z',
  });
  return Array.from(
    { length: remotes },
    (_, i) =>
      `[remote-${i}]\ntype = dropbox\nclient_id = fakeappkey0x1y2\nclient_secret = fakesecretq7w8e\ntoken = ${token}\n`,
  ).join('\n');
}

describe('import cap', () => {
  it(`an rclone.conf with ${MAX_CONNECTORS_PER_IMPORT + 1} Dropbox remotes is refused whole, naming the count, before any Dropbox call`, async () => {
    const before = (await h.must<ConnectorSummary[]>('listConnectors')).length;
    const calls = (await emu.requests()).length;
    const result = await h.call('importConnector', {
      fileName: 'rclone.conf',
      text: rcloneConf(MAX_CONNECTORS_PER_IMPORT + 1),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.message).toContain(`${MAX_CONNECTORS_PER_IMPORT + 1}`);
      expect(result.error.message).toContain(`at most ${MAX_CONNECTORS_PER_IMPORT}`);
      expect(result.error.remedy).toMatch(/Split the file/);
      expect(JSON.stringify(result.error)).not.toContain('fakesecretq7w8e');
    }
    expect((await h.must<ConnectorSummary[]>('listConnectors')).length).toBe(before);
    expect((await emu.requests()).length).toBe(calls);
  });
});
