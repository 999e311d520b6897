import { describe, expect, it } from 'vitest';
import { groundTruthScene } from './__fixtures__/scene-from-synthetic';
import { createSyntheticScene } from './__fixtures__/synthetic-scene';
import { liftMasks } from './lift-masks';

const synthetic = createSyntheticScene({ frames: 6, width: 96, height: 54, focal: 80, boxes: 2, seed: 7 });
const scene = groundTruthScene(synthetic);

/** Reference centroid: mean of the ray-cast world hit points of the object's pixels (no unprojection involved). */
function referenceCentroid(frame: number, id: number): [number, number, number] | null {
  const ids = synthetic.objectIds[frame]!,
    hits = synthetic.hits[frame]!;
  let n = 0,
    x = 0,
    y = 0,
    z = 0;
  for (let i = 0; i < ids.length; i++)
    if (ids[i] === id) {
      n++;
      x += hits[3 * i]!;
      y += hits[3 * i + 1]!;
      z += hits[3 * i + 2]!;
    }
  return n ? [x / n, y / n, z / n] : null;
}

function bitmap(frame: number, id: number): { height: number; width: number; data: Uint8Array } {
  return {
    height: synthetic.height,
    width: synthetic.width,
    data: synthetic.objectIds[frame]!.map((value) => (value === id ? 1 : 0)),
  };
}

describe('liftMasks', () => {
  it('recovers the ray-cast centroids of moving boxes in every frame', () => {
    const objects = [1, 2].map((id) => ({ id, masks: synthetic.depth.map((_, f) => bitmap(f, id)) }));
    const result = liftMasks({ scene, objects });
    let checked = 0;
    for (const [o, object] of result.objects.entries()) {
      for (const lifted of object.frames) {
        const reference = referenceCentroid(lifted.frame, o + 1);
        if (reference === null) {
          expect(lifted.centroid).toBeNull();
          continue;
        }
        // Depth is stored as float32 (relative error ≤ 6e-8 at ≤ 60 m): 1e-4 m is ample and far below any real error.
        for (let a = 0; a < 3; a++) expect(Math.abs(lifted.centroid![a]! - reference[a]!)).toBeLessThan(1e-4);
        expect(lifted.points.length).toBe(3 * lifted.count);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(6);
  });

  it('samples masks given at another resolution at the scene pixel centres', () => {
    // A 2× upsampled mask (each pixel a 2×2 block) selects exactly the same scene pixels.
    const small = bitmap(2, 1);
    const data = new Uint8Array(4 * small.data.length);
    for (let v = 0; v < 2 * small.height; v++)
      for (let u = 0; u < 2 * small.width; u++)
        data[v * 2 * small.width + u] = small.data[(v >> 1) * small.width + (u >> 1)]!;
    const big = liftMasks({
      scene,
      objects: [{ id: 'a', masks: [null, null, { height: 2 * small.height, width: 2 * small.width, data }] }],
    });
    const same = liftMasks({ scene, objects: [{ id: 'a', masks: [null, null, small] }] });
    expect(big.objects[0]!.frames[0]!.count).toBe(same.objects[0]!.frames[0]!.count);
    expect(big.objects[0]!.frames[0]!.centroid).toEqual(same.objects[0]!.frames[0]!.centroid);
  });

  it('accepts COCO RLE masks (column-major runs)', () => {
    const mask = bitmap(1, 2);
    // Plain COCO counts of the mask, built by walking it column by column.
    const counts: number[] = [];
    let current = 0,
      run = 0;
    for (let u = 0; u < mask.width; u++)
      for (let v = 0; v < mask.height; v++) {
        const value = mask.data[v * mask.width + u]!;
        if (value !== current) {
          counts.push(run);
          run = 0;
          current = value;
        }
        run++;
      }
    counts.push(run);
    const fromRle = liftMasks({
      scene,
      objects: [{ id: 1, masks: [null, { size: [mask.height, mask.width], counts }] }],
    });
    const fromBitmap = liftMasks({ scene, objects: [{ id: 1, masks: [null, mask] }] });
    expect(fromRle.objects[0]!.frames[0]!.centroid).toEqual(fromBitmap.objects[0]!.frames[0]!.centroid);
  });

  it('skips low-confidence pixels and reports empty masks with a null centroid', () => {
    const empty = {
      height: synthetic.height,
      width: synthetic.width,
      data: new Uint8Array(synthetic.width * synthetic.height),
    };
    const result = liftMasks({ scene, objects: [{ id: 0, masks: [empty, bitmap(0, 1)] }], minConfidence: 2 });
    expect(result.objects[0]!.frames.map((f) => f.centroid)).toEqual([null, null]);
  });

  it('rejects a bitmap whose data does not match its size', () => {
    expect(() =>
      liftMasks({ scene, objects: [{ id: 0, masks: [{ height: 3, width: 3, data: new Uint8Array(8) }] }] }),
    ).toThrow(/expected shape \[9\]/);
  });
});
