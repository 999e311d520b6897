import { describe, expect, it } from 'vitest';
import { makeSample } from '../__fixtures__/samples';
import { aggregateScores } from './aggregate';
import { scoreSample } from './score-sample';

describe('scoreSample and aggregateScores', () => {
  const distance = makeSample('traveled_distance', { start: 2, end: 6.5, meters: 20 });
  const speed = makeSample('traveling_speed', { start: 1.5, end: 7, metersPerSecond: 10 });
  const clock = makeSample('movement_direction', { clock: 12 });
  const timestamp = makeSample('direction_timestamp', { clock: 3, start: 3, end: 5.5 });
  const comparison = makeSample('traveled_distance_comparison', {
    polarity: 'positive',
    answerTrackId: 'track-a',
    values: { 'track-a': 30, 'track-b': 10 },
  });

  it('scores each task as SPEC §6 defines', () => {
    // 24 m vs 20 m: inside [15, 25]; error 4 m.
    expect(scoreSample(distance, { kind: 'distance', meters: 24 })).toMatchObject({ correct: true, error: 4 });
    // 13 m/s vs 10 m/s: outside [7.5, 12.5]; error 3 m/s = 10.8 km/h.
    const s = scoreSample(speed, { kind: 'speed', metersPerSecond: 13 });
    expect(s.correct).toBe(false);
    expect(s.error).toBeCloseTo(10.8, 12);
    // clock 1 vs 12: wrong, circular error 1.
    expect(scoreSample(clock, { kind: 'clock', clock: 1 })).toMatchObject({ correct: false, error: 1 });
    // [4, 6] vs [3, 5.5]: overlap 1.5, union 3 → IoU 0.5 → correct (≥ 0.5).
    const t = scoreSample(timestamp, { kind: 'interval', start: 4, end: 6 });
    expect(t.correct).toBe(true);
    expect(t.iou).toBeCloseTo(0.5, 12);
    expect(scoreSample(comparison, { kind: 'object', color: 'red', trackId: 'track-a' }).correct).toBe(true);
    expect(scoreSample(comparison, { kind: 'object', color: 'blue', trackId: 'track-b' }).correct).toBe(false);
    // Nothing extracted: wrong, no error.
    expect(scoreSample(distance, undefined)).toEqual({
      id: distance.id,
      task: 'traveled_distance',
      correct: false,
      extracted: false,
      mra: 0,
    });
    // A prediction of another kind is wrong.
    expect(scoreSample(distance, { kind: 'clock', clock: 3 }).correct).toBe(false);
  });

  it('averages MAE only over extracted responses and accuracy over all', () => {
    const scores = [
      scoreSample(distance, { kind: 'distance', meters: 24 }), // correct, error 4
      scoreSample(distance, { kind: 'distance', meters: 10 }), // wrong, error 10
      scoreSample(distance, undefined), // wrong, not extracted
      { ...scoreSample(distance, undefined), missing: true },
      scoreSample(clock, { kind: 'clock', clock: 12 }), // correct, error 0
      scoreSample(clock, { kind: 'clock', clock: 6 }), // wrong, error 6
    ];
    const metrics = aggregateScores(scores);
    const d = metrics.tasks.traveled_distance!;
    expect(d).toMatchObject({ count: 4, correct: 1, extracted: 2, missing: 1 });
    expect(d.accuracy).toBeCloseTo(0.25, 12);
    expect(d.mae).toBeCloseTo(7, 12); // (4 + 10) / 2
    expect(metrics.tasks.movement_direction!.mae).toBeCloseTo(3, 12); // (0 + 6) / 2
    // MRA over all four distance samples: 24 vs 20 is 0.2 off, under 1 − θ for θ = 0.50 … 0.75 (6 of 10);
    // 10 vs 20 is 0.5 off (0 of 10: the bound is strict); nothing extracted and missing are 0 → 0.6 / 4.
    expect(d.mra).toBeCloseTo(0.15, 12);
    expect(metrics.tasks.movement_direction!.mra).toBeNull();
    // Headline: mean of the task accuracies present: (0.25 + 0.5) / 2.
    expect(metrics.average).toBeCloseTo(0.375, 12);
    expect(aggregateScores([]).average).toBeNull();
  });
});
