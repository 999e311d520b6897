import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@stkit/core';
import { makePairs } from './make-pairs';

describe('makePairs (MonST3R make_pairs semantics)', () => {
  it('swinstride-5-noncyclic over 6 frames: offsets 1, 3, 5, 7, 9, then symmetrised', () => {
    // i=0: 1,3,5 · i=1: 2,4 · i=2: 3,5 · i=3: 4 · i=4: 5 · i=5: none (i + j ≥ 6 dropped)
    const forward: [number, number][] = [
      [0, 1],
      [0, 3],
      [0, 5],
      [1, 2],
      [1, 4],
      [2, 3],
      [2, 5],
      [3, 4],
      [4, 5],
    ];
    expect(makePairs(6)).toEqual([...forward, ...forward.map(([i, j]) => [j, i])]);
    expect(makePairs(6, { symmetrize: false })).toEqual(forward);
  });

  it('counts for a 40-frame clip: Σ over i of #{j ∈ 1,3,5,7,9 : i + j < 40} = 31·5 (i ≤ 30) + 4+4+3+3+2+2+1+1+0 = 175, ×2', () => {
    expect(makePairs(40)).toHaveLength(350);
  });

  it('cyclic windows wrap around (swin-2 over 4 frames adds the loop closure 0–3)', () => {
    // offsets 1, 2: noncyclic (0,1),(0,2),(1,2),(1,3),(2,3); cyclic: 3+1 → 0 gives (0,3), 2+2 → 0 and 3+2 → 1 exist already
    expect(makePairs(4, { sceneGraph: 'swin-2-noncyclic', symmetrize: false })).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
      [1, 3],
      [2, 3],
    ]);
    expect(makePairs(4, { sceneGraph: 'swin-2', symmetrize: false })).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
    ]);
    // window larger than the video: (0 + 2) % 2 = 0 pairs frame 0 with itself, as the original does
    expect(makePairs(2, { sceneGraph: 'swin-3', symmetrize: false })).toEqual([
      [0, 0],
      [0, 1],
      [1, 1],
      [0, 0],
      [1, 0],
      [1, 1],
    ]);
  });

  it('complete, oneref, logwin and the swin-1 / two-frame symmetrisation rules', () => {
    expect(makePairs(3, { sceneGraph: 'complete' })).toEqual([
      [1, 0],
      [2, 0],
      [2, 1],
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    expect(makePairs(3, { sceneGraph: 'oneref-1' })).toEqual([
      [1, 0],
      [1, 2],
    ]);
    // logwin-2-noncyclic over 5: offsets ±1, ±2 → all pairs at distance 1 or 2
    expect(makePairs(5, { sceneGraph: 'logwin-2-noncyclic', symmetrize: false })).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
      [1, 3],
      [2, 3],
      [2, 4],
      [3, 4],
    ]);
    // swin-1 is never symmetrised (except with 2 frames)
    expect(makePairs(3, { sceneGraph: 'swin-1-noncyclic' })).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(makePairs(2, { sceneGraph: 'swin-1-noncyclic' })).toEqual([
      [0, 1],
      [1, 0],
    ]);
    // 'swinstride' without a number: window 3 → offsets 1, 3, 5
    expect(makePairs(4, { sceneGraph: 'swinstride-x-noncyclic', symmetrize: false })).toEqual([
      [0, 1],
      [0, 3],
      [1, 2],
      [2, 3],
    ]);
  });

  it('rejects unknown graphs', () => {
    expect(() => makePairs(4, { sceneGraph: 'ring' })).toThrow(InvalidArgumentError);
    expect(() => makePairs(-1)).toThrow(InvalidArgumentError);
  });
});
