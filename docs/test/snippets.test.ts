/**
 * Every code sample the site shows from docs/snippets is type-checked
 * (`npm run type-check`) and executed here, from its TypeScript source, in a
 * folder holding the inputs it reads:
 * - make-a-clip.ts: nothing;
 * - qa-from-clips.ts: clips.jsonl (the built-in demo scene);
 * - pseudo-canonical-scene.ts: a MonST3R output folder, Metric3D depth maps and
 *   one object's COCO RLE masks of a generated scene: a flat wall 2 scene units
 *   (10 m) in front of a fixed camera, the object a 2×2-pixel patch moving one
 *   pixel right per frame; with fx = 5 px that is a 10 m / 5 = 2 m step.
 * The .mjs snippets are run by the tutorials test.
 */
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { encodeCocoRle } from '@stkit/core';
import { createDemoClips } from '@stkit/pipeline';
import { HEAVY_PROCESS_TIMEOUT_MS, PROCESS_TIMEOUT_MS, repoRoot, runProcess } from '@stkit/test-data';

const snippets = join(repoRoot, 'docs', 'snippets');

const loader = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

async function runSnippet(
  name: string,
  cwd: string,
  args: readonly string[] = [],
  timeoutMs = PROCESS_TIMEOUT_MS,
): Promise<string> {
  const { stdout } = await runProcess(
    process.execPath,
    ['--conditions=@stkit/source', '--import', loader, join(snippets, name), ...args],
    { cwd, timeoutMs },
  );
  return stdout;
}

/** A NumPy .npy v1.0 file of float32 (little-endian, C order). */
function npy(data: Float32Array, shape: readonly number[]): Buffer {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  header += ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
  const prefix = Buffer.alloc(10);
  prefix.write('\x93NUMPY', 0, 'latin1');
  prefix.writeUInt8(1, 6);
  prefix.writeUInt8(0, 7);
  prefix.writeUInt16LE(header.length, 8);
  return Buffer.concat([
    prefix,
    Buffer.from(header, 'latin1'),
    Buffer.from(data.buffer, data.byteOffset, data.byteLength),
  ]);
}

describe('docs snippets', () => {
  it('covers every TypeScript snippet', async () => {
    expect((await readdir(snippets)).filter((name) => name.endsWith('.ts')).sort()).toEqual([
      'make-a-clip.ts',
      'pseudo-canonical-scene.ts',
      'pseudo-generate.ts',
      'qa-from-clips.ts',
    ]);
  });

  it(
    'make-a-clip.ts validates a hand-written clip',
    async () => {
      expect((await runSnippet('make-a-clip.ts', await mkdtemp(join(tmpdir(), 'stkit-snippet-')))).trim()).toBe('1');
    },
    PROCESS_TIMEOUT_MS,
  );

  it(
    'qa-from-clips.ts writes samples from clips.jsonl',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'stkit-snippet-'));
      await writeFile(
        join(dir, 'clips.jsonl'),
        createDemoClips({ count: 1, seed: 0 })
          .map((clip) => `${JSON.stringify(clip)}\n`)
          .join(''),
      );
      expect(await runSnippet('qa-from-clips.ts', dir)).toMatch(/^[1-9]\d* samples from 1 clips$/m);
      expect((await readdir(join(dir, 'out', 'qa', 'samples'))).some((name) => name.endsWith('.jsonl'))).toBe(true);
    },
    PROCESS_TIMEOUT_MS,
  );

  it(
    'pseudo-canonical-scene.ts lifts an object into a metric trajectory',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'stkit-snippet-'));
      const [W, H, frames] = [6, 4, 3];
      const monst3r = join(dir, 'monst3r', 'drive-0001');
      const metric = join(dir, 'metric-depth', 'drive-0001');
      const masks = join(dir, 'masks', 'drive-0001');
      for (const folder of [monst3r, metric, masks]) await mkdir(folder, { recursive: true });
      await writeFile(
        join(monst3r, 'pred_traj.txt'),
        Array.from(
          { length: frames },
          (_, k) => `${k} 0.000000 0.000000 0.000000 1.000000 0.000000 0.000000 0.000000\n`,
        ).join(''),
      );
      await writeFile(
        join(monst3r, 'pred_intrinsics.txt'),
        Array.from(
          { length: frames },
          () => '5.000000 0.000000 3.000000 0.000000 5.000000 2.000000 0.000000 0.000000 1.000000\n',
        ).join(''),
      );
      const carMasks = [];
      for (let k = 0; k < frames; k++) {
        await writeFile(
          join(monst3r, `frame_${String(k).padStart(4, '0')}.npy`),
          npy(new Float32Array(W * H).fill(2), [H, W]),
        );
        await writeFile(
          join(metric, `frame_${String(k).padStart(4, '0')}.npy`),
          npy(new Float32Array(W * H).fill(10), [H, W]),
        );
        const mask = new Uint8Array(W * H);
        for (const row of [1, 2]) for (const column of [k + 1, k + 2]) mask[row * W + column] = 1;
        carMasks.push(encodeCocoRle(mask, H, W));
      }
      await writeFile(join(masks, 'car-1.json'), JSON.stringify(carMasks));
      const stdout = await runSnippet('pseudo-canonical-scene.ts', dir);
      // Scale: metric 10 m / scene 2 units = 5 m per unit.
      expect(stdout).toMatch(/^1 MonST3R unit = 5\.000 m/m);
      // Pixel centre u = k + 2 (columns k+1, k+2 → centres k+1.5, k+2.5 at pixel-centre convention), x = (u − cx)·Z / fx.
      const centroids = [...stdout.matchAll(/frame (\d): 4 points, centroid (\S+), (\S+), (\S+) m/g)].map((match) =>
        match.slice(2).map(Number),
      );
      expect(centroids).toHaveLength(3);
      for (let k = 1; k < 3; k++) expect(centroids[k]![0]! - centroids[k - 1]![0]!).toBeCloseTo(2, 6); // 1 px · 10 m / 5 px
      for (const centroid of centroids) expect(centroid[2]).toBeCloseTo(10, 6);
    },
    PROCESS_TIMEOUT_MS,
  );

  it(
    "pseudo-generate.ts labels a generated scene in the tools' formats",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'stkit-snippet-'));
      const scene = join(dir, 'scene');
      // The scene generator of @stkit/pipeline's benchmarks: MonST3R, Metric3D and Grounded-SAM-2 folders of a synthetic drive.
      await runProcess(
        process.execPath,
        [
          '--conditions=@stkit/source',
          '--import',
          loader,
          join(repoRoot, 'packages/pipeline/bench/pseudo-scenes/write-scene.ts'),
          '--seed',
          '1',
          '--frames',
          '12',
          '--out',
          scene,
        ],
        { cwd: dir, timeoutMs: HEAVY_PROCESS_TIMEOUT_MS },
      );
      const stdout = await runSnippet(
        'pseudo-generate.ts',
        dir,
        [join(scene, 'monst3r'), join(scene, 'metric3d'), join(scene, 'gsam2'), join(dir, 'out')],
        HEAVY_PROCESS_TIMEOUT_MS,
      );
      expect(stdout).toMatch(/^\d+ samples; canonical scale \d+\.\d{3} m per MonST3R unit$/m);
      expect(stdout).toMatch(/frames kept, \d+ samples, /);
    },
    2 * HEAVY_PROCESS_TIMEOUT_MS,
  );
});
