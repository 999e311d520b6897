import { describe, expect, it } from 'vitest';
import { estimateUpFromCameras, liftIdMap } from './lift-id-map';

describe('liftIdMap', () => {
  it('unprojects each depth pixel into its instance (id map at twice the resolution), scaled', () => {
    // 4×2 depth; the id map is 8×4: instance 7 covers depth pixel (1, 0), instance 9 covers (3, 1).
    const depth = Float32Array.from([1, 2, 1, 1, 1, 1, 1, 4]);
    const idMap = new Uint16Array(32);
    for (const [x, y] of [
      [2, 0],
      [3, 0],
      [2, 1],
      [3, 1],
    ])
      idMap[y! * 8 + x!] = 7;
    for (const [x, y] of [
      [6, 2],
      [7, 2],
      [6, 3],
      [7, 3],
    ])
      idMap[y! * 8 + x!] = 9;
    // Camera translated by (1, 0, 0) units, identity rotation; scale 2 m per unit.
    const worldFromCamera = [1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
    const clouds = liftIdMap({
      depth,
      width: 4,
      height: 2,
      depthScale: 2,
      intrinsics: { fx: 2, fy: 2, cx: 2, cy: 1 },
      worldFromCamera,
      idMap,
      idWidth: 8,
      idHeight: 4,
    });
    // Pixel (1, 0), depth 2 units = 4 m: x = (1 − 2)/2·4 = −2, y = (0 − 1)/2·4 = −2, plus t = (2, 0, 0) m.
    expect(Array.from(clouds.get(7)!)).toEqual([0, -2, 4]);
    // Pixel (3, 1), 8 m: x = (3 − 2)/2·8 = 4, y = 0.
    expect(Array.from(clouds.get(9)!)).toEqual([6, 0, 8]);
    expect(clouds.size).toBe(2);
  });
});

describe('estimateUpFromCameras', () => {
  it('is minus the y axis of a level OpenCV camera', () => {
    expect(estimateUpFromCameras([[1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]]).map((v) => v + 0)).toEqual([
      0, -1, 0,
    ]);
  });
});
