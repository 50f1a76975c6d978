#!/usr/bin/env node
// Validates electron-builder.yml offline, two ways:
//  1. against app-builder-lib/scheme.json with ajv (allErrors, strict false): every error listed;
//  2. with electron-builder's own pre-build check (getConfig + validateConfiguration), the code
//     path a real `electron-builder` run takes. That module is internal (not in `exports`), which
//     is one reason electron-builder is pinned exactly in package.json.
// Usage: node scripts/check-builder-config.mjs [path/to/electron-builder.yml]
// Prints "electron-builder config: VALID" and exits 0, or prints the errors and exits 1.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const configPath = path.resolve(process.argv[2] ?? path.join(root, 'electron-builder.yml'));

const Ajv = require('ajv');
const yaml = require('js-yaml');
const schema = require('app-builder-lib/scheme.json');

const errors = [];

let config;
try {
  config = yaml.load(readFileSync(configPath, 'utf8'));
} catch (error) {
  console.error(
    `electron-builder config: cannot read ${configPath}: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
}

const ajv = new Ajv({ allErrors: true, strict: false });
if (!ajv.validate(schema, config)) {
  for (const error of ajv.errors ?? []) {
    errors.push(
      `schema: ${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`,
    );
  }
}

try {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
  const { DebugLogger } = require('builder-util');
  await validateConfiguration(await getConfig(root, configPath, null), new DebugLogger(false));
} catch (error) {
  errors.push(`electron-builder: ${error instanceof Error ? error.message : String(error)}`);
}

if (errors.length > 0) {
  console.error(
    `electron-builder config: INVALID (${path.relative(root, configPath) || configPath})`,
  );
  for (const line of errors) console.error(`  - ${line}`);
  process.exit(1);
}
const { version } = require('app-builder-lib/package.json');
console.log(
  `electron-builder config: VALID (${path.relative(root, configPath) || configPath}; schema + electron-builder ${version})`,
);
