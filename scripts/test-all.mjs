#!/usr/bin/env node
// `npm test`: everything CI checks, in order of cost, and one closing line totalled over every
// suite: `N passed, N failed, N skipped`. Each static check (format, lint, typecheck, builder
// config, security scan) counts as one test; Vitest and Playwright contribute their own counts.
// Every stage runs even after a failure, so one run shows everything that is wrong.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const resultsDir = path.join(root, 'test-results');
mkdirSync(resultsDir, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const skips = [];

function run(command, args, extraEnv = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '0', ...extraEnv },
  });
  return { status: result.status ?? 1, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

function stage(name, command, args) {
  console.log(`\n=== ${name}`);
  const { status, seconds } = run(command, args);
  if (status === 0) {
    totals.passed += 1;
    console.log(`--- ${name}: passed (${seconds} s)`);
  } else {
    totals.failed += 1;
    failures.push(name);
    console.log(`--- ${name}: FAILED (${seconds} s)`);
  }
}

stage('format (prettier --check)', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
stage('lint (eslint, layer rules)', bin('eslint'), ['.']);
stage('typecheck node (tsconfig.node.json)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']);
stage('typecheck web (tsconfig.web.json)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']);
stage('typecheck e2e (tsconfig.e2e.json)', bin('tsc'), ['-p', 'tsconfig.e2e.json', '--noEmit']);
stage('electron-builder config (schema)', process.execPath, ['scripts/check-builder-config.mjs']);
stage('security scan (Electronegativity)', process.execPath, ['scripts/security-scan.mjs']);

// ---- Vitest: unit + integration (+ emulator conformance) ----
console.log('\n=== unit and integration tests (vitest)');
const vitestJson = path.join(resultsDir, 'vitest.json');
rmSync(vitestJson, { force: true });
const vitest = run(bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${vitestJson}`,
]);
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const file of report.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'failed') failures.push(`vitest: ${t.fullName}`);
      if (t.status === 'pending' || t.status === 'skipped') skips.push(`vitest: ${t.fullName}`);
    }
  }
  if (vitest.status !== 0 && (report.numFailedTests ?? 0) === 0) {
    totals.failed += 1;
    failures.push('vitest: run failed outside any test (see output above)');
  }
} else {
  totals.failed += 1;
  failures.push('vitest: produced no report');
}

// ---- Playwright: end-to-end in Debian Chromium ----
console.log('\n=== build for end-to-end tests');
const build = run(process.execPath, ['scripts/build.mjs']);
if (build.status !== 0) {
  totals.failed += 1;
  failures.push('build');
} else {
  console.log('\n=== end-to-end tests (playwright, /usr/bin/chromium)');
  const e2eJson = path.join(resultsDir, 'e2e.json');
  rmSync(e2eJson, { force: true });
  const e2e = run(bin('playwright'), ['test'], { PW_REPORTER: 'json' });
  if (existsSync(e2eJson)) {
    const report = JSON.parse(readFileSync(e2eJson, 'utf8'));
    const stats = report.stats ?? {};
    totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
    totals.failed += stats.unexpected ?? 0;
    totals.skipped += stats.skipped ?? 0;
    const walk = (suite, trail) => {
      for (const spec of suite.specs ?? []) {
        for (const t of spec.tests ?? []) {
          const name = [...trail, spec.title].filter(Boolean).join(' › ');
          if (t.status === 'skipped') {
            const reasons = (t.annotations ?? []).map((a) => a.description).filter(Boolean);
            skips.push(`e2e: ${name}${reasons.length ? ` — ${reasons.join('; ')}` : ''}`);
          } else if (t.status === 'unexpected') failures.push(`e2e: ${name}`);
        }
      }
      for (const child of suite.suites ?? []) walk(child, [...trail, child.title]);
    };
    for (const suite of report.suites ?? []) walk(suite, []);
    if (e2e.status !== 0 && (stats.unexpected ?? 0) === 0) {
      totals.failed += 1;
      failures.push('e2e: run failed outside any test (see output above)');
    }
  } else {
    totals.failed += 1;
    failures.push('e2e: produced no report');
  }
}

console.log('\n=== summary');
for (const s of skips) console.log(`skipped: ${s}`);
for (const f of failures) console.log(`failed: ${f}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
