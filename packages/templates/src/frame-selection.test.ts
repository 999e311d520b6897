import { describe, expect, it } from 'vitest';
import { selectFrameIndices } from './frame-selection';

describe('selectFrameIndices', () => {
  it('keeps every frame up to the cap', () => {
    expect(selectFrameIndices(5, 32)).toEqual([0, 1, 2, 3, 4]);
    expect(selectFrameIndices(32)).toHaveLength(32);
  });

  it('subsamples uniformly with first and last (hand-computed)', () => {
    // 5 → 3: round(i·4/2) = 0, 2, 4.
    expect(selectFrameIndices(5, 3)).toEqual([0, 2, 4]);
    // 4 → 3: round(i·3/2) = 0, round(1.5) = 2 (half up), 3.
    expect(selectFrameIndices(4, 3)).toEqual([0, 2, 3]);
    // 40 → 32: round(i·39/31): 0, 1.258→1, 2.516→3, 3.774→4, 5.032→5, 6.290→6, 7.548→8, …, 39.
    const indices = selectFrameIndices(40);
    expect(indices).toHaveLength(32);
    expect(indices.slice(0, 7)).toEqual([0, 1, 3, 4, 5, 6, 8]);
    expect(indices[31]).toBe(39);
    // 30.194 → 30 for i = 24 (24·39/31 = 30.19).
    expect(indices[24]).toBe(30);
    for (let index = 1; index < indices.length; index++) expect(indices[index]).toBeGreaterThan(indices[index - 1]!);
    expect(selectFrameIndices(40, 1)).toEqual([0]);
    expect(selectFrameIndices(40, 2)).toEqual([0, 39]);
  });

  it('rejects bad arguments', () => {
    expect(() => selectFrameIndices(0)).toThrow(/frameCount/);
    expect(() => selectFrameIndices(10, 0)).toThrow(/maxFrames/);
    expect(() => selectFrameIndices(10, 2.5)).toThrow(/maxFrames/);
  });
});
