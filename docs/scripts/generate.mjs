// Everything the site generates before `vitepress build`: the API reference
// (TypeDoc) and the CLI reference (--help). Both land in git-ignored folders
// under docs/pages.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { docsRoot } from '../.vitepress/markdown-source.mjs';

const run = promisify(execFile);
for (const script of ['generate-api.mjs', 'generate-cli.mjs']) {
  const { stdout } = await run(process.execPath, [join(docsRoot, 'scripts', script), ...process.argv.slice(2)], {
    cwd: docsRoot,
    timeout: 600_000,
    maxBuffer: 16 << 20,
  });
  process.stdout.write(stdout);
}
