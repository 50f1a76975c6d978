import { describe, expect, it } from 'vitest';
import { cleanPastedValue } from '../../../../electron/core/input/paste-hygiene';

const APP_KEY = 'mvhz183vwqibe7q';
const APP_SECRET = 'k2j4h5g6f7d8s9a';
const CODE = '4EYjTs0eOrkAAAAAAAAATl3muv7xfGx4hxnis814Dpc';
const REFRESH = 'AbCdEfGhIjKAAAAAAAAAAUvWxYz0123456789-_abcdefghijklmnopqrstuvwxy';
const ACCESS = 'sl.u.AFbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefghijklmnopqrstuvwxyz';

describe('cleanPastedValue: cleaning', () => {
  it.each([
    [`  ${APP_KEY}\n`, 'spaces and newline'],
    [`\u00A0${APP_KEY}\u00A0`, 'non-breaking spaces'],
    [`\u200B${APP_KEY}\uFEFF`, 'zero-width characters'],
    [`mvhz183\u200Bvwqibe7q`, 'zero-width inside'],
    [`\t"${APP_KEY}"\r\n`, 'quotes'],
    [`App key   ${APP_KEY}`, 'the Settings label copied along'],
  ])('accepts a valid key with %#: %s', (raw) => {
    expect(cleanPastedValue('app_key', raw)).toEqual({ value: APP_KEY, problem: null });
  });

  it('accepts a typical secret', () => {
    expect(cleanPastedValue('app_secret', ` ${APP_SECRET} `)).toEqual({
      value: APP_SECRET,
      problem: null,
    });
  });

  it('returns an empty value without a problem for an empty paste', () => {
    expect(cleanPastedValue('app_key', ' \n\u200B ')).toEqual({ value: '', problem: null });
  });

  it('does not reject unusual but plausible keys', () => {
    for (const key of [
      'abcdefghijklmnop',
      'ABCdef123456789',
      'abc123def456',
      'a1b2c3d4e5f6g7h8i9j0',
    ]) {
      expect(cleanPastedValue('app_key', key).problem, key).toBeNull();
    }
  });
});

describe('cleanPastedValue: wrong field', () => {
  it('recognises an access token in the app key box', () => {
    const { problem } = cleanPastedValue('app_key', ACCESS);
    expect(problem?.code).toBe('wrong_field');
    expect(problem?.message).toBe(
      'This looks like an access token, not an App key. The App key is on App Console → your app → Settings → App key (15 characters).',
    );
  });

  it.each([
    [
      'app_key',
      'https://www.dropbox.com/developers/apps/info/mvhz183vwqibe7q',
      /App Console page address/,
    ],
    ['app_secret', 'https://example.com/', /web address/],
    ['app_key', CODE, /authorization code/],
    ['app_secret', REFRESH, /refresh token/],
    ['app_key', `code=${CODE}&state=abc`, /sign-in answer/],
    ['app_key', `App secret ${APP_SECRET}`, /the App secret, not an App key/],
  ] as const)('flags %s given %s', (field, raw, message) => {
    const { problem } = cleanPastedValue(field, raw);
    expect(problem?.code).toBe('wrong_field');
    expect(problem?.message).toMatch(message);
  });

  it('never repeats the pasted value in its messages', () => {
    for (const raw of [ACCESS, REFRESH, CODE, `https://x.example/?code=${CODE}`]) {
      const { problem } = cleanPastedValue('app_secret', raw);
      expect(problem).not.toBeNull();
      expect(JSON.stringify(problem)).not.toContain(raw);
    }
  });

  it('warns when a key has spaces inside or is clearly too short', () => {
    expect(cleanPastedValue('app_key', 'mvhz183 vwqibe7q').problem?.code).toBe('invalid_input');
    expect(cleanPastedValue('app_key', 'abc').problem?.code).toBe('invalid_input');
    expect(cleanPastedValue('app_secret', 'key/with*symbols!').problem?.code).toBe('invalid_input');
  });
});

describe('cleanPastedValue: authorization code', () => {
  it('accepts a bare code', () => {
    expect(cleanPastedValue('authorization_code', `  ${CODE}\n`)).toEqual({
      value: CODE,
      problem: null,
    });
  });

  it('extracts the code from a pasted redirect URL and returns its state', () => {
    const result = cleanPastedValue(
      'authorization_code',
      `http://127.0.0.1:47210/oauth/callback?code=${CODE}&state=s123`,
    );
    expect(result).toEqual({ value: CODE, problem: null, state: 's123' });
  });

  it('extracts the code from a bare query', () => {
    expect(cleanPastedValue('authorization_code', `code=${CODE}&state=s123`)).toEqual({
      value: CODE,
      problem: null,
      state: 's123',
    });
    expect(cleanPastedValue('authorization_code', `?code=${CODE}`)).toEqual({
      value: CODE,
      problem: null,
    });
  });

  it('reports a denied consent in a pasted URL as access_denied', () => {
    const result = cleanPastedValue(
      'authorization_code',
      'http://127.0.0.1:47210/oauth/callback?error=access_denied&error_description=nope&state=s1',
    );
    expect(result.problem?.code).toBe('access_denied');
    expect(result.value).toBe('');
    expect(result.state).toBe('s1');
  });

  it('reports other errors in a pasted URL without echoing them', () => {
    const result = cleanPastedValue('authorization_code', 'error=%3Cb%3Ebad&state=s1');
    expect(result.problem?.code).toBe('unexpected_reply');
    expect(result.problem?.detail).toBe('redirect error: unrecognised');
  });

  it.each([
    [ACCESS, /access token/],
    [REFRESH, /refresh token/],
    [APP_KEY, /App key or App secret/],
    ['https://www.dropbox.com/developers/apps', /web address without a code/],
  ])('flags %s in the code box', (raw, message) => {
    const { problem } = cleanPastedValue('authorization_code', raw);
    expect(problem?.code).toBe('wrong_field');
    expect(problem?.message).toMatch(message);
  });

  it('warns about a code with spaces inside', () => {
    expect(cleanPastedValue('authorization_code', `${CODE} ${CODE}`).problem?.code).toBe(
      'invalid_input',
    );
  });
});
