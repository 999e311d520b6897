import { describe, expect, it } from 'vitest';
import { createRandom } from '@stkit/core';
import { createPolarityBalancer, pickBalanced } from './balanced-pick';

describe('pickBalanced', () => {
  it('takes groups round-robin so a rare label is not drowned', () => {
    // 10 × 'a', 2 × 'b'; cap 4 → rounds (a, b), (a, b) → 2 + 2; cap 6 → the third round has only 'a' → 4 + 2.
    const pool = [...Array.from({ length: 10 }, (_, i) => `a${i}`), 'b0', 'b1'];
    const count = (items: string[], prefix: string) => items.filter((item) => item.startsWith(prefix)).length;
    const four = pickBalanced(pool, (item) => item[0]!, 4, createRandom(1));
    expect([count(four, 'a'), count(four, 'b')]).toEqual([2, 2]);
    const six = pickBalanced(pool, (item) => item[0]!, 6, createRandom(1));
    expect([count(six, 'a'), count(six, 'b')]).toEqual([4, 2]);
    expect(new Set(six).size).toBe(6);
    expect(pickBalanced(pool, (item) => item[0]!, 100, createRandom(1)).sort()).toEqual([...pool].sort());
    expect(pickBalanced([], undefined, 3, createRandom(1))).toEqual([]);
    expect(pickBalanced(pool, undefined, 0, createRandom(1))).toEqual([]);
  });

  it('is a uniform choice with one group', () => {
    // 20 000 draws of 2 out of 5: each item is picked with probability 2/5 → 8 000 ± ~4σ (σ ≈ 69).
    const random = createRandom(2);
    const hits = new Array(5).fill(0);
    for (let draw = 0; draw < 20_000; draw++)
      for (const item of pickBalanced([0, 1, 2, 3, 4], undefined, 2, random)) hits[item]++;
    for (const count of hits) expect(Math.abs(count - 8000)).toBeLessThan(300);
  });
});

describe('createPolarityBalancer', () => {
  it('alternates per key from a random start', () => {
    const next = createPolarityBalancer(createRandom(3));
    const a = [next('x'), next('x'), next('x'), next('x')];
    expect(a.filter((p) => p === 'positive')).toHaveLength(2);
    expect(a[0]).not.toBe(a[1]);
    const starts = new Set(Array.from({ length: 20 }, (_, seed) => createPolarityBalancer(createRandom(seed))('k')));
    expect(starts).toEqual(new Set(['positive', 'negative']));
  });
});
