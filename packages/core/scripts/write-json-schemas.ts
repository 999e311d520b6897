// Writes the JSON Schema files of the Clip and Sample contracts into
// packages/core/schemas/ from the zod schemas (the single source of truth).
// Run: npm run schemas -w @stkit/core   (a test fails when the files are stale)
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderJsonSchemas } from '../src/json-schema';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'schemas');
for (const [file, text] of Object.entries(renderJsonSchemas())) {
  writeFileSync(join(outDir, file), text);
  console.log(`wrote schemas/${file}`);
}
