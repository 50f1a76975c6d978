/**
 * The one copy of each loopback rule. Every server and the Electron shell use these, so a
 * hostile name accepted here would be accepted everywhere.
 */
import { describe, expect, it } from 'vitest';
import {
  isLoopbackHostHeader,
  isLoopbackHostname,
  isLoopbackOrigin,
} from '../../../../electron/core/net/loopback-names';

describe('isLoopbackHostHeader', () => {
  it.each([
    '127.0.0.1',
    '127.0.0.1:47200',
    'localhost',
    'LOCALHOST:9999',
    '[::1]',
    '[::1]:1234',
    ' localhost:80 ',
  ])('accepts %s (a loopback name on any port: SSH forwarding)', (host) => {
    expect(isLoopbackHostHeader(host)).toBe(true);
  });

  it.each([
    undefined,
    '',
    'evil.test',
    'evil.test:47200',
    '127.0.0.1.evil.test',
    'localhost.evil.test',
    '10.0.0.1',
    '0.0.0.0',
    // Only the three names a local browser sends; 127.0.0.2 is a rebinding target, not "us".
    '127.0.0.2',
    '127.0.0.1:0',
    '127.0.0.1:99999',
    '127.0.0.1:',
    '[::1',
    '[::2]:80',
    'localhost:80:80',
    'user@localhost',
  ])('refuses %s', (host) => {
    expect(isLoopbackHostHeader(host)).toBe(false);
  });
});

describe('isLoopbackHostname', () => {
  it('takes all of 127.0.0.0/8, localhost and [::1] as URL hostnames', () => {
    for (const url of [
      'http://127.0.0.1:4010/',
      'http://127.255.255.254/',
      'http://127.1/', // the URL parser normalises this to 127.0.0.1
      'http://localhost:8080/',
      'http://[::1]:8080/',
    ]) {
      expect(isLoopbackHostname(new URL(url).hostname), url).toBe(true);
    }
  });

  it('refuses look-alikes and other addresses', () => {
    for (const hostname of [
      '127.0.0.1.nip.io',
      'localhost.example.com',
      '0.0.0.0',
      '128.0.0.1',
      '10.0.0.1',
      '[::2]',
      'www.dropbox.com',
    ]) {
      expect(isLoopbackHostname(hostname), hostname).toBe(false);
    }
  });
});

describe('isLoopbackOrigin', () => {
  it('accepts http origins on loopback names', () => {
    expect(isLoopbackOrigin('http://localhost:5173')).toBe(true);
    expect(isLoopbackOrigin('http://127.0.0.1:47200')).toBe(true);
    expect(isLoopbackOrigin('http://[::1]:47200')).toBe(true);
  });

  it('refuses https, paths, other hosts and opaque origins', () => {
    for (const origin of [
      'https://127.0.0.1:8443',
      'http://localhost:5173/path',
      'http://127.0.0.1.evil.test',
      'https://evil.test',
      'null',
      'file://',
      '',
    ]) {
      expect(isLoopbackOrigin(origin), origin).toBe(false);
    }
  });
});
