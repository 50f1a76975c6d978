import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REDIRECT_PORTS,
  REDIRECT_PATH,
  RedirectPortsConfigError,
  nextRedirectPort,
  redirectPortsFromEnv,
  redirectUriForPort,
} from '../../../../electron/core/targets/redirect-ports';

describe('redirect ports', () => {
  it('defaults to 47210 first, two alternates, never rclone 53682', () => {
    expect(DEFAULT_REDIRECT_PORTS).toEqual([47210, 47211, 47212]);
    expect(DEFAULT_REDIRECT_PORTS).not.toContain(53682);
    expect(REDIRECT_PATH).toBe('/oauth/callback');
  });

  it('builds the exact 127.0.0.1 redirect URI', () => {
    expect(redirectUriForPort(47210)).toBe('http://127.0.0.1:47210/oauth/callback');
  });

  it('uses the defaults when the variable is unset or blank', () => {
    expect(redirectPortsFromEnv({})).toEqual([47210, 47211, 47212]);
    expect(redirectPortsFromEnv({ WIZARD_REDIRECT_PORTS: '  ' })).toEqual([47210, 47211, 47212]);
  });

  it('parses a comma list with spaces, keeping order and dropping duplicates', () => {
    expect(redirectPortsFromEnv({ WIZARD_REDIRECT_PORTS: '50000, 50001,50000' })).toEqual([
      50000, 50001,
    ]);
    expect(redirectPortsFromEnv({ WIZARD_REDIRECT_PORTS: '8080' })).toEqual([8080]);
  });

  it.each(['abc', '47210,', '47210,,47211', '-5', '1.5', '70000', '80', '53682', '123456'])(
    'rejects %j with an error naming the variable',
    (value) => {
      expect(() => redirectPortsFromEnv({ WIZARD_REDIRECT_PORTS: value })).toThrow(
        RedirectPortsConfigError,
      );
      expect(() => redirectPortsFromEnv({ WIZARD_REDIRECT_PORTS: value })).toThrow(
        /WIZARD_REDIRECT_PORTS/,
      );
    },
  );

  it('names the next registered port, wrapping around', () => {
    expect(nextRedirectPort(47210, [47210, 47211, 47212])).toBe(47211);
    expect(nextRedirectPort(47212, [47210, 47211, 47212])).toBe(47210);
    expect(nextRedirectPort(47211, [47210, 47212])).toBe(47210);
    expect(nextRedirectPort(47210, [47210])).toBeNull();
    expect(nextRedirectPort(47210, [])).toBeNull();
  });
});
