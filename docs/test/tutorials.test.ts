/**
 * Runs every tutorial page of the site: the ```sh blocks of
 * docs/pages/tutorials/*.md, concatenated in page order into one bash script
 * (`set -euo pipefail`), from the repository root — exactly the commands a
 * reader types. `stkit` and `stkit-bench` are shims on PATH that run the CLIs
 * from their TypeScript sources (no build needed). A page with frontmatter
 * `ci: skip` is only checked for having commands (and the reason is printed).
 */
import { mkdtemp, readdir, writeFile, chmod, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  HEAVY_PROCESS_TIMEOUT_MS,
  hasSharedData,
  repoRoot,
  runProcess,
  sharedDataRoot,
  skipMessage,
} from '@stkit/test-data';
// @ts-expect-error: plain ESM helper without types
import { shellBlocks } from './shell-blocks.mjs';

const pagesFolder = join(repoRoot, 'docs', 'pages', 'tutorials');
const tutorials = (await readdir(pagesFolder)).filter((name) => name.endsWith('.md') && name !== 'index.md').sort();

async function shims(): Promise<string> {
  const bin = await mkdtemp(join(tmpdir(), 'stkit-tutorial-bin-'));
  const loader = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  for (const [name, entry] of [
    ['stkit', 'packages/pipeline/src/cli.ts'],
    ['stkit-bench', 'packages/bench/src/cli.ts'],
  ] as const) {
    const file = join(bin, name);
    await writeFile(
      file,
      `#!/bin/sh\nexec "${process.execPath}" --conditions=@stkit/source --import ${loader} "${join(repoRoot, entry)}" "$@"\n`,
    );
    await chmod(file, 0o755);
  }
  return bin;
}

describe('tutorials', () => {
  it('has the three tutorials', () => {
    expect(tutorials).toEqual(
      expect.arrayContaining(['av2-to-benchmark.md', 'your-own-nuscenes-data.md', 'video-to-pseudo-labels.md']),
    );
  });

  for (const name of tutorials) {
    const { blocks, frontmatter } = shellBlocks(join(pagesFolder, name)) as {
      blocks: string[];
      frontmatter: Record<string, string>;
    };
    const needsData = blocks.some((block) => block.includes('STKIT_SHARED_DATA'));
    const skip =
      frontmatter.ci === 'skip'
        ? `ci: skip (${frontmatter.ciReason ?? 'see the page'})`
        : needsData && !hasSharedData
          ? skipMessage
          : undefined;
    it.skipIf(skip !== undefined)(
      `runs every command of ${name}`,
      async () => {
        expect(blocks.length).toBeGreaterThan(1);
        const bin = await shims();
        const script = join(await mkdtemp(join(tmpdir(), 'stkit-tutorial-')), 'tutorial.sh');
        await mkdir(join(repoRoot, 'out', 'tutorials'), { recursive: true });
        await writeFile(script, `set -euo pipefail\n${blocks.join('\n')}\n`);
        const { stdout } = await runProcess('bash', [script], {
          cwd: repoRoot,
          timeoutMs: HEAVY_PROCESS_TIMEOUT_MS,
          env: {
            ...process.env,
            PATH: `${bin}:${process.env.PATH}`,
            ...(sharedDataRoot ? { STKIT_SHARED_DATA: sharedDataRoot } : {}),
          },
        });
        expect(stdout).toMatch(/samples/);
      },
      HEAVY_PROCESS_TIMEOUT_MS + 10_000,
    );
    if (skip) it(`${name} is not run: ${skip}`, () => expect(blocks.length).toBeGreaterThan(0));
  }
});
