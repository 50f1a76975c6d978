/**
 * `npm run bench`: the four numbers the README records. Measured, never asserted in tests.
 *
 * 1. Renderer JavaScript, gzipped (what the wizard window downloads/parses).
 * 2. First-screen time-to-interactive in headless Chromium: navigation start → the target list
 *    is rendered and enabled, median of 10 cold page loads.
 * 3. Verify wall time with 100 ms emulator latency per request (target ≤ 4 × latency + 200 ms),
 *    median of 5 runs of `runVerify` over the real HTTP bridge.
 * 4. User actions on the wizard's own screens for the Snow Atlas happy path (a click, a paste or
 *    typed entry, or a key press that submits); target ≤ 8. Dropbox's own pages are not counted.
 *
 * `--only first-screen` (or `happy-path`) runs number 2 (or 4) alone and does not overwrite
 * bench-results/latest.json;
 * `--samples N` changes its number of page loads (default 10). Both are for profiling by hand.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { authorizeOverHttp } from '../test/dropbox-emulator/index';
import {
  ROOT,
  SNOW_APP,
  TEAM_ADMIN,
  startWizardStack,
  type WizardStack,
} from '../test/e2e/support/wizard-stack';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LATENCY_MS = 100;

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}
const ONLY = flag('--only');
const SAMPLES = Math.max(1, Number(flag('--samples') ?? 10) || 10);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function rendererJsGzipBytes(): { files: number; raw: number; gzip: number } {
  const dir = path.join(ROOT, 'out/renderer/assets');
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const body = readFileSync(path.join(dir, file));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { files: files.length, raw, gzip };
}

/** A bridge client over HTTP, as the renderer's browser transport calls it. */
function bridgeClient(stack: WizardStack) {
  const url = new URL(stack.url);
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  return async <T>(method: string, args: object = {}): Promise<T> => {
    const res = await fetch(`${url.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wizard-token': token },
      body: JSON.stringify(args),
    });
    const result = (await res.json()) as {
      ok: boolean;
      value?: T;
      error?: { code: string; message: string };
    };
    if (!result.ok) throw new Error(`${method}: ${result.error?.code} ${result.error?.message}`);
    return result.value as T;
  };
}

interface FirstScreenSamples {
  /** Navigation start → the page's own clock on the first frame with the enabled target list. */
  readonly inPage: number[];
  /**
   * The page's clock once Playwright's locator wait, `waitForFunction` and `evaluate` have all
   * returned (how this bench measured before): adds Playwright's retry back-off (locator checks
   * at 0, 20, 100, 100, then every 500 ms) and CDP round trips to the page's own time.
   */
  readonly observed: number[];
}

async function timeToInteractive(stack: WizardStack, count = 10): Promise<FirstScreenSamples> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--disable-gpu', '--no-first-run'],
  });
  const inPage: number[] = [];
  const observed: number[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      // Started before navigating, checked on every animation frame from the first one: the time
      // is read in the page the moment the list is there and enabled, not when a poll notices.
      const ready = page.waitForFunction(
        () => {
          const radios = [...document.querySelectorAll('input[type=radio]')] as HTMLInputElement[];
          const snow = radios.find((radio) =>
            radio.labels?.[0]?.textContent?.includes('Snow Atlas'),
          );
          return snow !== undefined && !radios[0]!.disabled ? performance.now() : false;
        },
        undefined,
        { polling: 'raf' },
      );
      await page.goto(stack.url);
      inPage.push((await (await ready).jsonValue()) as number);
      await page.getByRole('radio', { name: 'Snow Atlas' }).waitFor({ state: 'visible' });
      await page.waitForFunction(() => {
        const radio = document.querySelector('input[type=radio]') as HTMLInputElement | null;
        return radio !== null && !radio.disabled;
      });
      observed.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { inPage, observed };
}

async function verifyWallTime(stack: WizardStack): Promise<number[]> {
  const call = bridgeClient(stack);
  await call('startOver');
  await call('selectTarget', { targetId: 'snow-atlas' });
  await call('checkAppCredentials', { appKey: SNOW_APP.key, appSecret: SNOW_APP.secret });
  const start = await call<{ authorizeUrl: string }>('startAuthorization', { method: 'manual' });
  const shown = await authorizeOverHttp(start.authorizeUrl, TEAM_ADMIN);
  if (!shown.code) throw new Error(`no code from the emulator: ${shown.outcome}`);
  await call('submitAuthorizationCode', { code: shown.code });
  const samples: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    const report = await call<{ passed: boolean }>('runVerify');
    samples.push(performance.now() - started);
    if (!report.passed) throw new Error('Verify did not pass in the benchmark setup');
  }
  return samples;
}

/** Counts the admin's actions on the wizard's own page; Dropbox's tab is driven but not counted. */
async function happyPathActions(stack: WizardStack): Promise<{ count: number; actions: string[] }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--disable-gpu', '--no-first-run'],
  });
  const actions: string[] = [];
  const act = async (label: string, run: () => Promise<unknown>): Promise<void> => {
    actions.push(label);
    await run();
  };
  try {
    const context = await browser.newContext();
    const page: Page = await context.newPage();
    await page.goto(stack.url);
    await act('click "Snow Atlas"', () => page.getByRole('radio', { name: 'Snow Atlas' }).click());
    await act('click Continue', () => page.getByRole('button', { name: 'Continue' }).click());
    await act('paste App key', () => page.getByLabel('App key').fill(SNOW_APP.key));
    // A real paste event: pasting the secret runs the check at once (no Continue press).
    await act('paste App secret (checks at once)', () =>
      page.getByLabel('App secret', { exact: true }).evaluate((input, text) => {
        const data = new DataTransfer();
        data.setData('text/plain', text);
        input.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        );
      }, SNOW_APP.secret),
    );
    await page.getByRole('heading', { level: 1, name: 'Permissions' }).waitFor();
    await act('click Continue', () => page.getByRole('button', { name: 'Continue' }).click());
    await page.getByRole('heading', { level: 1, name: 'Authorize' }).waitFor();
    const tabPromise = context.waitForEvent('page');
    await act('click "Sign in in a new browser tab"', () =>
      page.getByRole('button', { name: 'Sign in in a new browser tab' }).click(),
    );
    const tab = await tabPromise;
    await tab.getByLabel('Email').fill(TEAM_ADMIN.email);
    await tab.getByLabel('Password').fill(TEAM_ADMIN.password);
    await tab.getByRole('button', { name: 'Sign in' }).click();
    const cont = tab.getByRole('button', { name: 'Continue' });
    if (await cont.isVisible().catch(() => false)) await cont.click();
    await tab.getByRole('button', { name: 'Allow' }).click();
    await tab.waitForLoadState();
    await page.getByRole('heading', { level: 1, name: 'Verify' }).waitFor({ timeout: 30_000 });
    const continueButton = page.getByRole('button', { name: 'Continue' });
    await page.waitForFunction(() => {
      const button = [...document.querySelectorAll('button')].find(
        (b) => b.textContent?.trim() === 'Continue',
      );
      return button !== undefined && !button.disabled;
    });
    await act('click Continue', () => continueButton.click());
    await page.getByRole('heading', { level: 1, name: 'Copy & export' }).waitFor();
    await act('click "Export file"', () =>
      page.getByRole('button', { name: 'Export file' }).click(),
    );
    await page
      .getByText(/Written to/)
      .first()
      .waitFor();
  } finally {
    await browser.close();
  }
  return { count: actions.length, actions };
}

/** `--only first-screen`: number 2 alone, with the load average next to it. */
function spread(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${Math.round(median(values))} ms, min–max ${Math.round(sorted[0]!)}–${Math.round(sorted[sorted.length - 1]!)}`;
}

/** `--only first-screen`: number 2 alone, with the load average next to it. */
async function firstScreenOnly(): Promise<void> {
  const js = rendererJsGzipBytes();
  const stack = await startWizardStack({ env: { WIZARD_LOG_REQUESTS: '0' } });
  let tti: FirstScreenSamples;
  const loadBefore = os.loadavg()[0]!;
  try {
    tti = await timeToInteractive(stack, SAMPLES);
  } finally {
    await stack.stop();
  }
  console.log(
    `Renderer JS (gzipped): ${(js.gzip / 1024).toFixed(1)} KiB (${(js.raw / 1024).toFixed(1)} KiB raw, ${js.files} files)`,
  );
  console.log(
    `First screen interactive: ${spread(tti.inPage)} over ${tti.inPage.length} loads; 1-min load average ${loadBefore.toFixed(2)} → ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores`,
  );
  console.log(`  samples: ${tti.inPage.map(Math.round).join(' ')}`);
  console.log(`  seen after Playwright's waits: ${spread(tti.observed)}`);
  console.log(`  samples: ${tti.observed.map(Math.round).join(' ')}`);
}

async function main(): Promise<void> {
  if (ONLY === 'first-screen') return firstScreenOnly();
  if (ONLY === 'happy-path') {
    const stack = await startWizardStack({ env: { WIZARD_LOG_REQUESTS: '0' } });
    try {
      const actions = await happyPathActions(stack);
      console.log(`Snow Atlas happy path: ${actions.count} user actions`);
    } finally {
      await stack.stop();
    }
    return;
  }
  if (ONLY !== undefined) {
    throw new Error(`--only knows first-screen and happy-path (got ${ONLY})`);
  }
  const js = rendererJsGzipBytes();
  const stack = await startWizardStack({ env: { WIZARD_LOG_REQUESTS: '0' } });
  let tti: FirstScreenSamples;
  const loadBefore = os.loadavg()[0]!;
  let actions: { count: number; actions: string[] };
  try {
    tti = await timeToInteractive(stack);
    actions = await happyPathActions(stack);
  } finally {
    await stack.stop();
  }
  const slow = await startWizardStack({
    emulator: { latencyMs: LATENCY_MS },
    env: { WIZARD_LOG_REQUESTS: '0' },
  });
  let verify: number[];
  try {
    verify = await verifyWallTime(slow);
  } finally {
    await slow.stop();
  }

  const results = {
    rendererJsGzipKiB: +(js.gzip / 1024).toFixed(1),
    rendererJsRawKiB: +(js.raw / 1024).toFixed(1),
    firstScreenTtiMsMedian: Math.round(median(tti.inPage)),
    firstScreenTtiMsSamples: tti.inPage.map(Math.round),
    firstScreenSeenByPlaywrightMsMedian: Math.round(median(tti.observed)),
    firstScreenSeenByPlaywrightMsSamples: tti.observed.map(Math.round),
    loadAverage1MinAtStart: +loadBefore.toFixed(2),
    verifyMsMedianAt100msLatency: Math.round(median(verify)),
    verifyTargetMs: 4 * LATENCY_MS + 200,
    verifyMsSamples: verify.map(Math.round),
    happyPathUserActions: actions.count,
    happyPathActionList: actions.actions,
  };
  mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(
    path.join(ROOT, 'bench-results/latest.json'),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  console.log(
    `Renderer JS (gzipped):            ${results.rendererJsGzipKiB} KiB (${results.rendererJsRawKiB} KiB raw, ${js.files} file)`,
  );
  console.log(
    `First screen interactive (median): ${results.firstScreenTtiMsMedian} ms over 10 loads (${results.firstScreenSeenByPlaywrightMsMedian} ms once Playwright's waits return; load average ${results.loadAverage1MinAtStart})`,
  );
  console.log(
    `Verify wall time (median of 5):    ${results.verifyMsMedianAt100msLatency} ms at ${LATENCY_MS} ms latency (target ≤ ${results.verifyTargetMs} ms)`,
  );
  console.log(
    `Snow Atlas happy path:             ${results.happyPathUserActions} user actions (target ≤ 8)`,
  );
  for (const action of results.happyPathActionList) console.log(`  - ${action}`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
