/**
 * Text from outside (Dropbox-supplied team and display names, product error text) where it is
 * shown. Markdown is rendered with `marked` (GFM on, autolinks included) to prove nothing becomes
 * a link or HTML; bidi isolation and terminal stripping are checked per character.
 */
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { renderVerificationReport } from '../../../electron/core/connectors/report';
import {
  escapeHtml,
  escapeXml,
  FSI,
  htmlBdi,
  isolateBidi,
  markdownIsolated,
  markdownText,
  PDI,
  terminalText,
} from '../../../electron/shared/text-safety';

const gfm = (md: string): string => marked.parse(md, { gfm: true, async: false });

describe('Markdown: nothing becomes a link', () => {
  it.each([
    'visit www.evil.test today',
    'see https://evil.test/path?q=1.',
    'ftp://files.evil.test',
    'mail admin@evil.test now',
    '<https://evil.test>',
    '[click](https://evil.test)',
    '![x](https://evil.test/x.png)',
    'a | b <iframe src=x>',
    'www.evil.test/(a)b)',
  ])('%j renders with no <a>, <img> or other tag of its own', (text) => {
    const html = gfm(`| a |\n|---|\n| ${markdownText(text)} |\n\n${markdownText(text)}\n`);
    expect(html).not.toMatch(/<a\s|<img|<iframe/i);
    // The cell stays one cell.
    expect(html.match(/<td>/g)).toHaveLength(1);
  });

  it('the bare URL is still shown, as code', () => {
    expect(gfm(markdownText('go to www.evil.test now'))).toContain('<code>www.evil.test</code>');
  });

  it('a team name with GFM autolinks in the verification report renders with no link', () => {
    const report = renderVerificationReport(
      {
        connectorName: 'www.evil.test',
        target: { id: 'custom', name: 'Custom' } as never,
        appKey: 'k7x2m9q4w1e8r5t',
        identity: {
          tokenKind: 'team',
          accountId: 'dbid:AAA',
          email: 'a@evil.test',
          emailVerified: true,
          displayName: 'https://evil.test/login',
          teamId: 'dbtid:AAA',
          teamName: 'www.evil.test',
          isTeamAdmin: true,
        },
        requiredScopes: [],
        grantedScopes: [],
        checks: [],
        checkedAt: null,
        generatedAt: new Date('2026-12-04T10:15:00Z'),
        wizardVersion: '0.1.0',
      },
      'markdown',
    );
    expect(gfm(report)).not.toMatch(/<a\s/);
  });
});

describe('bidi isolation', () => {
  const evil = 'Acme \u202Eexe.doc';
  it('Markdown and text: U+2068 … U+2069 around a name that can change direction', () => {
    expect(isolateBidi(evil)).toBe(`${FSI}${evil}${PDI}`);
    expect(markdownIsolated(evil)).toBe(`${FSI}${evil}${PDI}`);
    expect(isolateBidi('שלום')).toBe(`${FSI}שלום${PDI}`);
    expect(isolateBidi('Acme Corp')).toBe('Acme Corp');
  });
  it('HTML: <bdi>, escaped', () => {
    expect(htmlBdi(`<b>${evil}</b>`)).toBe(`<bdi>&lt;b&gt;${evil}&lt;/b&gt;</bdi>`);
  });
});

describe('terminal text', () => {
  it.each([
    ['ESC retitle', 'Acme\u001b]0;pwned\u0007 Corp', 'Acme ]0;pwned  Corp'],
    ['ESC clear', 'Acme\u001b[2J', 'Acme [2J'],
    ['C1 CSI', 'Acme\u009b2J', 'Acme 2J'],
    ['RLO', 'Acme \u202Eexe.doc', 'Acme exe.doc'],
    ['LRI/PDI', '\u2066x\u2069', 'x'],
    ['line separator', 'a\u2028b', 'a b'],
  ])('%s: no control or bidi character reaches the terminal', (_what, input, output) => {
    expect(terminalText(input)).toBe(output);
  });
});

describe('one escaper', () => {
  it('escapes the five HTML specials; XML also drops what XML cannot hold', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(escapeXml('a\u0000b\u001bc<')).toBe('abc&lt;');
  });
});
