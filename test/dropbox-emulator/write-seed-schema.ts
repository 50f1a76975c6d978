/**
 * Regenerates seed.schema.json from the zod schema in seed.ts (formatted like the rest of the repo):
 *   npx tsx test/dropbox-emulator/write-seed-schema.ts
 */
import { writeFile } from 'node:fs/promises';
import { format } from 'prettier';
import { SEED_SCHEMA_PATH, seedJsonSchema } from './seed';

const text = await format(JSON.stringify(seedJsonSchema()), { parser: 'json', printWidth: 100 });
await writeFile(SEED_SCHEMA_PATH, text);
process.stdout.write(`wrote ${SEED_SCHEMA_PATH}\n`);
