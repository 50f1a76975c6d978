/**
 * The importers read what the exporters write: every golden export in the formats `verify`
 * understands parses back to its values, and every redacted golden is recognised as the copy.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExportFile } from '../../../../../electron/core/export/import/index';
import { REDACTED_REASON } from '../../../../../electron/core/export/import/types';

const GOLDEN = path.resolve(import.meta.dirname, '../golden');
const READABLE =
  /\.(generic-json\.json|generic-json\.redacted\.json|env\.env|env\.redacted\.env|rclone-conf\.conf|rclone-conf\.redacted\.conf)$/;
const files = readdirSync(GOLDEN).filter((name) => READABLE.test(name));

describe('golden exports read back', () => {
  it('covers all three formats', () => {
    expect(files.some((f) => f.endsWith('.json'))).toBe(true);
    expect(files.some((f) => f.endsWith('.env'))).toBe(true);
    expect(files.some((f) => f.endsWith('.conf'))).toBe(true);
  });

  it.each(files)('%s', (name) => {
    const results = parseExportFile(name, readFileSync(path.join(GOLDEN, name), 'utf8'));
    expect(results).toHaveLength(1);
    const [result] = results;
    if (name.includes('.redacted.')) {
      expect(result).toMatchObject({
        ok: false,
        problem: { kind: 'redacted', reason: REDACTED_REASON },
      });
      return;
    }
    expect(result?.ok).toBe(true);
    if (!result?.ok) return;
    // The golden's target is the first part of its name (snow-atlas.env.env → snow-atlas).
    expect(result.credentials.target).toBe(name.split('.')[0]);
    expect(result.credentials.appKey).toBe('fakeappkey0x1y2');
    expect(result.credentials.refreshToken).toMatch(/^FAKErefresh/);
  });
});
