import { describe, expect, it } from 'vitest';
import { parseExportFile } from '../../../../../electron/core/export/import/index';
import { envFile, genericJson, rcloneConf } from './fixtures';

describe('parseExportFile', () => {
  it('picks the parser by file name', () => {
    expect(parseExportFile('snow.json', genericJson())[0]).toMatchObject({
      ok: true,
      credentials: { format: 'generic-json' },
    });
    expect(parseExportFile('snow.env', envFile())[0]).toMatchObject({
      credentials: { format: 'env' },
    });
    expect(parseExportFile('rclone.conf', rcloneConf())[0]).toMatchObject({
      credentials: { format: 'rclone-conf' },
    });
  });

  it('falls back to the content when the name does not tell', () => {
    expect(parseExportFile('exported', genericJson())[0]).toMatchObject({
      credentials: { format: 'generic-json' },
    });
    expect(parseExportFile('creds.txt', envFile())[0]).toMatchObject({
      credentials: { format: 'env' },
    });
    expect(parseExportFile('backup', rcloneConf())[0]).toMatchObject({
      credentials: { format: 'rclone-conf' },
    });
    expect(parseExportFile('notes.txt', 'hello')[0]).toMatchObject({
      ok: false,
      problem: { kind: 'invalid' },
    });
  });
});
