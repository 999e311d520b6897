/**
 * `stkit gt` takes its datasets and reader flags from the registry of
 * `@stkit/datasets`: run in-process on the real Waymo Motion scenario (at least
 * five of the seven tasks, camera-free samples), the Aria `--domain` flag, and
 * a flag the chosen reader does not declare.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, type Sample } from '@stkit/core';
import { hasSharedData, sharedDataPath, skipMessage } from '@stkit/test-data';
import { gtUsage, runGtCommand } from './commands/gt';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough() as unknown as NodeJS.WriteStream;
  let out = '';
  stdout.on('data', (chunk) => (out += String(chunk)));
  (stderr as unknown as PassThrough).resume();
  return { io: { stdout, stderr }, out: () => out };
}

async function samplesOf(out: string): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const name of await readdir(join(out, 'samples'))) {
    if (!name.endsWith('.jsonl')) continue;
    for (const line of (await readFile(join(out, 'samples', name), 'utf8')).split('\n'))
      if (line) samples.push(JSON.parse(line) as Sample);
  }
  return samples;
}

describe('stkit gt and the reader registry', () => {
  it('lists every registered dataset and the reader flags in its usage', async () => {
    const usage = await gtUsage();
    expect(usage).toContain('--dataset argoverse2|aria|kitti|nuplan|nuscenes|waymo|waymo-motion');
    expect(usage).toMatch(/--domain \(aria\)\s+driving\|sports\|general/);
  });

  it('refuses a flag the chosen reader does not declare, naming it', async () => {
    const out = await mkdtemp(join(tmpdir(), 'stkit-gt-flag-'));
    const run = runGtCommand(['--dataset', 'kitti', '--domain', 'sports', '--root', tmpdir(), '--out', out], io().io);
    await expect(run).rejects.toThrow(InvalidArgumentError);
    await expect(
      runGtCommand(['--dataset', 'kitti', '--domain', 'sports', '--root', tmpdir(), '--out', out], io().io),
    ).rejects.toThrow(/--domain.*not an option of dataset 'kitti'/);
  });

  describe.skipIf(!hasSharedData)(
    hasSharedData ? 'on the real files' : `on the real files: skipped, ${skipMessage}`,
    () => {
      it('--dataset waymo-motion: at least five tasks from the real scenario, camera-free', async () => {
        const out = await mkdtemp(join(tmpdir(), 'stkit-gt-womd-'));
        const { io: streams } = io();
        expect(
          await runGtCommand(
            ['--dataset', 'waymo-motion', '--root', sharedDataPath('waymo', 'motion')!, '--out', out],
            streams,
          ),
        ).toBe(0);
        const samples = await samplesOf(out);
        expect(new Set(samples.map((sample) => sample.task)).size).toBeGreaterThanOrEqual(5);
        for (const sample of samples) {
          expect(sample.visualPrompt).toBe(false);
          expect(sample.source.dataset).toBe('waymo-motion');
        }
      }, 120_000);

      it('--dataset aria --domain sports overrides the general default', async () => {
        const out = await mkdtemp(join(tmpdir(), 'stkit-gt-aria-'));
        const { io: streams } = io();
        expect(
          await runGtCommand(
            [
              '--dataset',
              'aria',
              '--domain',
              'sports',
              '--root',
              sharedDataPath('projectaria', 'gen1', 'mps_sample')!,
              '--out',
              out,
            ],
            streams,
          ),
        ).toBe(0);
        const samples = await samplesOf(out);
        expect(samples.length).toBeGreaterThan(0);
        for (const sample of samples) expect(sample.source.domain).toBe('sports');
        const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
        expect(manifest.config.readerOptions).toEqual({ domain: 'sports' });
      }, 120_000);
    },
  );
});
