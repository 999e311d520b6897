import { describe, expect, it } from 'vitest';
import { makeSample } from '../../test/samples';
import { applyLikelihoodFilter, LIKELIHOOD_THRESHOLDS, normalizeWithinTask } from './likelihood-filter';

describe('likelihood filter', () => {
  it('uses the SPEC thresholds (direction_timestamp: ours, 0.7)', () => {
    expect(LIKELIHOOD_THRESHOLDS).toEqual({
      traveled_distance: 0.8,
      traveling_speed: 0.8,
      traveled_distance_comparison: 0.4,
      traveling_speed_comparison: 0.4,
      movement_direction: 0.7,
      movement_direction_comparison: 0.7,
      direction_timestamp: 0.7,
    });
  });

  it('normalises within each task and keeps scores at or above the threshold', () => {
    // traveled_distance: −10, −5, −1, −2 → min −10, max −1 → 0, 5/9 = 0.556, 1, 8/9 = 0.889; ≥ 0.8 keeps d3, d4.
    // traveled_distance_comparison: −4, −3, −2 → 0, 0.5, 1; ≥ 0.4 keeps c2, c3.
    // movement_direction: a single sample → 1, kept.
    const samples = [
      makeSample('traveled_distance', 'd1'),
      makeSample('traveled_distance_comparison', 'c1'),
      makeSample('traveled_distance', 'd2'),
      makeSample('traveled_distance', 'd3'),
      makeSample('traveled_distance_comparison', 'c2'),
      makeSample('traveled_distance', 'd4'),
      makeSample('movement_direction', 'm1'),
      makeSample('traveled_distance_comparison', 'c3'),
    ];
    const result = applyLikelihoodFilter({ samples, logLikelihoods: [-10, -4, -5, -1, -3, -2, -7, -2] });
    expect(result.kept.map((sample) => sample.id)).toEqual(['d3', 'c2', 'd4', 'm1', 'c3']);
    expect(result.droppedByTask).toEqual({ traveled_distance: 2, traveled_distance_comparison: 1 });
    expect(result.normalized[2]).toBeCloseTo(5 / 9, 12);
    expect(result.normalized[5]).toBeCloseTo(8 / 9, 12);
  });

  it('accepts fixed ranges and threshold overrides', () => {
    const tasks = ['traveling_speed', 'traveling_speed'] as const;
    // Range [−20, 0]: −5 → 0.75, −30 → clamped to 0.
    expect(Array.from(normalizeWithinTask(tasks, [-5, -30], { traveling_speed: { min: -20, max: 0 } }))).toEqual([
      0.75, 0,
    ]);
    const samples = [makeSample('traveling_speed', 's1'), makeSample('traveling_speed', 's2')];
    const kept = applyLikelihoodFilter({
      samples,
      logLikelihoods: [-5, -30],
      ranges: { traveling_speed: { min: -20, max: 0 } },
      thresholds: { traveling_speed: 0.7 },
    }).kept;
    expect(kept.map((sample) => sample.id)).toEqual(['s1']);
  });

  it('rejects bad ranges and thresholds instead of keeping or dropping everything silently', () => {
    const samples = [makeSample('traveling_speed', 's1'), makeSample('traveling_speed', 's2')];
    const logLikelihoods = [-5, -30];
    // max < min would normalise every score to 1 (all kept); NaN likewise.
    expect(() =>
      applyLikelihoodFilter({ samples, logLikelihoods, ranges: { traveling_speed: { min: 0, max: -20 } } }),
    ).toThrow(/ranges\.traveling_speed/);
    expect(() =>
      normalizeWithinTask(['traveling_speed'], [-5], { traveling_speed: { min: Number.NaN, max: 0 } }),
    ).toThrow(/ranges\.traveling_speed/);
    // A percentage (80 for 0.8) or NaN would drop every sample of the task.
    expect(() => applyLikelihoodFilter({ samples, logLikelihoods, thresholds: { traveling_speed: 80 } })).toThrow(
      /thresholds\.traveling_speed/,
    );
    expect(() =>
      applyLikelihoodFilter({ samples, logLikelihoods, thresholds: { traveling_speed: Number.NaN } }),
    ).toThrow(/thresholds\.traveling_speed/);
    // The edges 0 and 1 and an equal min and max are allowed.
    expect(
      applyLikelihoodFilter({ samples, logLikelihoods, thresholds: { traveling_speed: 1 } }).kept.map(
        (sample) => sample.id,
      ),
    ).toEqual(['s1']);
    expect(
      Array.from(normalizeWithinTask(['traveling_speed'], [-5], { traveling_speed: { min: -5, max: -5 } })),
    ).toEqual([1]);
  });

  it('rejects mismatched or non-finite scores', () => {
    expect(() => normalizeWithinTask(['traveling_speed'], [1, 2])).toThrow(/logLikelihoods/);
    expect(() => normalizeWithinTask(['traveling_speed'], [Number.NaN])).toThrow(/finite/);
  });
});
