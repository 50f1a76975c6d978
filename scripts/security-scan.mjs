#!/usr/bin/env node
// Electronegativity gate (doyensec/electronegativity, run offline).
//
// Why the ceremony: Electronegativity exits 0 even with HIGH findings, so this script parses its
// SARIF and fails on every finding, at any severity, that .electronegativity-allowlist.json does
// not justify by exact check id + file. Scans a temp copy of package.json + electron/ + renderer/
// (never out/, release/ or node_modules, which it would otherwise wander into). Runs without
// network: `unshare -n` when possible; the online AvailableSecurityFixes check is excluded either
// way. Inline `eng-disable` comments are not honoured as justification: the copy is scanned with
// them stripped, so the allowlist (with reasons) is the only way to accept a finding.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const toolRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `--root DIR` scans another project (the gate's own test uses it); default: this project.
const rootFlag = process.argv.indexOf('--root');
const root =
  rootFlag !== -1 && process.argv[rootFlag + 1]
    ? path.resolve(process.argv[rootFlag + 1])
    : toolRoot;
const allowlistPath = path.join(root, '.electronegativity-allowlist.json');
const bin = path.join(
  toolRoot,
  'node_modules',
  '.bin',
  process.platform === 'win32' ? 'electronegativity.cmd' : 'electronegativity',
);
const SCANNED = ['package.json', 'electron', 'renderer'];
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', 'release', 'coverage']);

function fail(message) {
  console.error(`security-scan: ${message}`);
  process.exit(1);
}

/** Loads and validates the allowlist: every entry names one check and one file, with a reason. */
function loadAllowlist() {
  if (!existsSync(allowlistPath)) return [];
  let entries;
  try {
    entries = JSON.parse(readFileSync(allowlistPath, 'utf8'));
  } catch (error) {
    fail(`cannot parse ${path.basename(allowlistPath)}: ${error.message}`);
  }
  if (!Array.isArray(entries)) fail('the allowlist must be a JSON array');
  entries.forEach((entry, index) => {
    const where = `allowlist entry ${index}`;
    if (typeof entry?.check !== 'string' || !/^[A-Z0-9_]+$/.test(entry.check))
      fail(`${where}: "check" must be a check id`);
    if (typeof entry.file !== 'string' || entry.file === '' || /[*?]/.test(entry.file)) {
      fail(`${where}: "file" must be one exact path (or "N/A" for a global check), no wildcards`);
    }
    if (typeof entry.reason !== 'string' || entry.reason.trim().length < 40) {
      fail(`${where}: "reason" must explain why the finding is safe (40+ characters)`);
    }
  });
  return entries;
}

function stripEngDisable(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      stripEngDisable(full);
    } else if (/\.(m?[jt]sx?|html?)$/.test(name)) {
      const text = readFileSync(full, 'utf8');
      if (/eng-disable/i.test(text))
        writeFileSync(full, text.replace(/eng-disable/gi, 'eng-disable-ignored'));
    }
  }
}

function canUnshare() {
  if (process.platform !== 'linux') return false;
  const probe = spawnSync('unshare', ['-n', 'true'], { stdio: 'ignore' });
  return probe.status === 0;
}

if (!existsSync(bin)) fail(`${path.relative(toolRoot, bin)} not found; run npm install`);
const allowlist = loadAllowlist();

const work = mkdtempSync(path.join(tmpdir(), 'electronegativity-'));
const scanDir = path.join(work, 'app');
const sarifPath = path.join(work, 'result.sarif');
try {
  for (const entry of SCANNED) {
    const from = path.join(root, entry);
    if (!existsSync(from)) continue;
    cpSync(from, path.join(scanDir, entry), {
      recursive: true,
      filter: (source) => !SKIP_DIRS.has(path.basename(source)),
    });
  }
  stripEngDisable(scanDir);

  const args = ['-i', scanDir, '-o', sarifPath, '-x', 'AvailableSecurityFixesGlobalCheck'];
  const isolated = canUnshare();
  const command = isolated ? 'unshare' : bin;
  const commandArgs = isolated ? ['-n', bin, ...args] : args;
  console.log(
    `Electronegativity: scanning ${SCANNED.join(', ')} ${isolated ? '(no network: unshare -n)' : '(unshare unavailable; online checks excluded)'}`,
  );
  const run = spawnSync(command, commandArgs, { cwd: work, encoding: 'utf8', timeout: 180_000 });
  if (run.error) fail(`could not run Electronegativity: ${run.error.message}`);
  if (run.status !== 0 || !existsSync(sarifPath)) {
    process.stderr.write(run.stdout ?? '');
    process.stderr.write(run.stderr ?? '');
    fail(`Electronegativity failed (exit ${run.status}) before writing its report`);
  }

  const sarif = JSON.parse(readFileSync(sarifPath, 'utf8'));
  const runResult = sarif?.runs?.[0];
  if (runResult?.tool?.driver?.name !== 'Electronegativity' || !Array.isArray(runResult.results)) {
    fail('the SARIF report does not look like Electronegativity output');
  }

  const findings = runResult.results.map((result) => {
    const location = result.locations?.[0]?.physicalLocation;
    const uri = location?.artifactLocation?.uri ?? 'N/A';
    const absolute = uri.startsWith('file://') ? fileURLToPath(uri) : uri;
    // Global checks ("no CSP detected anywhere") point at file:/// : report them as "N/A".
    const relative = path.isAbsolute(absolute) ? path.relative(scanDir, absolute) : absolute;
    const file =
      relative.startsWith('..') || relative === '' ? 'N/A' : relative.split(path.sep).join('/');
    return {
      check: result.ruleId,
      level: result.level ?? 'none',
      file,
      line: location?.region?.startLine ?? 0,
      message: result.message?.text ?? '',
    };
  });

  const used = new Set();
  const unjustified = [];
  for (const finding of findings) {
    const index = allowlist.findIndex(
      (entry) => entry.check === finding.check && entry.file === finding.file,
    );
    if (index === -1) unjustified.push(finding);
    else used.add(index);
  }

  console.log(
    `Electronegativity: ${findings.length} findings, ${findings.length - unjustified.length} justified, ${unjustified.length} unjustified`,
  );
  for (const finding of unjustified) {
    console.log(
      `  UNJUSTIFIED ${finding.file}:${finding.line} ${finding.check} (${finding.level}) ${finding.message}`,
    );
  }
  allowlist.forEach((entry, index) => {
    if (!used.has(index))
      console.log(
        `  note: allowlist entry ${entry.check} ${entry.file} matched nothing (remove it?)`,
      );
  });
  if (unjustified.length > 0) {
    console.log(
      `Fix the code, or add a reviewed entry with a reason to ${path.basename(allowlistPath)}.`,
    );
    process.exitCode = 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
