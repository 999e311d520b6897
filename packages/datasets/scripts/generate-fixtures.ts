/**
 * Writes the generated real-format fixtures (KITTI tracking, Argoverse 2,
 * Aria MPS) into a folder, for trying the readers or the CLI without the
 * datasets:
 *
 *   npx tsx packages/datasets/scripts/generate-fixtures.ts <out-folder>
 *
 * Prints the reader root of each dataset.
 */
import { resolve } from 'node:path';
import { generateAllFixtures } from '../src/__fixtures__/index';

const out = process.argv[2];
if (out === undefined || out === '--help' || out === '-h') {
  console.error(
    'usage: generate-fixtures <out-folder>   writes kitti/, argoverse2/ and aria/ reader roots into <out-folder>',
  );
  process.exit(out === undefined ? 2 : 0);
}
const roots = generateAllFixtures(resolve(out));
for (const [dataset, root] of Object.entries(roots)) console.log(`${dataset}\t${root}`);
