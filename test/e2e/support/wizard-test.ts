/**
 * Playwright's `test` with this suite's per-test world as fixtures, so a spec asks for what it
 * uses instead of repeating beforeEach/afterEach: `stack` (the emulator plus a browser-mode wizard
 * server, see wizard-stack.ts; shaped per file with `test.use({ stackOptions })`) and `outDir` (an
 * empty temp dir for exports). Both are torn down after the test, pass or fail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { startWizardStack, type WizardStack, type WizardStackOptions } from './wizard-stack';

export interface WizardFixtures {
  readonly stackOptions: WizardStackOptions;
  readonly stack: WizardStack;
  readonly outDir: string;
}

export const test = base.extend<WizardFixtures>({
  stackOptions: [{}, { option: true }],
  stack: async ({ stackOptions }, use) => {
    const stack = await startWizardStack(stackOptions);
    try {
      await use(stack);
    } finally {
      await stack.stop();
    }
  },
  // Playwright reads the fixtures a fixture needs from its first parameter: this one needs none.
  // eslint-disable-next-line no-empty-pattern
  outDir: async ({}, use) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wizard-e2e-out-'));
    try {
      await use(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
