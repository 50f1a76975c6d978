/**
 * Every profile × every format it lists, full and redacted, against golden files an admin can
 * read (test/unit/core/export/golden). Regenerate with `UPDATE_GOLDEN=1 npx vitest run
 * test/unit/core/export/exporters.test.ts`, then read every changed file before committing.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WizardFailure } from '../../../../electron/core/failure';
import {
  buildExportDocument,
  serializeExportDocument,
} from '../../../../electron/core/export/export-format';
import type { ExportRequirement, Exporter } from '../../../../electron/core/export/exporter';
import {
  EXPORTERS,
  exportFileName,
  getExporter,
  redactInput,
  renderExport,
} from '../../../../electron/core/export/registry';
import { STEP_TITLES } from '../../../../electron/shared/steps';
import {
  ACCESS_TOKEN,
  APP_KEY,
  APP_SECRET,
  NOW,
  REFRESH_TOKEN,
  SECRET_VALUES,
  exportProfiles,
  fixtureInput,
} from './support/export-fixtures';

const GOLDEN_DIR = resolve(__dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

interface Case {
  readonly name: string;
  readonly targetId: string;
  readonly exporter: Exporter;
  readonly redacted: boolean;
  readonly file: string;
}

const profiles = exportProfiles();
const cases: Case[] = profiles.flatMap((target) =>
  target.formats.flatMap((formatId) => {
    const exporter = getExporter(formatId);
    if (!exporter) return [];
    return [false, true].map((redacted) => ({
      name: `${target.id} × ${formatId}${redacted ? ' (redacted)' : ''}`,
      targetId: target.id,
      exporter,
      redacted,
      file: `${target.id}.${exporter.id}${redacted ? '.redacted' : ''}.${exporter.extension}`,
    }));
  }),
);

function render(c: Case): string {
  const target = profiles.find((t) => t.id === c.targetId);
  if (!target) throw new Error(`no profile ${c.targetId}`);
  return renderExport(c.exporter, fixtureInput(target), { redacted: c.redacted });
}

describe('profiles and the registry', () => {
  it.each(profiles.map((t) => [t.id, t] as const))('%s lists only registered formats', (_, t) => {
    expect(t.formats.length).toBeGreaterThan(0);
    for (const id of t.formats) expect(getExporter(id), id).toBeDefined();
  });

  it('has unique exporter ids and every exporter is used by some profile', () => {
    const ids = EXPORTERS.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const used = new Set(profiles.flatMap((t) => t.formats));
    expect(ids.filter((id) => !used.has(id))).toEqual([]);
  });
});

describe('golden files', () => {
  if (UPDATE) mkdirSync(GOLDEN_DIR, { recursive: true });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const text = render(c);
    const path = join(GOLDEN_DIR, c.file);
    if (UPDATE) writeFileSync(path, text);
    expect(existsSync(path), `${c.file} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(
      true,
    );
    expect(text).toBe(readFileSync(path, 'utf8'));
  });

  it('has no golden file without a case (a renamed target or format leaves none behind)', () => {
    const expected = new Set(cases.map((c) => c.file));
    expect(readdirSync(GOLDEN_DIR).filter((f) => !expected.has(f))).toEqual([]);
  });
});

describe('redaction', () => {
  it.each(cases.filter((c) => c.redacted).map((c) => [c.name, c] as const))(
    '%s holds no secret value, not even a tail',
    (_, c) => {
      const text = render(c);
      for (const secret of SECRET_VALUES) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(secret.slice(-8));
        expect(text).not.toContain(secret.slice(0, 10));
      }
    },
  );

  it('is not vacuous: the full exports do carry the secrets the redacted ones hide', () => {
    const full = cases.filter((c) => !c.redacted).map(render);
    for (const secret of SECRET_VALUES) {
      expect(full.some((text) => text.includes(secret))).toBe(true);
    }
  });

  it('replaces secret, refresh and access token, keeps the app key and the rest', () => {
    const input = fixtureInput(profiles[0]!);
    const redacted = redactInput(input);
    expect(redacted.appKey).toBe(APP_KEY);
    expect(redacted.appSecret).toBe('[redacted]');
    expect(redacted.refreshToken).toBe('[redacted]');
    expect(redacted.accessToken).toEqual({
      value: '[redacted]',
      expiresAt: input.accessToken?.expiresAt,
    });
    expect({ ...redacted, appSecret: '', refreshToken: '', accessToken: null }).toEqual({
      ...input,
      appSecret: '',
      refreshToken: '',
      accessToken: null,
    });
    // Absent stays absent: the copy must not claim a value that was not there.
    const empty = redactInput({ ...input, appSecret: '', refreshToken: null, accessToken: null });
    expect([empty.appSecret, empty.refreshToken, empty.accessToken]).toEqual(['', null, null]);
  });

  it('checks requirements on the real input, so "[redacted]" never hides a missing value', () => {
    const env = getExporter('env')!;
    const input = fixtureInput(profiles[0]!, { refreshToken: null });
    expect(() => renderExport(env, input, { redacted: true })).toThrow(/no refresh token/);
  });
});

describe('generic-json', () => {
  const generic = getExporter('generic-json')!;
  const target = profiles.find((t) => t.formats.includes('generic-json'))!;

  it('is byte for byte serializeExportDocument(buildExportDocument(...)), full and redacted', () => {
    const input = fixtureInput(target);
    const doc = buildExportDocument({
      target,
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      refreshToken: REFRESH_TOKEN,
      scopes: input.scopes,
      identity: input.identity!,
      checks: input.checks,
      now: NOW,
    });
    expect(renderExport(generic, input, { redacted: false })).toBe(serializeExportDocument(doc));
    expect(renderExport(generic, input, { redacted: true })).toBe(
      serializeExportDocument({ ...doc, app_secret: '[redacted]', refresh_token: '[redacted]' }),
    );
  });

  it('is not listed by app-only or prerequisites-only profiles (it needs a refresh token)', () => {
    for (const t of profiles.filter((p) => p.flow !== 'full')) {
      expect(t.formats, t.id).not.toContain('generic-json');
    }
  });
});

describe('requirements', () => {
  const blank: Record<ExportRequirement, Parameters<typeof fixtureInput>[1]> = {
    app_key: { appKey: ' ' },
    app_secret: { appSecret: '' },
    refresh_token: { refreshToken: null },
    access_token: { accessToken: null },
    identity: { identity: null },
    verified: { checks: [] },
    redirect_uri: { redirectUris: [] },
    scopes: { scopes: [] },
  };
  const stepTitles = Object.values(STEP_TITLES);
  const needs = (e: Exporter, targetIndex: number): ExportRequirement[] => [
    ...e.requires,
    ...(e.requirementsFor?.(profiles[targetIndex]!) ?? []),
  ];
  const rows = EXPORTERS.flatMap((e) => {
    const targetIndex = profiles.findIndex((t) => t.formats.includes(e.id));
    return needs(e, targetIndex).map((r) => [e.id, r, targetIndex] as const);
  });

  it('covers at least one requirement of every exporter that has any', () => {
    expect(new Set(rows.map(([id]) => id))).toEqual(
      new Set(
        EXPORTERS.filter(
          (e) =>
            needs(
              e,
              profiles.findIndex((t) => t.formats.includes(e.id)),
            ).length > 0,
        ).map((e) => e.id),
      ),
    );
  });

  it.each(rows)('%s without %s: export_failed naming the value and the step', (id, r, ti) => {
    const exporter = getExporter(id)!;
    const input = fixtureInput(profiles[ti]!, blank[r]);
    for (const redacted of [false, true]) {
      try {
        renderExport(exporter, input, { redacted });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(WizardFailure);
        const { code, message, remedy } = (error as WizardFailure).error;
        expect(code).toBe('export_failed');
        expect(message).toMatch(/cannot be written yet: .+\.$/);
        expect(
          stepTitles.some((title) => remedy.includes(title)),
          remedy,
        ).toBe(true);
        for (const secret of SECRET_VALUES) expect(`${message} ${remedy}`).not.toContain(secret);
      }
    }
  });
});

describe('exportFileName', () => {
  const name = (id: string, redacted: boolean): string =>
    exportFileName(getExporter(id)!, 'snow-atlas', NOW, { redacted });

  it('keeps the generic JSON names the wizard has always written', () => {
    expect(name('generic-json', false)).toBe('snow-atlas-dropbox-connector-20261123-100000.json');
    expect(name('generic-json', true)).toBe(
      'snow-atlas-dropbox-connector-20261123-100000.redacted.json',
    );
  });

  it.each([
    ['env', 'snow-atlas-dropbox-connector-20261123-100000.env'],
    ['rclone-conf', 'snow-atlas-dropbox-connector-20261123-100000.conf'],
    ['field-sheet', 'snow-atlas-dropbox-connector-20261123-100000.txt'],
    ['printable-summary', 'snow-atlas-dropbox-connector-20261123-100000.html'],
    ['cerb-package', 'snow-atlas-dropbox-connector-20261123-100000-cerb-package.json'],
  ])('%s → %s, support copy with .redacted before the extension', (id, expected) => {
    expect(name(id, false)).toBe(expected);
    const dot = expected.lastIndexOf('.');
    expect(name(id, true)).toBe(`${expected.slice(0, dot)}.redacted${expected.slice(dot)}`);
  });

  it('cannot be steered into another folder by the target id', () => {
    expect(exportFileName(getExporter('env')!, '../x', NOW, { redacted: false })).toBe(
      '---x-dropbox-connector-20261123-100000.env',
    );
  });
});

describe('access token use', () => {
  it('only rclone reads the access token, and its redacted copy hides it', () => {
    const rclone = profiles.find((t) => t.formats.includes('rclone-conf'))!;
    const input = fixtureInput(rclone);
    const rcloneConf = getExporter('rclone-conf')!;
    expect(renderExport(rcloneConf, input, { redacted: false })).toContain(ACCESS_TOKEN);
    expect(renderExport(rcloneConf, input, { redacted: true })).not.toContain(ACCESS_TOKEN);
  });
});
