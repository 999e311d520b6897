/**
 * Metric3D backend on generated graphs with the real export signatures
 * (scripts/make-onnx-fixtures.py): the stand-in network outputs
 * depth_canonical = mean(R, G, B) / 10 of the un-normalised input.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@stkit/core';
import { createMetric3dBackend } from './metric3d';
import { metric3dDynamicLayout, metric3dFixedLayout } from './metric3d-layout';

const fixture = (name: string): string => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));

/** 64×36 image: left half (30, 60, 90) → canonical depth 6; right half (200, 100, 0) → 10. */
function halves() {
  const width = 64,
    height = 36;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      data.set(x < 32 ? [30, 60, 90] : [200, 100, 0], (y * width + x) * 3);
    }
  }
  return { data, width, height };
}

describe('Metric3D layout', () => {
  it('matches Metric3D’s own arithmetic for 1920×1080', () => {
    // scale = min(616/1080, 1064/1920) = 1064/1920 = 0.55416…; w' = int(1920·s) = 1064; h' = int(1080·s) = int(598.5) = 598
    // pad_h = 18 → 9 top, 9 bottom; pad_w = 0
    expect(metric3dFixedLayout(1920, 1080)).toEqual({
      scale: 1064 / 1920,
      resizedWidth: 1064,
      resizedHeight: 598,
      canvasWidth: 1064,
      canvasHeight: 616,
      padTop: 9,
      padBottom: 9,
      padLeft: 0,
      padRight: 0,
    });
    // dynamic: s = 518/1920; h' = int(291.375) = 291 → canvas 294 (21·14), pad 3 → 1 top, 2 bottom; 518 = 37·14
    expect(metric3dDynamicLayout(1920, 1080)).toMatchObject({
      resizedWidth: 518,
      resizedHeight: 291,
      canvasWidth: 518,
      canvasHeight: 294,
      padTop: 1,
      padBottom: 2,
      padLeft: 0,
    });
    // portrait 1080×1920 on the fixed canvas: s = min(616/1920, 1064/1080) = 0.320833; w' = int(346.5) = 346, h' = 616
    // pad_w = 718 → 359 left, 359 right
    expect(metric3dFixedLayout(1080, 1920)).toMatchObject({
      resizedWidth: 346,
      resizedHeight: 616,
      padLeft: 359,
      padRight: 359,
      padTop: 0,
    });
  });
});

describe('createMetric3dBackend', () => {
  it('fixed export: un-pads, resizes back and scales by fx·scale/1000', async () => {
    const backend = createMetric3dBackend({ model: fixture('metric3d-fixed.onnx'), device: 'cpu' });
    expect(backend.modelId).toBe('metric3d-v2');
    // 64×36 → scale = min(616/36, 1064/64) = 16.625; resized 1064×598, 9 rows of padding above and below.
    // factor = fx · scale / 1000 = 50 · 16.625 / 1000 = 0.83125 → left 6 · 0.83125 = 4.9875, right 10 · 0.83125 = 8.3125
    const result = await backend.doEstimate({ image: halves(), intrinsics: { fx: 50, fy: 50, cx: 31.5, cy: 17.5 } });
    expect(result.width).toBe(64);
    expect(result.height).toBe(36);
    expect(result.provider).toBe('cpu');
    expect(result.intrinsicsAssumed).toBe(false);
    const at = (x: number, y: number): number => result.depth[y * 64 + x]!;
    // Rows 0 and 35 sit next to the padding (mean colour → 11.45 canonical): un-padding must keep it out.
    for (const [x, y] of [
      [0, 0],
      [10, 18],
      [30, 35],
      [0, 35],
    ])
      expect(at(x!, y!)).toBeCloseTo(4.9875, 4);
    for (const [x, y] of [
      [33, 0],
      [50, 18],
      [63, 35],
    ])
      expect(at(x!, y!)).toBeCloseTo(8.3125, 4);
    // the edge between the halves is blended, and only there
    expect(at(31, 18)).toBeGreaterThan(4.9875);
    expect(at(32, 18)).toBeLessThan(8.3125);
    await backend.dispose?.();
  });

  it('clamps to maxDepth and assumes a 60° field of view without intrinsics', async () => {
    const backend = createMetric3dBackend({ model: fixture('metric3d-fixed.onnx'), device: 'cpu', maxDepth: 5 });
    const result = await backend.doEstimate({ image: halves() });
    // fx = (W/2) / tan(30°) = 32 / 0.57735 = 55.4256; factor = 55.4256 · 16.625 / 1000 = 0.921451
    // left 6 · 0.921451 = 5.5287 → clamped to 5; right also 5
    expect(result.intrinsicsAssumed).toBe(true);
    expect(result.intrinsics.fx).toBeCloseTo(55.4256, 3);
    expect(result.depth[18 * 64 + 10]).toBe(5);
    expect(result.depth[18 * 64 + 50]).toBe(5);
    await backend.dispose?.();
  });

  it('dynamic export: ImageNet-normalised, 518 long side, multiple-of-14 canvas', async () => {
    const backend = createMetric3dBackend({
      model: fixture('metric3d-dynamic.onnx'),
      variant: 'dynamic',
      device: 'cpu',
    });
    // 64×36 → s = 518/64 = 8.09375; 518×291 in a 518×294 canvas; factor = 50 · 8.09375 / 1000 = 0.4046875
    // left 6 · 0.4046875 = 2.428125; right 10 · 0.4046875 = 4.046875
    const result = await backend.doEstimate({ image: halves(), intrinsics: { fx: 50, fy: 50, cx: 31.5, cy: 17.5 } });
    expect(result.depth[0]).toBeCloseTo(2.428125, 4);
    expect(result.depth[35 * 64 + 63]).toBeCloseTo(4.046875, 4);
    await backend.dispose?.();
  });

  it('rejects calls without an image and unknown variants', async () => {
    expect(() => createMetric3dBackend({ model: 'x.onnx', variant: 'other' as 'fixed' })).toThrow(InvalidArgumentError);
    const backend = createMetric3dBackend({ model: fixture('metric3d-fixed.onnx'), device: 'cpu' });
    await expect(backend.doEstimate({})).rejects.toThrow(InvalidArgumentError);
  });
});
