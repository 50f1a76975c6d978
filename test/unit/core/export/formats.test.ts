/** Format rules the golden files cannot show: what each product would reject, and escaping. */
import { describe, expect, it } from 'vitest';
import { WizardFailure } from '../../../../electron/core/failure';
import { getExporter, renderExport } from '../../../../electron/core/export/registry';
import { rcloneRemoteName } from '../../../../electron/core/export/formats/rclone-conf';
import { escapeHtml } from '../../../../electron/core/export/formats/printable-summary';
import { getTarget } from '../../../../electron/core/targets/registry';
import type { TargetProfile } from '../../../../electron/shared/contract';
import { APP_SECRET, fixtureInput } from './support/export-fixtures';

function profile(id: string): TargetProfile {
  const target = getTarget(id);
  if (!target) throw new Error(`no profile ${id}`);
  return target;
}

function failureOf(run: () => unknown): WizardFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof WizardFailure) return error;
    throw error;
  }
  throw new Error('expected a WizardFailure');
}

/**
 * The checks Cerb's ServiceProvider_OAuth2::saveConfigForm applies to a connected service's
 * params (jstanden/cerb, features/cerberusweb.core/api/service_providers/oauth.php, and the
 * Devblocks validation types): Cerb ≤ 10.4 allows only authorization_code, later releases add
 * authorization_code_pkce; url() is a string of at most 255 characters that PHP's
 * FILTER_VALIDATE_URL accepts with an http or https scheme; scope at most 4096 characters.
 */
function cerbSaveConfigFormErrors(params: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const str = (key: string): string | null =>
    typeof params[key] === 'string' ? (params[key] as string) : null;
  const isUrl = (value: string): boolean => {
    if (value.length > 255) return false;
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  };
  if (!['authorization_code', 'authorization_code_pkce'].includes(str('grant_type') ?? ''))
    errors.push('grant_type');
  for (const key of ['client_id', 'client_secret']) if (!str(key)) errors.push(key);
  for (const key of ['authorization_url', 'access_token_url']) {
    const value = str(key);
    if (!value || !isUrl(value)) errors.push(key);
  }
  const owner = str('resource_owner_url');
  if (owner === null || (owner !== '' && !isUrl(owner))) errors.push('resource_owner_url');
  const scope = str('scope');
  if (scope === null || scope.length > 4096) errors.push('scope');
  if (str('approval_prompt') === null) errors.push('approval_prompt');
  return errors;
}

describe('cerb-package', () => {
  const cerb = profile('cerb');
  const exporter = getExporter('cerb-package')!;
  const params = (overrides = {}): Record<string, unknown> => {
    const pkg = JSON.parse(
      renderExport(exporter, fixtureInput(cerb, overrides), { redacted: false }),
    ) as {
      records: { _context: string; params: Record<string, unknown> }[];
      package: { configure: { prompts: unknown[] } };
    };
    expect(pkg.package.configure.prompts).toEqual([]);
    return pkg.records.find((r) => r._context === 'connected_service')!.params;
  };

  it('passes the checks Cerb applies when the service is saved', () => {
    const p = params();
    expect(cerbSaveConfigFormErrors(p)).toEqual([]);
    // The checker is not a rubber stamp: the seed's prompt-only package values fail it.
    expect(cerbSaveConfigFormErrors({ ...p, grant_type: 'pkce', client_secret: '' })).toEqual([
      'grant_type',
      'client_secret',
    ]);
  });

  it('asks for offline access with authorization_code (not PKCE) and an explicit scope list', () => {
    const p = params();
    expect(p.grant_type).toBe('authorization_code');
    expect(p.authorization_url).toBe(
      'https://www.dropbox.com/oauth2/authorize?token_access_type=offline',
    );
    expect(p.access_token_url).toBe('https://api.dropboxapi.com/oauth2/token');
    expect(p.scope).toMatch(/^[a-z_.]+( [a-z_.]+)*$/);
    expect(p.approval_prompt).toBe('');
    expect(p.client_secret).toBe(APP_SECRET);
  });

  it('points at the given endpoints (the emulator in tests and the demo)', () => {
    const p = params({
      endpoints: {
        authorizeUrl: 'http://127.0.0.1:47300/oauth2/authorize',
        tokenUrl: 'http://127.0.0.1:47300/oauth2/token',
      },
    });
    expect(p.authorization_url).toBe(
      'http://127.0.0.1:47300/oauth2/authorize?token_access_type=offline',
    );
    expect(p.access_token_url).toBe('http://127.0.0.1:47300/oauth2/token');
    expect(cerbSaveConfigFormErrors(p)).toEqual([]);
  });

  it('refuses an empty or over-long scope list rather than write one Cerb or Dropbox rejects', () => {
    expect(failureOf(() => params({ scopes: [] })).error.remedy).toMatch(/Permissions/);
    const many = Array.from({ length: 400 }, (_, i) => `files.scope_number_${i}.read`);
    expect(failureOf(() => params({ scopes: many })).error.message).toMatch(/4096/);
  });

  it('refuses a value Cerb would read as a template placeholder, without quoting it', () => {
    const failure = failureOf(() => params({ appSecret: 'abc{{x}}' }));
    expect(failure.error.message).toMatch(/App secret contains a brace/);
    expect(failure.error.message).not.toContain('abc{{x}}');
  });
});

describe('rclone-conf', () => {
  it.each(['dropbox', 'work dropbox', 'my.remote', '_x', 'a-', 'Z9'])('accepts %j', (name) => {
    expect(rcloneRemoteName({ remote_name: name })).toBe(name);
  });

  it.each(['-x', ' x', 'x ', 'a+b', 'a@b', 'é', 'a:b', 'a/b', '[x]', 'x'.repeat(65)])(
    'refuses %j with a remedy naming the step',
    (name) => {
      const failure = failureOf(() => rcloneRemoteName({ remote_name: name }));
      expect(failure.error.code).toBe('export_failed');
      expect(failure.error.remedy).toMatch(/Choose connector/);
    },
  );

  it('defaults an empty remote name to dropbox', () => {
    expect(rcloneRemoteName({})).toBe('dropbox');
    expect(rcloneRemoteName({ remote_name: '  ' })).toBe('dropbox');
  });

  it('writes an already-expired token when there is no access token, so rclone refreshes first', () => {
    const text = renderExport(
      getExporter('rclone-conf')!,
      fixtureInput(profile('rclone'), { accessToken: null }),
      { redacted: false },
    );
    const token = JSON.parse(/^token = (.*)$/m.exec(text)![1]!) as Record<string, string>;
    expect(Object.keys(token)).toEqual(['access_token', 'token_type', 'refresh_token', 'expiry']);
    // Not empty: rclone 1.60 would then drop the refresh token (see rclone-conf.ts).
    expect(token.access_token).toBe('none-refresh-at-first-use');
    expect(token.expiry).toBe('2026-11-23T10:00:00Z');
  });
});

describe('env', () => {
  const env = getExporter('env')!;
  const target = profile('snow-atlas');

  it('starts with a machine-readable line naming the target, format and time', () => {
    const first = renderExport(env, fixtureInput(target), { redacted: false }).split('\n')[0];
    expect(first).toBe(
      '# dropbox-connector-wizard: target=snow-atlas format=env/v1 created=2026-11-23T10:00:00Z',
    );
  });

  it.each([["it's"], ['a\\b'], ['a\nDROPBOX_APP_KEY=evil']])(
    'refuses a value it cannot single-quote portably (%j), naming only the variable',
    (secret) => {
      const failure = failureOf(() =>
        renderExport(env, fixtureInput(target, { appSecret: secret }), { redacted: false }),
      );
      expect(failure.error.message).toContain('DROPBOX_APP_SECRET');
      expect(failure.error.message).not.toContain(secret);
    },
  );
});

describe('printable-summary', () => {
  const exporter = getExporter('printable-summary')!;
  const base = profile('defender-for-cloud-apps');

  it('escapes every value and loads nothing from outside the page', () => {
    const hostile: TargetProfile = {
      ...base,
      name: 'A <b>bold</b> & "quoted" name',
      checklist: [
        { id: 'x', title: '<script>alert(1)</script>', detail: "<img src=x onerror='y'>" },
      ],
      handoff: ['Click <a href="https://evil.example">here</a>'],
    };
    const html = renderExport(exporter, fixtureInput(hostile), { redacted: false });
    expect(html).not.toMatch(/<script|<img|<a |<b>/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; name');
    // No tag with a src/href attribute, no CSS that fetches (escaped text may say "src=").
    expect(html).not.toMatch(/<[^>]*\s(src|href)\s*=|url\(|@import/i);
    expect(html).toContain('Nothing on this page was checked against Dropbox.');
  });

  it("prints the team admin's email where the portal asks for it, escaped", () => {
    const html = renderExport(
      exporter,
      fixtureInput(base, { inputs: { admin_email: 'a<script>@example.com' } }),
      { redacted: false },
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('enter a&lt;script&gt;@example.com and click Generate link');
    expect(html).toContain(
      '<dt>Dropbox team admin&#39;s email</dt><dd>a&lt;script&gt;@example.com</dd>',
    );
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('field-sheet', () => {
  it('refuses a sheet whose redirect URI is not known yet, pointing at the input', () => {
    const visualcron = profile('visualcron');
    const failure = failureOf(() =>
      renderExport(getExporter('field-sheet')!, fixtureInput(visualcron, { redirectUris: [] }), {
        redacted: false,
      }),
    );
    expect(failure.error.message).toMatch(/redirect URI is not known/);
  });
});
