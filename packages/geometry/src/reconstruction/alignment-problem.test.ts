import { createRandom } from '@stkit/core';
import { describe, expect, it } from 'vitest';
import { createSyntheticScene, renderPointmapPairs } from './__fixtures__/synthetic-scene';
import type { AlignmentTerm } from './alignment-term';
import { createAlignmentProblem } from './alignment-problem';
import { samplePairs, samplePixels } from './global-alignment';
import { initializeFromSpanningTree } from './spanning-tree-init';
import { createTemporalSmoothnessTerm } from './temporal-smoothness';
import { createFlowTerm } from './flow-term';

/** Central finite differences of `f` at `params`, one coordinate at a time. */
function finiteDifferences(f: (p: Float64Array) => number, params: Float64Array, h: number): Float64Array {
  const out = new Float64Array(params.length);
  for (let k = 0; k < params.length; k++) {
    const saved = params[k]!;
    params[k] = saved + h;
    const plus = f(params);
    params[k] = saved - h;
    const minus = f(params);
    params[k] = saved;
    out[k] = (plus - minus) / (2 * h);
  }
  return out;
}

/** A term touching depth, rotation, translation and focal, to check the chaining of term gradients. */
const probeTerm: AlignmentTerm = {
  name: 'probe',
  evaluate(context) {
    // L = Σ d² /100 + Σ R[0]·t[1] + f²/1e4
    let loss = 0;
    for (let i = 0; i < context.depth.length; i++) {
      loss += context.depth[i]! ** 2 / 100;
      context.gradDepth[i]! += context.depth[i]! / 50;
    }
    for (let n = 0; n < context.frames; n++) {
      loss += context.rotation[9 * n]! * context.translation[3 * n + 1]!;
      context.gradRotation[9 * n]! += context.translation[3 * n + 1]!;
      context.gradTranslation[3 * n + 1]! += context.rotation[9 * n]!;
    }
    loss += context.focal ** 2 / 1e4;
    context.addFocalGradient((2 * context.focal) / 1e4);
    return loss;
  },
};

describe('alignment objective gradients', () => {
  const synthetic = createSyntheticScene({ frames: 4, width: 10, height: 6, focal: 9, boxes: 1, seed: 5 });
  const pairs = renderPointmapPairs(synthetic, {
    noise: 0.05,
    pairs: [
      [0, 1],
      [1, 2],
      [2, 3],
      [0, 2],
      [1, 0],
      [2, 1],
      [3, 2],
      [2, 0],
    ],
  });
  const pixels = samplePixels(10, 6, 1);
  const sampled = samplePairs(pairs, pixels);
  /** Flow fields with values spread over both smooth-L1 regimes (|r| < 1 and ≥ 1). */
  function flowFields() {
    const random = createRandom(4);
    const field = () => Float32Array.from({ length: 120 }, () => 6 * (random.next() - 0.5));
    const valid = Uint8Array.from({ length: 60 }, (_, k) => (k % 3 === 0 ? 0 : 1));
    return [
      { i: 0, j: 1, flow: field() },
      { i: 2, j: 1, flow: field(), valid },
    ];
  }

  for (const [label, terms] of [
    ['alignment loss only', []],
    [
      'with temporal smoothness (weight 0.5, translation weight 2)',
      [createTemporalSmoothnessTerm({ weight: 0.5, translationWeight: 2 })],
    ],
    ['with a term on depth, rotation, translation and focal', [probeTerm]],
    [
      'with the flow term (weight 2, flows of 2 pairs, one masked)',
      [createFlowTerm({ flows: flowFields(), weight: 2, startFraction: 0, lossThreshold: 1e9 })],
    ],
  ] as const) {
    it(`match central finite differences: ${label}`, () => {
      const problem = createAlignmentProblem({
        frames: 4,
        width: 10,
        height: 6,
        pixels,
        pairs: sampled,
        terms,
        baseScale: 0.5,
        focalBreak: 20,
      });
      const params = initializeFromSpanningTree({
        layout: problem.layout,
        pairs: sampled,
        pixels,
        width: 10,
        height: 6,
        baseScale: 0.5,
        focalBreak: 20,
      });
      // Move away from the initialisation (and off unit quaternions) so that no residual is near zero.
      const random = createRandom(11);
      for (let k = 0; k < params.length; k++) params[k] = params[k]! + 0.1 * (random.next() - 0.5);
      const grad = new Float64Array(params.length),
        scratch = new Float64Array(params.length);
      problem.evaluate(params, grad, 0, 1);
      const numeric = finiteDifferences((p) => problem.evaluate(p, scratch, 0, 1), params, 1e-6);
      let worst = 0;
      for (let k = 0; k < params.length; k++)
        worst = Math.max(worst, Math.abs(grad[k]! - numeric[k]!) / Math.max(1e-3, Math.abs(numeric[k]!)));
      // Central differences with h = 1e-6 are accurate to ~1e-9 absolute here; 1e-5 relative leaves margin.
      expect(worst).toBeLessThan(1e-5);
      expect(grad.some((g) => Math.abs(g) > 1e-3)).toBe(true);
    });
  }
});
