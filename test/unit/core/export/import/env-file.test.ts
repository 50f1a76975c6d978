import { describe, expect, it } from 'vitest';
import { parseEnvFile } from '../../../../../electron/core/export/import/env-file';
import { envFile, KEY, REFRESH, SECRET } from './fixtures';

describe('parseEnvFile', () => {
  it('reads the three variables and the target from the exporter header', () => {
    expect(parseEnvFile(envFile())).toEqual([
      {
        ok: true,
        credentials: {
          format: 'env',
          target: 'snow-atlas',
          appKey: KEY,
          appSecret: SECRET,
          refreshToken: REFRESH,
        },
      },
    ]);
  });

  it('accepts a hand-written file without the header: target null (checked as Custom)', () => {
    const [result] = parseEnvFile(envFile(false));
    expect(result?.ok && result.credentials.target).toBeNull();
  });

  it('handles quotes, escapes, inline comments and CRLF line ends like dotenv', () => {
    const text = [
      'DROPBOX_APP_KEY=abc123 # the key',
      'DROPBOX_APP_SECRET="s\\"e#cret"',
      "DROPBOX_REFRESH_TOKEN='lit\\eral # kept'",
    ].join('\r\n');
    const [result] = parseEnvFile(text);
    expect(result?.ok && result.credentials).toMatchObject({
      appKey: 'abc123',
      appSecret: 's"e#cret',
      refreshToken: 'lit\\eral # kept',
    });
  });

  it('names missing and empty variables', () => {
    const missing = parseEnvFile(`DROPBOX_APP_KEY=${KEY}\n`)[0];
    expect(missing?.ok === false && missing.problem.reason).toBe(
      'DROPBOX_APP_SECRET, DROPBOX_REFRESH_TOKEN missing',
    );
    const empty = parseEnvFile(envFile().replace(`"${SECRET}"`, '""'))[0];
    expect(empty?.ok === false && empty.problem.reason).toBe('DROPBOX_APP_SECRET empty');
  });

  it('reports a bad line by number only, never by content', () => {
    const [result] = parseEnvFile(`${envFile()}${REFRESH}\n`);
    expect(result?.ok === false && result.problem.reason).toBe('line 6 is not NAME=value');
    const quote = parseEnvFile(`DROPBOX_APP_SECRET="${SECRET}\n`)[0];
    expect(quote?.ok === false && quote.problem.reason).toBe('line 1 has an unclosed quote');
  });

  it('recognises the redacted support copy', () => {
    const text = envFile()
      .replace(`"${SECRET}"`, '"[redacted]"')
      .replace(`'${REFRESH}'`, '[redacted]');
    const [result] = parseEnvFile(text);
    expect(result?.ok === false && result.problem.kind).toBe('redacted');
  });
});
