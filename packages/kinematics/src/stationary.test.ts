/**
 * [definitions §2](docs/pages/definitions.md#stationary) stationary rule, by hand: positions within 0.5 m of the first
 * ground-plane position (inclusive) are stationary; height changes do not
 * count (ground plane); a car that parks is asked about only over intervals
 * that include motion.
 */
import { describe, expect, it } from 'vitest';
import { createRandom, type Fact } from '@stkit/core';
import { firstMovingIndex, isStationary, labeledDistance } from './stationary';
import { selectFacts } from './select-facts';
import { makeClip, onGrid } from './__fixtures__/clip-builder';

describe('isStationary', () => {
  it('is inclusive at 0.5 m and measures on the ground plane from the first position', () => {
    const ground = Float64Array.of(0, 0, 0.3, 0.4, -0.3, -0.4, 0.5, 0);
    expect(isStationary(ground, 0, 3)).toBe(true); // 0.5, 0.5, 0.5 from the first
    expect(firstMovingIndex(ground, 1, 3)).toBe(2); // from (0.3, 0.4), (−0.3, −0.4) is 1.0 m away
    expect(isStationary(Float64Array.of(0, 0, 0.5000001, 0), 0, 1)).toBe(false);
    expect(isStationary(Float64Array.of(0, 0, 0.6, 0), 0, 1, 1)).toBe(true);
  });

  it('labeledDistance is 0 when stationary, the 3D sum of steps otherwise', () => {
    // Jitter 0.2 m back and forth: 4 steps of 0.2 m = 0.8 m summed, but within 0.5 m → 0.
    const positions = Float64Array.of(0, 0, 0, 0.2, 0, 0, 0, 0, 0, 0.2, 0, 0, 0, 0, 0);
    const ground = Float64Array.of(0, 0, 0.2, 0, 0, 0, 0.2, 0, 0, 0);
    const present = Uint8Array.of(1, 1, 1, 1, 1);
    expect(labeledDistance(positions, ground, present, 0, 4)).toBe(0);
    expect(labeledDistance(positions, ground, present, 0, 4, 0.1)).toBeCloseTo(0.8, 12);
    expect(labeledDistance(positions, ground, Uint8Array.of(1, 0, 1, 1, 1), 0, 4)).toBeUndefined();
  });
});

describe('selectFacts with the stationary rule', () => {
  const jitter = (k: number) => (k % 2 === 0 ? 0 : 0.35);
  it('a parked object jittering by 0.35 m is not asked about, counts 0 in comparisons, and gets no direction', () => {
    const clip = makeClip({
      frameCount: 20,
      tracks: [
        // Parked: every other frame 0.35 m east (a 0.35 m step has a direction, 19 × 0.35 = 6.65 m of summed jitter).
        { id: 'parked', samples: onGrid(0, 19, (t) => [10 + jitter(Math.round(t / 0.5)), 5, 0]) },
        // Also parked, jitter up/down 2 m (height does not count) and 0.2 m sideways.
        {
          id: 'lifted',
          samples: onGrid(0, 19, (t) => [0, 20 + jitter(Math.round(t / 0.5)) * 0.6, jitter(Math.round(t / 0.5)) * 6]),
        },
        { id: 'moving', samples: onGrid(0, 19, (t) => [5 * t, 0, 0]) },
      ],
    });
    const { facts, rejected } = selectFacts(clip, { random: createRandom(1), maxFactsPerTask: 100 });
    const single = facts.filter(
      (fact) =>
        fact.task !== 'traveled_distance_comparison' &&
        fact.task !== 'traveling_speed_comparison' &&
        fact.task !== 'movement_direction_comparison',
    );
    expect(new Set(single.flatMap((fact) => fact.trackIds))).toEqual(new Set(['moving']));
    expect(rejected.traveled_distance.stationary).toBe(4); // whole + sub-interval of both parked objects
    expect(rejected.movement_direction.stationary).toBe(1); // 'parked' has a reference direction; 'lifted' steps are 0.21 m
    const comparisons = facts.filter(
      (fact): fact is Extract<Fact, { task: 'traveled_distance_comparison' }> =>
        fact.task === 'traveled_distance_comparison',
    );
    // moving vs each parked one (0 against 47.5 m); parked vs lifted: both 0, not asked.
    expect(comparisons.map((fact) => [...fact.trackIds].sort().join('|')).sort()).toEqual([
      'lifted|moving',
      'moving|parked',
    ]);
    for (const fact of comparisons) {
      expect(fact.label.values.moving).toBeCloseTo(47.5, 9);
      expect(fact.label.answerTrackId).toBe(
        fact.label.polarity === 'positive' ? 'moving' : fact.trackIds.find((id) => id !== 'moving'),
      );
      for (const id of fact.trackIds) if (id !== 'moving') expect(fact.label.values[id]).toBe(0);
    }
    expect(rejected.traveled_distance_comparison.stationary).toBe(1);
  });

  it('a car that parks is asked about only over intervals with motion', () => {
    // Drives 2 m/s for 3 s (frames 0–6), then parks for 16.5 s with 0.1 m jitter.
    const clip = makeClip({
      frameCount: 40,
      tracks: [
        {
          id: 'parks',
          samples: onGrid(0, 39, (t) => (t <= 3 ? [2 * t, 0, 0] : [6 + (Math.round(t / 0.5) % 2) * 0.1, 0, 0])),
        },
      ],
    });
    for (let seed = 0; seed < 40; seed++) {
      const { facts } = selectFacts(clip, {
        random: createRandom(seed),
        tasks: ['traveled_distance'],
        maxFactsPerTask: 5,
      });
      const interval = facts.find((fact) => fact.task === 'traveled_distance' && !fact.wholeVideo);
      expect(interval).toBeDefined();
      const label = (interval as Extract<Fact, { task: 'traveled_distance' }>).label;
      // The start lies in the driving part: from any parked frame the rest of the clip stays within 0.1 m.
      expect(label.start).toBeLessThan(3);
      expect(label.meters).toBeGreaterThan(0.5);
    }
  });
});
