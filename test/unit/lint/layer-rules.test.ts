/**
 * Proves the layer rules bite: fixture sources (kept outside the linted tree) are linted through
 * the ESLint API as if they stood in renderer/, electron/core/, electron/shared/ and electron/main/.
 * The "no copy of core's rules" fixtures are inline sources, linted the same way.
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

async function lintSourceAs(code: string, pretendPath: string): Promise<ESLint.LintResult> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, pretendPath) });
  if (!result) throw new Error('ESLint returned no result');
  return result;
}

function restricted(result: ESLint.LintResult): string[] {
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

function syntax(result: ESLint.LintResult): string[] {
  return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

/** Any problem but the ones under test (a parse error would make every rule look silent). */
function otherProblems(result: ESLint.LintResult): string[] {
  return result.messages
    .filter((m) => m.ruleId !== 'no-restricted-syntax' && m.ruleId !== 'no-restricted-imports')
    .map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

// Inline fixtures for the renderer's "no copy of core's rules" rules, written as seen from
// renderer/src/steps/<name>/<file>.tsx (three levels below the repository root's renderer/).
const SCOPE_LITERALS = `
import type { ConnectorPlan } from '../../../../electron/shared/contract';

export const MY_SCOPES = ['account_info.read', "files.content.read", \`team_data.member\`];

export function needsMembers(plan: ConnectorPlan): boolean {
  return plan.requiredScopes.some((scope) => scope.id === 'members.read');
}
`;

const ACCOUNT_AND_FLOW = `
import type { ConnectorPlan, TargetProfile } from '../../../../electron/shared/contract';

export function title(target: TargetProfile, selected: TargetProfile | null): string {
  if (target.account === 'team_admin') return 'Sign in as a team admin';
  if ('by_scopes' !== selected?.account) return 'Any account';
  switch (target.flow) {
    case 'app-only':
      return 'Test authorization';
    default:
      return selected?.flow === 'prerequisites-only' ? 'Summary' : 'Authorize';
  }
}

export function scopesOf(target: TargetProfile): readonly string[] {
  return target.scopes.required;
}

export function planTitle(plan: ConnectorPlan | null, session: { plan: ConnectorPlan }): string {
  // Reading the plan core sent is what the renderer is for.
  if (plan?.flow === 'app-only' || session.plan.flow === 'full') return 'from the plan';
  return plan?.accountType === 'team_admin' ? 'team admin' : 'any';
}
`;

const GLOBAL_STEPS = `
import { STEP_IDS, STEP_TITLES, isStepId } from '../../../../electron/shared/steps';

export function next(step: string): string | undefined {
  if (!isStepId(step)) return undefined;
  const after = STEP_IDS[STEP_IDS.indexOf(step) + 1];
  return after ? STEP_TITLES[after] : undefined;
}
`;

const PLAN_READER = `
import type { ConnectorPlan, PlanStep, ScopeInfo } from '../../../../electron/shared/contract';
import { isStepId, type StepId } from '../../../../electron/shared/steps';

export function view(plan: ConnectorPlan, step: StepId): [readonly ScopeInfo[], PlanStep | undefined] {
  const known = isStepId(step) ? step : 'target';
  const teamAdmin = plan.accountType === 'team_admin';
  const appOnly = plan.flow === 'app-only';
  return [teamAdmin || appOnly ? plan.requiredScopes : [], plan.steps.find((s) => s.id === known)];
}
`;

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
    // The fixture reads STEP_IDS, which only the store's plan-less fallback may (see below).
    const result = await lintAs('renderer-clean.tsx', 'renderer/src/store/selectors.ts');
    expect(restricted(result)).toEqual([]);
  });

  it("refuses Dropbox scope ids in renderer code: the list is core's plan", async () => {
    const result = await lintSourceAs(SCOPE_LITERALS, 'renderer/src/steps/permissions/leak.tsx');
    expect(otherProblems(result)).toEqual([]);
    const messages = syntax(result);
    // Three in the array (quotes, double quotes, template) and one in the comparison.
    expect(messages).toHaveLength(4);
    expect(messages.every((m) => m.includes('plan.requiredScopes'))).toBe(true);
  });

  it('refuses re-deciding the account or the flow from a profile outside the plan', async () => {
    const result = await lintSourceAs(ACCOUNT_AND_FLOW, 'renderer/src/steps/authorize/leak.tsx');
    expect(otherProblems(result)).toEqual([]);
    const messages = syntax(result);
    // Two account comparisons (either side, optional chain too), the switch and the
    // comparison on a profile's flow, and the profile's own scope list.
    expect(messages.filter((m) => m.includes('plan.accountType'))).toHaveLength(2);
    expect(messages.filter((m) => m.includes('plan.flow'))).toHaveLength(2);
    expect(messages.filter((m) => m.includes("profile's scope list"))).toHaveLength(1);
    // planTitle reads only the plan: nothing reported past its line.
    const planTitleLine = ACCOUNT_AND_FLOW.split('\n').findIndex((l) => l.includes('planTitle'));
    expect(result.messages.filter((m) => m.line > planTitleLine + 1)).toEqual([]);
  });

  it('lets Choose connector describe each profile, but never copy scope ids or the account rule', async () => {
    const target = await lintSourceAs(ACCOUNT_AND_FLOW, 'renderer/src/steps/target/cards.tsx');
    const messages = syntax(target);
    expect(messages.filter((m) => m.includes('plan.flow'))).toEqual([]);
    expect(messages.filter((m) => m.includes("profile's scope list"))).toEqual([]);
    expect(messages.filter((m) => m.includes('plan.accountType'))).toHaveLength(2);
    const scopes = await lintSourceAs(SCOPE_LITERALS, 'renderer/src/steps/target/cards.tsx');
    expect(syntax(scopes)).toHaveLength(4);
  });

  it("refuses the global step list and titles outside the store's plan-less fallback", async () => {
    const step = restricted(await lintSourceAs(GLOBAL_STEPS, 'renderer/src/components/list.tsx'));
    expect(step).toHaveLength(2);
    expect(step.some((m) => m.includes("'STEP_IDS'"))).toBe(true);
    expect(step.some((m) => m.includes("'STEP_TITLES'"))).toBe(true);
    expect(step.some((m) => m.includes('isStepId'))).toBe(false);
    const fallback = await lintSourceAs(
      GLOBAL_STEPS.replaceAll('../../../../', '../../../'),
      'renderer/src/store/selectors.ts',
    );
    expect(restricted(fallback)).toEqual([]);
    // The fallback files keep every other renderer rule.
    const leak = await lintSourceAs(
      "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n",
      'renderer/src/store/wizard-store.ts',
    );
    expect(restricted(leak).some((m) => m.includes("'node:fs'"))).toBe(true);
    expect(
      syntax(await lintSourceAs(SCOPE_LITERALS, 'renderer/src/store/selectors.ts')),
    ).toHaveLength(4);
  });

  it('accepts a screen that renders only what the plan says', async () => {
    const result = await lintSourceAs(PLAN_READER, 'renderer/src/steps/verify/plan.tsx');
    expect(result.messages).toEqual([]);
  });

  it('leaves the rest of the code base free to name scopes (core owns the catalogue)', async () => {
    const result = await lintSourceAs(
      SCOPE_LITERALS.replaceAll('../../../../', '../../../'),
      'electron/core/targets/leak.ts',
    );
    expect(syntax(result)).toEqual([]);
  });
});

describe("core's one-way flow (dropbox/ never imports wizard/)", () => {
  const importing = (from: string): string =>
    `import { createSession } from '${from}';\nexport const s = createSession;\n`;

  it.each([
    ['electron/core/dropbox/leak.ts', '../wizard/session'],
    ['electron/core/targets/leak.ts', '../wizard/session'],
    ['electron/core/export/formats/leak.ts', '../../wizard/session'],
    ['electron/core/connectors/leak.ts', '../wizard/session'],
    ['electron/core/net/leak.ts', '../dropbox/rpc'],
    ['electron/core/wizard/leak.ts', '../compose'],
  ])('refuses %s importing %s', async (file, from) => {
    const result = await lintSourceAs(importing(from), file);
    expect(restricted(result).join('\n')).toMatch(/must not import electron\/core\//);
  });

  it('lets a higher folder import a lower one (wizard → dropbox, connectors → export)', async () => {
    expect(
      restricted(await lintSourceAs(importing('../dropbox/rpc'), 'electron/core/wizard/ok.ts')),
    ).toEqual([]);
    expect(
      restricted(
        await lintSourceAs(importing('../export/import/index'), 'electron/core/connectors/ok.ts'),
      ),
    ).toEqual([]);
  });
});

describe('size limits (GitHub Desktop / VS Code sized parts)', () => {
  /** `lines` statements, each on its own line; comments and blank lines around them. */
  const source = (lines: number): string =>
    [
      '// A comment does not count.',
      '',
      ...Array.from({ length: lines }, (_, i) => `export const v${i} = ${i};`),
    ].join('\n');
  const sizeErrors = (result: ESLint.LintResult): string[] =>
    result.messages.filter((m) => m.ruleId === 'max-lines').map((m) => m.message);

  it('refuses a renderer component over 200 lines, counting code only', async () => {
    expect(sizeErrors(await lintSourceAs(source(200), 'renderer/src/steps/x/part.tsx'))).toEqual(
      [],
    );
    expect(
      sizeErrors(await lintSourceAs(source(201), 'renderer/src/steps/x/part.tsx')),
    ).toHaveLength(1);
  });

  it('refuses a store module over 300 lines and a core module over 400', async () => {
    expect(sizeErrors(await lintSourceAs(source(300), 'renderer/src/store/x-slice.ts'))).toEqual(
      [],
    );
    expect(
      sizeErrors(await lintSourceAs(source(301), 'renderer/src/store/x-slice.ts')),
    ).toHaveLength(1);
    expect(sizeErrors(await lintSourceAs(source(400), 'electron/core/wizard/x.ts'))).toEqual([]);
    expect(sizeErrors(await lintSourceAs(source(401), 'electron/core/wizard/x.ts'))).toHaveLength(
      1,
    );
  });
});
