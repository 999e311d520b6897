import { describe, expect, it } from 'vitest';
import { createRandom } from '@stkit/core';
import { selectFacts } from './select-facts';
import { makeClip, onGrid } from './__fixtures__/clip-builder';
import { factsOf, unaccounted, ZERO_PER_TASK } from './__fixtures__/selection-helpers';

const rad = Math.PI / 180;
const many = { maxFactsPerTask: 100, random: createRandom(7) };

/** Straight motion over frames 0–16 (8 s) at `speed` m/s in ground direction `degrees` (counter-clockwise from +x). */
const straight = (id: string, speed: number, degrees = 0) => ({
  id,
  samples: onGrid(0, 16, (t) => [speed * t * Math.cos(degrees * rad), speed * t * Math.sin(degrees * rad), 0] as const),
});

describe('distance and speed comparisons', () => {
  it('are asked at exactly 1.25× and not just below', () => {
    // Over 8 s: a = 10 m/s → 80 m; b = 8 m/s → 64 m (80/64 = 1.25, asked); c = 8.1 m/s → 64.8 m
    // (80/64.8 = 1.2346 and 64.8/64 = 1.0125: both below 1.25, not asked).
    const clip = makeClip({ frameCount: 17, tracks: [straight('a', 10), straight('b', 8), straight('c', 8.1)] });
    const selection = selectFacts(clip, many);
    for (const task of ['traveled_distance_comparison', 'traveling_speed_comparison'] as const) {
      expect(selection.candidates[task]).toBe(3);
      expect(selection.rejected[task]).toEqual({ 'margin-below-ratio': 2 });
      const [fact] = factsOf(selection, task);
      expect([...fact!.trackIds].sort()).toEqual(['a', 'b']);
      const expected = task === 'traveled_distance_comparison' ? { a: 80, b: 64 } : { a: 10, b: 8 };
      expect(fact!.label.values.a).toBeCloseTo(expected.a, 9);
      expect(fact!.label.values.b).toBeCloseTo(expected.b, 9);
      // Positive ("which travels farther/faster") → a; negative ("shorter/slower") → b.
      expect(fact!.label.answerTrackId).toBe(fact!.label.polarity === 'positive' ? 'a' : 'b');
    }
  });

  it("use each object's longest gap-free presence of at least 2 s", () => {
    // d is present only 0–1.5 s (4 frames): its longest presence is 1.5 s < 2 s → every pair with d is rejected.
    // e is present 0–2 s (5 frames, exactly 2 s) at 1 m/s → 2 m; a travels 80 m → asked.
    const d = { id: 'd', samples: onGrid(0, 3, (t) => [t, 1, 0] as const) };
    const e = { id: 'e', samples: onGrid(0, 4, (t) => [t, 2, 0] as const) };
    const selection = selectFacts(makeClip({ frameCount: 17, tracks: [straight('a', 10), d, e] }), many);
    expect(selection.rejected.traveled_distance_comparison).toEqual({ 'presence-too-short': 2 });
    const [fact] = factsOf(selection, 'traveled_distance_comparison');
    expect(fact!.label.values.e).toBeCloseTo(2, 9);
  });

  it('balance polarity: a clip with an even number of comparisons gets as many positive as negative', () => {
    // Six objects at 1, 2, 4, 8, 16, 32 m/s: every pair differs by ≥ 2× → 15 eligible pairs; cap 4 → 2 + 2.
    const tracks = [1, 2, 4, 8, 16, 32].map((speed, index) => straight(`o${index}`, speed));
    const clip = makeClip({ frameCount: 17, tracks });
    for (let seed = 0; seed < 20; seed++) {
      const selection = selectFacts(clip, { maxFactsPerTask: 4, random: createRandom(seed) });
      const facts = factsOf(selection, 'traveling_speed_comparison');
      expect(facts.filter((fact) => fact.label.polarity === 'positive')).toHaveLength(2);
      expect(selection.rejected.traveling_speed_comparison).toEqual({ 'over-cap': 11 });
      for (const fact of facts) {
        const [x, y] = fact.trackIds.map((id) => fact.label.values[id]!);
        const larger = x! > y! ? fact.trackIds[0] : fact.trackIds[1];
        const smaller = x! > y! ? fact.trackIds[1] : fact.trackIds[0];
        expect(fact.label.answerTrackId).toBe(fact.label.polarity === 'positive' ? larger : smaller);
      }
    }
  });
});

describe('direction comparisons', () => {
  it('same at ≤ 30°, different at ≥ 90°, not asked in between, net displacement ≥ 2 m', () => {
    // Net ground displacements over 8 s at 1.25 m/s (10 m): a at 0°, b at 30°, c at 90°, d at 31°.
    // Pair angles: ab 30 (same), ac 90 (different), ad 31, bc 60, cd 59 (between → not asked), bd 1 (same).
    // f moves 1.9 m in 8 s (< 2 m): its 4 pairs are rejected for displacement.
    const tracks = [
      straight('a', 1.25, 0),
      straight('b', 1.25, 30),
      straight('c', 1.25, 90),
      straight('d', 1.25, 31),
      straight('f', 1.9 / 8, 45),
    ];
    const selection = selectFacts(makeClip({ frameCount: 17, tracks }), many);
    expect(selection.candidates.movement_direction_comparison).toBe(10);
    expect(selection.rejected.movement_direction_comparison).toEqual({
      'displacement-too-short': 4,
      'angle-between-thresholds': 3,
    });
    const verdicts = Object.fromEntries(
      factsOf(selection, 'movement_direction_comparison').map((fact) => [
        [...fact.trackIds].sort().join(''),
        fact.label.same,
      ]),
    );
    expect(verdicts).toEqual({ ab: true, ac: false, bd: true });
    expect(unaccounted(selection)).toEqual(ZERO_PER_TASK);
  });

  it('picks same and different pairs alternately and balances polarity within each', () => {
    // Four objects east, four west: 12 same pairs (0°) and 16 different (180°). Cap 4 → 2 same + 2 different,
    // and within each verdict one positive and one negative question: all four answer types.
    const tracks = [0, 1, 2, 3].flatMap((index) => [
      straight(`e${index}`, 1 + index, 0),
      straight(`w${index}`, 1 + index, 180),
    ]);
    const selection = selectFacts(makeClip({ frameCount: 17, tracks }), {
      maxFactsPerTask: 4,
      random: createRandom(3),
    });
    const labels = factsOf(selection, 'movement_direction_comparison').map(
      (fact) => `${fact.label.same}/${fact.label.polarity}`,
    );
    expect(labels.sort()).toEqual(['false/negative', 'false/positive', 'true/negative', 'true/positive']);
  });
});
