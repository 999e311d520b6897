import { describe, expect, it } from 'vitest';
import { lastStepClock, referenceDirection, stepClocks } from './step-directions';

/** Ground coordinates [N, 2] from [x, y] pairs. */
const g = (...points: [number, number][]) => Float64Array.from(points.flat());

describe('referenceDirection / stepClocks', () => {
  it('takes the first step of an object that moves from its first two frames', () => {
    // Object enters at frame 2: (0,0) → (1,0) → (1,-1) → (0,-1).
    // Reference = step 2 = (1, 0) (12 o'clock); step 3 = (0,−1): right turn → 3; step 4 = (−1, 0): back → 6.
    const ground = g([0, 0], [0, 0], [0, 0], [1, 0], [1, -1], [0, -1]);
    const present = Uint8Array.of(0, 0, 1, 1, 1, 1);
    const reference = referenceDirection(ground, present);
    expect(reference).toEqual({ step: 2, x: 1, y: 0 });
    expect(Array.from(stepClocks(ground, present, reference))).toEqual([0, 0, 12, 3, 6]);
  });

  it('parked object with annotation jitter: no step reaches 0.3 m, so no reference and no clocks', () => {
    // Jitter of ±0.1 m around (5, 5): the largest step is |(0.1,0.1) − (−0.1,−0.1)| = 0.283 m < 0.3 m.
    const ground = g([5.1, 5.1], [4.9, 4.9], [5.1, 5.0], [5.0, 4.9], [4.9, 5.1], [5.1, 5.1]);
    const present = new Uint8Array(6).fill(1);
    expect(referenceDirection(ground, present)).toBeUndefined();
    expect(Array.from(stepClocks(ground, present, undefined))).toEqual([0, 0, 0, 0, 0]);
  });

  it('steps shorter than 0.3 m have no direction; exactly 0.3 m has one', () => {
    // Steps: 0.3 m (+x), 0.29 m (−y), 0.3 m (−y).
    const ground = g([0, 0], [0.3, 0], [0.3, -0.29], [0.3, -0.59]);
    const present = new Uint8Array(4).fill(1);
    const reference = referenceDirection(ground, present)!;
    expect(reference.step).toBe(0);
    expect(Array.from(stepClocks(ground, present, reference))).toEqual([12, 0, 3]);
  });

  it('first step too short: first-moving-step takes the next moving step; first-step has no reference', () => {
    // Waits (0.1 m creep), then moves +y by 2 m, then turns to +x (a right turn seen from above when heading +y).
    const ground = g([0, 0], [0, 0.1], [0, 2.1], [2, 2.1]);
    const present = new Uint8Array(4).fill(1);
    const reference = referenceDirection(ground, present)!;
    expect(reference).toEqual({ step: 1, x: 0, y: 2 });
    expect(Array.from(stepClocks(ground, present, reference))).toEqual([0, 12, 3]);
    expect(referenceDirection(ground, present, 0.3, 'first-step')).toBeUndefined();
    // First step moves: both rules agree.
    expect(referenceDirection(g([0, 0], [1, 0]), Uint8Array.of(1, 1), 0.3, 'first-step')).toEqual({
      step: 0,
      x: 1,
      y: 0,
    });
    // First present frame followed by a gap: strict rule has no reference.
    expect(
      referenceDirection(g([0, 0], [0, 0], [1, 0], [2, 0]), Uint8Array.of(1, 0, 1, 1), 0.3, 'first-step'),
    ).toBeUndefined();
  });

  it('steps across an absent frame do not exist', () => {
    const ground = g([0, 0], [1, 0], [0, 0], [3, 0], [4, 0]);
    const present = Uint8Array.of(1, 1, 0, 1, 1);
    const clocks = stepClocks(ground, present, referenceDirection(ground, present));
    expect(Array.from(clocks)).toEqual([12, 0, 0, 12]);
    expect(lastStepClock(present, clocks)).toBe(12);
  });

  it('lastStepClock is the clock of the last step, undefined when that step is too short', () => {
    expect(lastStepClock(Uint8Array.of(1, 1, 1, 0), Uint8Array.of(12, 3, 0))).toBe(3);
    expect(lastStepClock(Uint8Array.of(1, 1, 1, 1), Uint8Array.of(12, 3, 0))).toBeUndefined();
    expect(lastStepClock(Uint8Array.of(1, 0, 1, 0), Uint8Array.of(0, 0, 0))).toBeUndefined();
  });
});
