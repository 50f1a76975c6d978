import { describe, expect, it } from 'vitest';
import { parseGenericJson } from '../../../../../electron/core/export/import/generic-json';
import { REDACTED_REASON } from '../../../../../electron/core/export/import/types';
import { genericJson, KEY, redactedGenericJson, REFRESH, SECRET } from './fixtures';

function problems(text: string): string[] {
  return parseGenericJson(text).map((r) => (r.ok ? 'ok' : r.problem.reason));
}

describe('parseGenericJson', () => {
  it('reads the credentials, target, scopes and token kind of a dropbox-connector/v1 export', () => {
    const [result] = parseGenericJson(genericJson());
    expect(result).toEqual({
      ok: true,
      credentials: {
        format: 'generic-json',
        target: 'snow-atlas',
        appKey: KEY,
        appSecret: SECRET,
        refreshToken: REFRESH,
        scopes: ['account_info.read', 'members.read', 'sessions.list', 'team_info.read'],
        tokenKind: 'team',
      },
    });
  });

  it('recognises the redacted support copy and says to verify the real export', () => {
    const [result] = parseGenericJson(redactedGenericJson());
    expect(result).toEqual({
      ok: false,
      problem: { format: 'generic-json', kind: 'redacted', reason: REDACTED_REASON },
    });
  });

  it('names the broken field without quoting any value from the file', () => {
    const doc = JSON.parse(genericJson()) as Record<string, unknown>;
    const bad = JSON.stringify({ ...doc, app_key: `${SECRET} with spaces`, token_kind: REFRESH });
    const [reason] = problems(bad);
    expect(reason).toMatch(/app_key/);
    expect(reason).toMatch(/token_kind/);
    expect(reason).not.toContain(SECRET);
    expect(reason).not.toContain(REFRESH);
  });

  it('says "not valid JSON" for a truncated file without echoing its text', () => {
    const [reason] = problems(genericJson().slice(0, 120));
    expect(reason).toBe('not valid JSON');
  });

  it('refuses another format version and a JSON file that is not an export', () => {
    const doc = JSON.parse(genericJson()) as Record<string, unknown>;
    expect(problems(JSON.stringify({ ...doc, format: 'dropbox-connector/v2' }))[0]).toMatch(
      /is not dropbox-connector\/v1/,
    );
    expect(problems('{"name":"package"}')[0]).toMatch(/not a Dropbox Connector Wizard export/);
    expect(problems('[1,2]')[0]).toBe('not a JSON object');
  });

  it('refuses a team token without a team (the schema ties them together)', () => {
    const doc = JSON.parse(genericJson()) as Record<string, unknown>;
    expect(problems(JSON.stringify({ ...doc, team: null }))[0]).toMatch(/team/);
  });
});
