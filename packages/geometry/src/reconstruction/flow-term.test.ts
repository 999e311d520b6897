import { describe, expect, it } from 'vitest';
import { createSyntheticScene, renderPointmapPairs, type SyntheticScene } from './__fixtures__/synthetic-scene';
import type { AlignmentTerm } from './alignment-term';
import { createFlowTerm, type FlowField } from './flow-term';
import { alignGlobally } from './global-alignment';

const synthetic = createSyntheticScene({ frames: 6, width: 64, height: 36, focal: 58, boxes: 2, seed: 4 });
const pairs = renderPointmapPairs(synthetic, { noise: 0.01 });

/** Ground-truth camera-motion flow i → j of static pixels, from the ray-cast hits and the true poses. */
function egoFlow(scene: SyntheticScene, i: number, j: number, shift = 0): FlowField {
  const { width, height, focal, cx, cy } = scene;
  const flow = new Float32Array(2 * width * height),
    valid = new Uint8Array(width * height);
  const m = scene.worldFromCamera[j]!,
    hits = scene.hits[i]!;
  for (let p = 0; p < width * height; p++) {
    const d = [hits[3 * p]! - m[3]!, hits[3 * p + 1]! - m[7]!, hits[3 * p + 2]! - m[11]!];
    const [x, y, z] = [0, 1, 2].map((r) => m[r]! * d[0]! + m[4 + r]! * d[1]! + m[8 + r]! * d[2]!) as [
      number,
      number,
      number,
    ];
    flow[2 * p] = (focal * x) / z + cx - (p % width) + shift;
    flow[2 * p + 1] = (focal * y) / z + cy - Math.floor(p / width);
    valid[p] = scene.objectIds[i]![p] === 0 && z > 0 ? 1 : 0;
  }
  return { i, j, flow, valid };
}

function recording(term: AlignmentTerm): { term: AlignmentTerm; last: () => number } {
  let last = Number.NaN;
  return { term: { name: term.name, evaluate: (context) => (last = term.evaluate(context)) }, last: () => last };
}

describe('createFlowTerm inside alignGlobally', () => {
  const flows = [0, 1, 2, 3, 4].flatMap((i) => [egoFlow(synthetic, i, i + 1), egoFlow(synthetic, i + 1, i)]);

  it('is off for the first 10 % of the iterations, then matches true camera-motion flow closely', async () => {
    const seen: number[] = [];
    const flow = recording(createFlowTerm({ flows }));
    await alignGlobally({
      pairs,
      pixelStride: 2,
      iterations: 100,
      terms: [flow.term],
      onIteration: () => seen.push(flow.last()),
    });
    expect(seen.slice(0, 10).every((value) => value === 0)).toBe(true);
    expect(seen[10]!).toBeGreaterThan(0);
    // Weighted (0.01) mean smooth-L1 of the flow residual: 0.01 · ½ r² < 5e-4 ⇔ RMS residual below ~0.3 px.
    // Measured 1.3e-5; with the forward flows shifted by 2 px it ends at 3.8e-3 and this fails.
    expect(seen.at(-1)!).toBeLessThan(5e-4);
  });

  it('is skipped at iterations whose flow loss exceeds the threshold (MonST3R flow_loss_thre)', async () => {
    // Flows shifted by 40 px: smooth-L1 ≈ 39.5 per x element, mean ≈ 20 over x and y elements → above 10.
    const shifted = [0, 1, 2, 3, 4].map((i) => egoFlow(synthetic, i, i + 1, 40));
    const flow = recording(createFlowTerm({ flows: shifted, lossThreshold: 10 }));
    const seen: number[] = [];
    await alignGlobally({
      pairs,
      pixelStride: 4,
      iterations: 20,
      terms: [flow.term],
      onIteration: () => seen.push(flow.last()),
    });
    expect(seen.every((value) => value === 0)).toBe(true);
  });

  it('rejects flows of frames the pairs do not have', async () => {
    const term = createFlowTerm({ flows: [{ i: 0, j: 9, flow: new Float32Array(2 * 64 * 36) }], startFraction: 0 });
    await expect(alignGlobally({ pairs, pixelStride: 4, iterations: 2, terms: [term] })).rejects.toThrow(
      /frame index beyond the 6 frames/,
    );
  });
});
