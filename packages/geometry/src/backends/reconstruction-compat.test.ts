/**
 * Type-level contract with the reconstruction module: the pointmap backend's
 * pairs and the MonST3R reader's scene are accepted where `PointmapPair` and
 * `Scene4D` are expected (tsc fails on drift; vitest checks the runtime fields).
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { PointmapPair, Scene4D } from '../reconstruction/index';
import type { Monst3rScene } from './monst3r-output';
import type { PairwisePointmap } from './types';

describe('backends ↔ reconstruction contracts', () => {
  it('PairwisePointmap is a PointmapPair and Monst3rScene is a Scene4D', () => {
    expectTypeOf<PairwisePointmap>().toExtend<PointmapPair>();
    expectTypeOf<Monst3rScene>().toExtend<Scene4D>();
    const pair: PairwisePointmap = {
      i: 0,
      j: 1,
      height: 1,
      width: 1,
      pts3d1: new Float32Array(3),
      conf1: new Float32Array(1),
      pts3d2: new Float32Array(3),
      conf2: new Float32Array(1),
    };
    const accepted: PointmapPair = pair;
    expect(accepted.j).toBe(1);
  });
});
