import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from '../../../../electron/core/net/constant-time';

describe('constantTimeEqual', () => {
  it('matches only the exact secret', () => {
    const token = 'k3Vq_per-launch-token-0123456789';
    expect(constantTimeEqual(token, token)).toBe(true);
    expect(constantTimeEqual(token, `${token}x`)).toBe(false);
    expect(constantTimeEqual(token, token.slice(0, -1))).toBe(false);
    expect(constantTimeEqual(token, token.toUpperCase())).toBe(false);
  });

  it('never matches a missing or empty value, even against an empty secret', () => {
    expect(constantTimeEqual('abc', undefined)).toBe(false);
    expect(constantTimeEqual('abc', '')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(false);
  });

  it('compares bytes, not UTF-16 units (same length in characters, different in bytes)', () => {
    expect(constantTimeEqual('aé', 'ab')).toBe(false);
    expect(constantTimeEqual('é', 'é')).toBe(true);
  });
});
