import { describe, expect, it } from 'vitest';
import { preprocessImage } from './image-preprocess';
import { resizeFloatMap } from './resize-float-map';
import { resizeWeights } from './resize-weights';

describe('resizeWeights / resizeFloatMap (half-pixel bilinear)', () => {
  it('upsamples like cv2 INTER_LINEAR / torch bilinear: [0, 10] → 4 samples', () => {
    // output centres (o + 0.5)·0.5 − 0.5 = −0.25, 0.25, 0.75, 1.25 in source pixels → clamp, 2.5, 7.5, clamp
    const out = resizeFloatMap({ source: [0, 10], sourceWidth: 2, width: 4, height: 1 });
    expect(Array.from(out)).toEqual([0, 2.5, 7.5, 10]);
  });

  it('downsamples with two taps, or with the stretched triangle when antialiasing', () => {
    // [0,10,20,30] → 2: centres at source 0.5 and 2.5 → 5, 25
    expect(Array.from(resizeFloatMap({ source: [0, 10, 20, 30], sourceWidth: 4, width: 2, height: 1 }))).toEqual([
      5, 25,
    ]);
    // antialias, scale 2: output 0 centre 1.0, radius 2 → taps x=0,1,2 with weights 1 − |x + 0.5 − 1|/2 = 0.75, 0.75, 0.25
    // → (0·0.75 + 10·0.75 + 20·0.25) / 1.75 = 12.5 / 1.75
    const w = resizeWeights(4, 2, { antialias: true });
    expect(w.start[0]).toBe(0);
    expect(w.weights[0]).toBeCloseTo(0.75 / 1.75, 6);
    expect(w.weights[1]).toBeCloseTo(0.75 / 1.75, 6);
    expect(w.weights[2]).toBeCloseTo(0.25 / 1.75, 6);
  });

  it('resamples a window (un-padding) of a 2-D map', () => {
    // 4×3 map, window x 1..2, y 1..1 (2×1) → identity resize: values 5, 6
    const source = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    expect(
      Array.from(
        resizeFloatMap({ source, sourceWidth: 4, window: { x: 1, y: 1, width: 2, height: 1 }, width: 2, height: 1 }),
      ),
    ).toEqual([5, 6]);
  });
});

describe('preprocessImage', () => {
  it('resizes, normalises and pads into a CHW canvas', () => {
    // 2×1 RGB image: pixel 0 = (0, 100, 200), pixel 1 = (100, 200, 250); resized to 4×1 → R = 0, 25, 75, 100
    const image = { data: Uint8Array.of(0, 100, 200, 100, 200, 250), width: 2, height: 1 };
    const out = preprocessImage({
      image,
      resizedWidth: 4,
      resizedHeight: 1,
      canvasWidth: 6,
      canvasHeight: 3,
      offsetX: 1,
      offsetY: 1,
      mean: [50, 50, 50],
      std: [25, 50, 100],
      padColor: [0, 0, 0],
    });
    const plane = 18;
    // padding: (0 − 50)/std = −2, −1, −0.5
    expect(out[0]).toBe(-2);
    expect(out[plane]).toBe(-1);
    expect(out[2 * plane]).toBe(-0.5);
    // row 1, columns 1–4 of R: (0, 25, 75, 100 − 50)/25 = −2, −1, 1, 2; column 5 is padding again
    expect(Array.from(out.subarray(6, 12))).toEqual([-2, -2, -1, 1, 2, -2]);
    // G row 1: (100, 125, 175, 200 − 50)/50 = 1, 1.5, 2.5, 3
    expect(Array.from(out.subarray(plane + 7, plane + 11))).toEqual([1, 1.5, 2.5, 3]);
    // B: (200, 212.5, 237.5, 250 − 50)/100 = 1.5, 1.625, 1.875, 2
    expect(Array.from(out.subarray(2 * plane + 7, 2 * plane + 11))).toEqual([1.5, 1.625, 1.875, 2]);
  });

  it('keeps only the crop window of the resized image and ignores alpha', () => {
    // RGBA 4×1: R = 0, 40, 80, 120; identity resize, crop x 1..2 → 40, 80
    const image = {
      data: Uint8Array.of(0, 0, 0, 255, 40, 0, 0, 255, 80, 0, 0, 255, 120, 0, 0, 255),
      width: 4,
      height: 1,
      channels: 4 as const,
    };
    const out = preprocessImage({
      image,
      resizedWidth: 4,
      resizedHeight: 1,
      crop: { x: 1, y: 0, width: 2, height: 1 },
      canvasWidth: 2,
      canvasHeight: 1,
      mean: [0, 0, 0],
      std: [1, 1, 1],
    });
    expect(Array.from(out.subarray(0, 2))).toEqual([40, 80]);
  });
});
