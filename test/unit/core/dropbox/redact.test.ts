import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../../electron/core/log/redact';

describe('createRedactor', () => {
  it('replaces remembered secrets, also URL-encoded, longest first', () => {
    const r = createRedactor();
    r.add('s3cr3t-app-secret');
    r.add('s3cr3t');
    r.add('a b/c+d=e');
    expect(r.redact('secret=s3cr3t-app-secret and s3cr3t and a%20b%2Fc%2Bd%3De')).toBe(
      'secret=[redacted] and [redacted] and [redacted]',
    );
  });

  it('ignores values shorter than 6 characters and empty input', () => {
    const r = createRedactor();
    r.add('abc');
    r.add('');
    r.add(null);
    r.add(undefined);
    expect(r.redact('abc is fine')).toBe('abc is fine');
  });

  it('redacts Authorization headers in any form', () => {
    const r = createRedactor();
    expect(r.redact('Authorization: Bearer abcdefghijkl')).toBe('Authorization: Bearer [redacted]');
    expect(r.redact('{"authorization": "Basic a2V5OnNlY3JldA=="}')).toBe(
      '{"authorization": "Basic [redacted]"}',
    );
    expect(
      r.redact(
        'Invalid authorization value in HTTP header "Authorization": "Bearer xyzxyzxyzxyz".  Expecting "Bearer <oauth2-access-token>".',
      ),
    ).toBe(
      'Invalid authorization value in HTTP header "Authorization": "Bearer [redacted]".  Expecting "Bearer <oauth2-access-token>".',
    );
  });

  it('redacts sl. access tokens', () => {
    const r = createRedactor();
    expect(r.redact('token sl.u.AF8LabcdEFGH-_123 used')).toBe('token [redacted] used');
    expect(r.redact('sl.B2M8abcdefghij')).toBe('[redacted]');
  });

  it('redacts secret-bearing query, form and JSON fields', () => {
    const r = createRedactor();
    expect(r.redact('/cb?code=4EYjTs0eOrkAAAA&state=xyz')).toBe('/cb?code=[redacted]&state=xyz');
    expect(r.redact('grant_type=refresh_token&refresh_token=RK12uPOE&client_secret=abc123')).toBe(
      'grant_type=refresh_token&refresh_token=[redacted]&client_secret=[redacted]',
    );
    expect(r.redact('{"access_token": "sl.B", "refresh_token":"RK12", "uid": "1"}')).toBe(
      '{"access_token": "[redacted]", "refresh_token":"[redacted]", "uid": "1"}',
    );
    expect(r.redact('error_code=42 and the code is nice')).toBe(
      'error_code=42 and the code is nice',
    );
  });
});
