/**
 * Renders a benchmark scene and writes its Grounded-SAM-2 tracking folder with
 * `@stkit/segment`'s writer (the real format: `json_data/mask_%05d.json` +
 * `mask_data/mask_%05d.npy` uint16 id maps).
 *
 *   npx tsx bench/pseudo-scenes/write-scene.ts --seed 1 --out /tmp/drive-1 [--frames 40] [--images]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeGsam2TrackingFolder } from '@stkit/segment';
import { renderScene, type RenderedScene } from './render';
import { benchmarkScene, type SceneSpec } from './scene-spec';

/** Renders `spec` into `dir` (monst3r/, metric3d/, gsam2/, truth.json, frames/ with `images`). */
export async function writeScene(
  spec: SceneSpec,
  dir: string,
  options: { images?: boolean } = {},
): Promise<RenderedScene & { gsam2Dir: string }> {
  const rendered = await renderScene(spec, dir, options);
  const gsam2Dir = join(dir, 'gsam2');
  await writeGsam2TrackingFolder(gsam2Dir, rendered.masks, { overwrite: true });
  return { ...rendered, gsam2Dir };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      frames: { type: 'string' },
      images: { type: 'boolean', default: false },
    },
  });
  if (!values.out) throw new Error('--out DIR is required');
  const spec = benchmarkScene(Number(values.seed), values.frames ? { frameCount: Number(values.frames) } : {});
  const scene = await writeScene(spec, values.out, { images: values.images });
  console.log(
    `wrote ${spec.name}: ${spec.frameCount} frames → ${values.out} (monst3r/, metric3d/, gsam2/, truth.json${scene.framesDir ? ', frames/' : ''})`,
  );
}
