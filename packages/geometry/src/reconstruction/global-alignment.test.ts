import { InvalidArgumentError, ShapeMismatchError } from '@stkit/core';
import { describe, expect, it } from 'vitest';
import { createSyntheticScene, noisyMetricDepths, renderPointmapPairs } from './__fixtures__/synthetic-scene';
import { canonicalizeScale } from './canonical-scale';
import { alignGlobally } from './global-alignment';
import { liftMasks } from './lift-masks';
import { absoluteTrajectoryError } from './trajectory-error';

// 10 frames of a camera moving 3.6 m down a corridor with two moving boxes; pointmaps with 1 % depth noise
// and a random scale per pair, on MonST3R's swinstride-5-noncyclic graph (symmetrised, 50 pairs).
const synthetic = createSyntheticScene({ frames: 10, width: 96, height: 54, focal: 86.4, boxes: 2, seed: 1 });
const pairs = renderPointmapPairs(synthetic, { noise: 0.01 });

function sortedRatios(depths: readonly Float32Array[], scale: number): Float64Array {
  const ratios: number[] = [];
  depths.forEach((depth, n) => {
    for (let i = 0; i < depth.length; i += 3) ratios.push((scale * depth[i]!) / synthetic.depth[n]![i]!);
  });
  return Float64Array.from(ratios).sort();
}

describe('alignGlobally on a synthetic scene', () => {
  it('recovers the trajectory, focal and depth without temporal smoothing', async () => {
    const result = await alignGlobally({ pairs, pixelStride: 3, temporalSmoothingWeight: 0 });
    const ate = absoluteTrajectoryError({
      estimated: result.scene.frames.map((f) => f.worldFromCamera),
      reference: synthetic.worldFromCamera,
    });
    // Measured 0.0085 m RMSE (0.24 % of the 3.6 m path); 0.02 m leaves margin for platform differences.
    expect(ate.rmse).toBeLessThan(0.02);
    expect(result.finalLoss).toBeLessThan(result.losses[0]!);
    expect(Math.abs(result.focal / 86.4 - 1)).toBeLessThan(0.01);
    // Depth in the trajectory's scale: median ratio 1 within 1 %, 90 % of pixels within 2 %.
    const ratios = sortedRatios(
      result.scene.frames.map((f) => f.depth),
      ate.alignment.scale,
    );
    expect(Math.abs(ratios[ratios.length >> 1]! - 1)).toBeLessThan(0.01);
    expect(ratios[Math.floor(ratios.length * 0.05)]!).toBeGreaterThan(0.98);
    expect(ratios[Math.floor(ratios.length * 0.95)]!).toBeLessThan(1.02);
  });

  it('with MonST3R defaults (smoothing 0.01, translation weight 1) the trajectory stays within 1.5 % of its length', async () => {
    const result = await alignGlobally({ pairs, pixelStride: 3 });
    expect(result.losses.length).toBe(300);
    const ate = absoluteTrajectoryError({
      estimated: result.scene.frames.map((f) => f.worldFromCamera),
      reference: synthetic.worldFromCamera,
    });
    expect(ate.rmse).toBeLessThan(0.054);
    // The smoothness penalises ‖Δt‖, which shrinks the path relative to the depths (measured 2.2 %): keep it bounded.
    const ratios = sortedRatios(
      result.scene.frames.map((f) => f.depth),
      ate.alignment.scale,
    );
    expect(Math.abs(ratios[ratios.length >> 1]! - 1)).toBeLessThan(0.04);
  });

  it('feeds canonicalisation and lifting: metric box centroids in each camera frame', async () => {
    const aligned = (await alignGlobally({ pairs, pixelStride: 3, temporalSmoothingWeight: 0 })).scene;
    const boxMasks = synthetic.objectIds.map((ids) => ids.map((id) => (id > 0 ? 1 : 0)));
    const canonical = canonicalizeScale({
      scene: aligned,
      metricDepths: noisyMetricDepths(synthetic, 0.02),
      excludeMasks: boxMasks,
    });
    expect(canonical.spread.relativeMad).toBeLessThan(0.03);
    const objects = [1, 2].map((id) => ({
      id,
      masks: synthetic.objectIds.map((ids) => ({ height: 54, width: 96, data: ids.map((v) => (v === id ? 1 : 0)) })),
    }));
    const lifted = liftMasks({ scene: canonical.scene, objects });
    let checked = 0;
    for (const [o, object] of lifted.objects.entries()) {
      for (const frame of object.frames) {
        if (frame.centroid === null) continue;
        // Reference: mean ray-cast hit of the box pixels, in camera coordinates of the ground-truth pose.
        const ids = synthetic.objectIds[frame.frame]!,
          hits = synthetic.hits[frame.frame]!,
          pose = synthetic.worldFromCamera[frame.frame]!;
        const estimatedPose = canonical.scene.frames[frame.frame]!.worldFromCamera;
        const toCamera = (m: ArrayLike<number>, p: readonly number[]): number[] => {
          const d = [p[0]! - m[3]!, p[1]! - m[7]!, p[2]! - m[11]!];
          return [0, 1, 2].map((r) => m[r]! * d[0]! + m[4 + r]! * d[1]! + m[8 + r]! * d[2]!);
        };
        const reference = [0, 0, 0];
        let n = 0;
        for (let i = 0; i < ids.length; i++)
          if (ids[i] === o + 1) {
            n++;
            for (let a = 0; a < 3; a++) reference[a]! += hits[3 * i + a]!;
          }
        const expected = toCamera(
          pose,
          reference.map((v) => v / n),
        );
        const actual = toCamera(estimatedPose, frame.centroid);
        const error = Math.hypot(actual[0]! - expected[0]!, actual[1]! - expected[1]!, actual[2]! - expected[2]!);
        // Metric scale from noisy (2 %) metric depth and 1 %-noise pointmaps: within 3 % of the box distance.
        expect(error).toBeLessThan(0.03 * expected[2]!);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});

describe('alignGlobally input checks', () => {
  const small = renderPointmapPairs(createSyntheticScene({ frames: 3, width: 12, height: 8, focal: 10, seed: 2 }), {
    pairs: [
      [0, 1],
      [1, 2],
      [1, 0],
      [2, 1],
    ],
  });

  it('rejects empty, mis-shaped and unconnected inputs with typed errors', async () => {
    await expect(alignGlobally({ pairs: [] })).rejects.toThrow(InvalidArgumentError);
    const bad = { ...small[0]!, conf2: new Float32Array(5) };
    await expect(alignGlobally({ pairs: [bad, ...small.slice(1)] })).rejects.toThrow(ShapeMismatchError);
    await expect(alignGlobally({ pairs: [bad, ...small.slice(1)] })).rejects.toThrow(
      /pairs\[0\]\.conf2: expected shape \[8, 12\], got \[5\]/,
    );
    // Frame 2 is never the first view when only the forward pairs are given.
    await expect(alignGlobally({ pairs: small.slice(0, 2), iterations: 1, pixelStride: 1 })).rejects.toThrow(
      /frame 2 is never the first view/,
    );
    await expect(alignGlobally({ pairs: small, pixelStride: 8 })).rejects.toThrow(/leaves 1 sampled pixels/);
    await expect(alignGlobally({ pairs: small, pixelStride: 0 })).rejects.toThrow(/pixelStride/);
    // Two components: {0, 1} and {2, 3}.
    const split = renderPointmapPairs(createSyntheticScene({ frames: 4, width: 12, height: 8, focal: 10, seed: 2 }), {
      pairs: [
        [0, 1],
        [1, 0],
        [2, 3],
        [3, 2],
      ],
    });
    await expect(alignGlobally({ pairs: split, pixelStride: 1 })).rejects.toThrow(/is not connected to the pair graph/);
  });

  it('stops at a timer-based abort (it yields to the event loop)', async () => {
    const run = alignGlobally({ pairs: small, pixelStride: 1, iterations: 1_000_000, signal: AbortSignal.timeout(50) });
    await expect(run).rejects.toThrow(expect.objectContaining({ name: 'TimeoutError' }));
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    await expect(
      alignGlobally({
        pairs: small,
        pixelStride: 1,
        signal: controller.signal,
        onIteration: (i) => {
          if (i === 3) controller.abort();
        },
      }),
    ).rejects.toThrow();
  });
});
