/**
 * Regenerates seed.schema.json from the zod schema in seed.ts:
 *   npx tsx test/dropbox-emulator/write-seed-schema.ts
 */
import { writeFile } from 'node:fs/promises';
import { SEED_SCHEMA_PATH, seedJsonSchema } from './seed';

await writeFile(SEED_SCHEMA_PATH, `${JSON.stringify(seedJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${SEED_SCHEMA_PATH}\n`);
