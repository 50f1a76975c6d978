/**
 * axe-core on the wizard's page, as an admin using a screen reader or a high-contrast setting
 * would meet it: WCAG 2.0/2.1 A and AA rules. Serious and critical violations fail the test,
 * each listed with its rule, impact, the elements it found and axe's help line; minor and
 * moderate ones are counted in the line printed per screen, so the E2E output shows every
 * screen that was checked.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

const BLOCKING = new Set(['serious', 'critical']);

export interface AxeSummary {
  readonly label: string;
  readonly blocking: number;
  readonly minor: number;
}

/**
 * Runs axe on the page as it is now. Prints `axe: <label>: 0 serious/critical (N minor)` and
 * fails listing every serious or critical violation.
 */
export async function expectNoSeriousA11yViolations(
  page: Page,
  label: string,
): Promise<AxeSummary> {
  const results = await new AxeBuilder({ page }).withTags([...AXE_TAGS]).analyze();
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  const minor = results.violations.filter((v) => !BLOCKING.has(v.impact ?? ''));
  const minorCount = minor.reduce((sum, v) => sum + v.nodes.length, 0);
  const blockingCount = blocking.reduce((sum, v) => sum + v.nodes.length, 0);
  console.log(
    `axe: ${label}: ${blockingCount} serious/critical (${minorCount} minor${
      minor.length > 0 ? `: ${minor.map((v) => v.id).join(', ')}` : ''
    })`,
  );
  const report = blocking
    .map((violation) =>
      [
        `- ${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help}`,
        `  ${violation.helpUrl}`,
        ...violation.nodes.map(
          (node) =>
            `  • ${node.target.map(String).join(' ')}${
              node.failureSummary ? `\n    ${node.failureSummary.replace(/\n/g, '\n    ')}` : ''
            }`,
        ),
      ].join('\n'),
    )
    .join('\n');
  expect(
    blocking.map((violation) => violation.id),
    `axe on "${label}" found serious/critical violations:\n${report}`,
  ).toEqual([]);
  return { label, blocking: blockingCount, minor: minorCount };
}
