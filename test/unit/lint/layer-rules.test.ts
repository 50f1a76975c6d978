/**
 * Proves the layer rules bite: fixture sources (kept outside the linted tree) are linted through
 * the ESLint API as if they stood in renderer/, electron/core/, electron/shared/ and electron/main/.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function lintAs(fixture: string, pretendPath: string): Promise<ESLint.LintResult> {
  const code = await readFile(path.join(root, 'test/fixtures/lint', fixture), 'utf8');
  // The relative imports in fixtures are written as seen from the pretend location's depth.
  const [result] = await eslint.lintText(code, { filePath: path.join(root, pretendPath) });
  if (!result) throw new Error('ESLint returned no result');
  return result;
}

function restricted(result: ESLint.LintResult): string[] {
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules (eslint.config.mjs)', () => {
  it('refuses electron, node:* and electron/core imports in the renderer', async () => {
    const messages = restricted(
      await lintAs('renderer-imports-electron.tsx', 'renderer/src/steps/leak.tsx'),
    );
    expect(messages.some((m) => m.includes("'electron'"))).toBe(true);
    expect(messages.some((m) => m.includes("'node:fs'"))).toBe(true);
    expect(messages.some((m) => m.includes('electron/core'))).toBe(true);
  });

  it('refuses an electron import in electron/core', async () => {
    const messages = restricted(
      await lintAs('core-imports-electron.ts', 'electron/core/dropbox/leak.ts'),
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("'electron'");
  });

  it('lets electron/shared import nothing but itself', async () => {
    const messages = restricted(await lintAs('shared-imports-zod.ts', 'electron/shared/leak.ts'));
    expect(messages.some((m) => m.includes("'zod'"))).toBe(true);
  });

  it('keeps raw ipcMain inside electron/main/ipc', async () => {
    const outside = restricted(
      await lintAs('main-uses-raw-ipc.ts', 'electron/main/windows/leak.ts'),
    );
    expect(outside.some((m) => m.includes('ipcMain'))).toBe(true);
    const inside = restricted(
      await lintAs('main-uses-raw-ipc.ts', 'electron/main/ipc/ipc-main-extra.ts'),
    );
    expect(inside).toEqual([]);
  });

  it('accepts shared types and constants in the renderer', async () => {
    const result = await lintAs('renderer-clean.tsx', 'renderer/src/steps/clean.tsx');
    expect(restricted(result)).toEqual([]);
  });
});
