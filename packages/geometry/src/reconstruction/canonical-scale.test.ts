import { describe, expect, it } from 'vitest';
import { groundTruthScene } from './__fixtures__/scene-from-synthetic';
import { createSyntheticScene, noisyMetricDepths } from './__fixtures__/synthetic-scene';
import { canonicalizeScale } from './canonical-scale';

const synthetic = createSyntheticScene({ frames: 5, width: 128, height: 72, focal: 100, boxes: 2, seed: 3 });

describe('canonicalizeScale', () => {
  it('recovers the metric scale, ignoring dynamic objects whose metric depth disagrees', () => {
    const reconstructed = groundTruthScene(synthetic, 7.3); // depths and translations in units of 7.3 m
    const metric = noisyMetricDepths(synthetic, 0.02);
    // Corrupt the moving boxes' metric depth by +50 %: only the exclusion masks keep them out.
    const excludeMasks = synthetic.objectIds.map((ids) => ids.map((id) => (id > 0 ? 1 : 0)));
    metric.forEach((depth, f) =>
      depth.forEach((d, i) => {
        if (excludeMasks[f]![i]) depth[i] = d * 1.5;
      }),
    );
    const result = canonicalizeScale({
      scene: reconstructed,
      metricDepths: metric,
      excludeMasks,
      confidenceQuantile: 0,
    });
    // Median of 7.3·(1 + 0.02 ε) over ~45k pixels: standard error ≈ 1.25·0.02·7.3/√45000 ≈ 9e-4.
    expect(result.scale).toBeCloseTo(7.3, 2);
    // For Gaussian ratios, MAD = 0.6745 σ = 0.0135 and IQR = 1.349 σ = 0.027 (relative to the median).
    expect(result.spread.relativeMad).toBeGreaterThan(0.0125);
    expect(result.spread.relativeMad).toBeLessThan(0.0145);
    expect(result.spread.relativeIqr).toBeGreaterThan(0.025);
    expect(result.spread.relativeIqr).toBeLessThan(0.029);
    // Depths and camera translations are back in metres.
    const frame = result.scene.frames[4]!;
    expect(frame.worldFromCamera[11]! / synthetic.worldFromCamera[4]![11]!).toBeCloseTo(1, 2);
    expect(frame.depth[1000]! / synthetic.depth[4]![1000]!).toBeCloseTo(1, 2);
    expect(result.scene.metric).toBe(true);
  });

  it('without exclusion masks the dynamic pixels bias the scale upwards', () => {
    const reconstructed = groundTruthScene(synthetic, 2);
    const metric = synthetic.depth.map((depth, f) =>
      depth.map((d, i) => (synthetic.objectIds[f]![i]! > 0 ? d * 3 : d)),
    );
    const result = canonicalizeScale({ scene: reconstructed, metricDepths: metric, confidenceQuantile: 0 });
    expect(result.scale).toBeGreaterThanOrEqual(2);
    const masked = canonicalizeScale({
      scene: reconstructed,
      metricDepths: metric,
      confidenceQuantile: 0,
      excludeMasks: synthetic.objectIds.map((ids) => ids.map((id) => (id > 0 ? 1 : 0))),
    });
    // Exact data without noise: every static ratio is 2 (float32 rounding only).
    expect(masked.scale).toBeCloseTo(2, 5);
    expect(masked.spread.relativeMad).toBeLessThan(1e-6);
  });

  it('rejects maps of the wrong size and scenes with no usable pixel', () => {
    const reconstructed = groundTruthScene(synthetic, 1);
    expect(() => canonicalizeScale({ scene: reconstructed, metricDepths: [new Float32Array(3)] })).toThrow(
      /one map per frame/,
    );
    const zeros = synthetic.depth.map((d) => new Float32Array(d.length));
    expect(() => canonicalizeScale({ scene: reconstructed, metricDepths: zeros })).toThrow(
      /no confident, static pixel/,
    );
    const wrong = synthetic.depth.map(() => new Float32Array(10));
    expect(() => canonicalizeScale({ scene: reconstructed, metricDepths: wrong })).toThrow(
      /expected shape \[72, 128\]/,
    );
  });
});
