import { describe, expect, it } from 'vitest';
import { parseRcloneConf } from '../../../../../electron/core/export/import/rclone-conf';
import { KEY, rcloneConf, REFRESH, SECRET } from './fixtures';

function reasons(text: string): (string | null)[] {
  return parseRcloneConf(text).map((r) => (r.ok ? null : r.problem.reason));
}

describe('parseRcloneConf', () => {
  it('reads client_id, client_secret and the refresh token of a dropbox remote', () => {
    expect(parseRcloneConf(rcloneConf())).toEqual([
      {
        ok: true,
        credentials: {
          format: 'rclone-conf',
          target: 'rclone',
          appKey: KEY,
          appSecret: SECRET,
          refreshToken: REFRESH,
          remote: 'dropbox',
        },
      },
    ]);
  });

  it('gives one result per dropbox remote and ignores other backends', () => {
    const text = `${rcloneConf(['work', 'home'])}\n[s3]\ntype = s3\nprovider = AWS\n`;
    const results = parseRcloneConf(text);
    expect(results.map((r) => r.ok && r.credentials.remote)).toEqual(['work', 'home']);
  });

  it("names the remote that uses rclone's own app or has no refresh token", () => {
    const ownApp = '[plain]\ntype = dropbox\ntoken = {"access_token":"x"}\n';
    const noRefresh = rcloneConf(['bad']).replace(/"refresh_token":"[^"]+",/, '');
    expect(reasons(ownApp + noRefresh)).toEqual([
      "[plain] has no client_id or client_secret (it uses rclone's built-in app)",
      '[bad] token has no refresh_token (an access token alone expires in 4 hours)',
    ]);
  });

  it('says so when there is no dropbox remote, or the config is encrypted', () => {
    expect(reasons('[s3]\ntype = s3\n')).toEqual(['no [remote] section with type = dropbox']);
    expect(
      reasons('# Encrypted rclone configuration File\n\nRCLONE_ENCRYPT_V0:\nAbCd\n')[0],
    ).toMatch(/encrypted/);
  });

  it('never quotes a value when a line or the token is broken', () => {
    const brokenToken = rcloneConf().replace(/token = \{/, `token = ${SECRET}{`);
    const strayLine = `${rcloneConf()}${REFRESH}\n`;
    for (const reason of [...reasons(brokenToken), ...reasons(strayLine)]) {
      expect(reason).not.toContain(SECRET);
      expect(reason).not.toContain(REFRESH);
    }
    expect(reasons(brokenToken)).toEqual(['[dropbox] token is not valid JSON']);
    expect(reasons(strayLine)).toEqual(['line 6 is neither [remote] nor key = value']);
  });

  it('recognises a redacted remote', () => {
    const text = rcloneConf().replace(`client_secret = ${SECRET}`, 'client_secret = [redacted]');
    const [result] = parseRcloneConf(text);
    expect(result?.ok === false && result.problem.kind).toBe('redacted');
  });
});
