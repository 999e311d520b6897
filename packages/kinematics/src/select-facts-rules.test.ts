import { describe, expect, it } from 'vitest';
import { createRandom, InvalidArgumentError } from '@stkit/core';
import { ClipDataError } from './errors';
import { analyzeClip } from './clip-kinematics';
import { selectFacts } from './select-facts';
import { makeClip, onGrid } from './__fixtures__/clip-builder';
import { factsOf, unaccounted, ZERO_PER_TASK } from './__fixtures__/selection-helpers';

/** A busy clip: 12 objects with varied speeds, headings and turns, some entering late. */
function busyClip() {
  const tracks = Array.from({ length: 12 }, (_, index) => {
    const heading = (index * 47) % 360;
    const speed = 0.5 + index * 1.3;
    const turnAt = 4 + (index % 5) * 2;
    const first = index % 4 === 3 ? 6 : 0;
    return {
      id: `t${index}`,
      samples: onGrid(first, 39, (t) => {
        const a = (heading * Math.PI) / 180;
        const b = a - ((index % 3) * Math.PI) / 2; // turn right by 0°, 90° or 180°
        const t1 = Math.min(t, turnAt);
        const t2 = Math.max(0, t - turnAt);
        return [speed * (t1 * Math.cos(a) + t2 * Math.cos(b)), speed * (t1 * Math.sin(a) + t2 * Math.sin(b)), 0];
      }),
    };
  });
  return makeClip({ tracks });
}

describe('selectFacts rules', () => {
  it('accounts for every candidate and is deterministic per generator state', () => {
    const clip = busyClip();
    const a = selectFacts(clip, { random: createRandom(42) });
    const b = selectFacts(clip, { random: createRandom(42) });
    expect(a.facts).toEqual(b.facts);
    expect(a.rejected).toEqual(b.rejected);
    expect(unaccounted(a)).toEqual(ZERO_PER_TASK);
    // 12 objects: 24 distance/speed candidates, 12 direction, 66 pairs.
    expect(a.candidates).toEqual({
      traveled_distance: 24,
      traveling_speed: 24,
      movement_direction: 12,
      direction_timestamp: 12,
      traveled_distance_comparison: 66,
      traveling_speed_comparison: 66,
      movement_direction_comparison: 66,
    });
    // Default cap: 2 per task.
    for (const task of Object.keys(a.candidates) as (keyof typeof a.candidates)[])
      expect(factsOf(a, task).length).toBeLessThanOrEqual(2);
    // Other seeds choose other facts.
    const differing = [1, 2, 3, 4, 5].filter(
      (seed) => JSON.stringify(selectFacts(clip, { random: createRandom(seed) }).facts) !== JSON.stringify(a.facts),
    );
    expect(differing.length).toBeGreaterThan(3);
  });

  it("one task's cap does not change another task's choices", () => {
    const clip = busyClip();
    const base = selectFacts(clip, { random: createRandom(9) });
    const capped = selectFacts(clip, { random: createRandom(9), maxFactsPerTask: { traveled_distance: 0 } });
    expect(factsOf(capped, 'traveled_distance')).toEqual([]);
    expect(capped.rejected.traveled_distance['over-cap']).toBeGreaterThan(0);
    expect(factsOf(capped, 'traveling_speed')).toEqual(factsOf(base, 'traveling_speed'));
    expect(factsOf(capped, 'movement_direction_comparison')).toEqual(factsOf(base, 'movement_direction_comparison'));
  });

  it('restricts to the requested tasks and uses a clip-seeded default generator', () => {
    const clip = busyClip();
    const only = selectFacts(clip, { tasks: ['movement_direction'] });
    expect(new Set(only.facts.map((fact) => fact.task))).toEqual(new Set(['movement_direction']));
    expect(only.candidates.traveled_distance).toBe(0);
    expect(selectFacts(clip).facts).toEqual(selectFacts(clip).facts);
  });

  it('labels are within the clip and well formed', () => {
    const selection = selectFacts(busyClip(), { random: createRandom(5), maxFactsPerTask: 50 });
    for (const fact of selection.facts) {
      if ('start' in fact.label) {
        expect(fact.label.start).toBeGreaterThanOrEqual(0);
        expect(fact.label.end).toBeLessThanOrEqual(19.5);
        expect(fact.label.end).toBeGreaterThan(fact.label.start);
      }
      if ('clock' in fact.label)
        expect(Number.isInteger(fact.label.clock) && fact.label.clock >= 1 && fact.label.clock <= 12).toBe(true);
    }
  });

  it('rejects invalid options with the option named', () => {
    const clip = busyClip();
    expect(() => selectFacts(clip, { comparisonRatio: 0.8 })).toThrow(/options\.comparisonRatio/);
    expect(() => selectFacts(clip, { maxFactsPerTask: -1 })).toThrow(InvalidArgumentError);
    expect(() => selectFacts(clip, { sameDirectionMaxDegrees: 100 })).toThrow(/sameDirectionMaxDegrees/);
    expect(() => selectFacts(clip, { tasks: ['bogus' as never] })).toThrow(/options\.tasks/);
  });

  it('reports non-finite data and duplicate track ids as ClipDataError', () => {
    const clip = makeClip({
      id: 'bad-clip',
      frameCount: 5,
      tracks: [
        { id: 'ok', samples: onGrid(0, 4, (t) => [t, 0, 0]) },
        { id: 'nan', samples: onGrid(0, 4, (t) => [t, t === 1 ? Number.NaN : 0, 0]) },
      ],
    });
    expect(() => selectFacts(clip)).toThrow(
      /clip 'bad-clip', track 'nan', sample 2, field 'tracks\[1\]\.samples\[2\]\.center\[1\]'/,
    );
    const duplicate = makeClip({
      frameCount: 5,
      tracks: [
        { id: 'x', samples: [] },
        { id: 'x', samples: [] },
      ],
    });
    expect(() => selectFacts(duplicate)).toThrow(ClipDataError);
    const noUp = { ...makeClip({ frameCount: 5, tracks: [] }), up: [0, 0, 0] as [number, number, number] };
    expect(() => selectFacts(noUp)).toThrow(/field 'up'/);
  });

  it('tracks that are never present or too short are counted, not dropped', () => {
    // blip: frames 2–4 (1 s < 2 s), creeping 0.1 m per step (< 0.3 m: no direction).
    const clip = makeClip({
      frameCount: 9,
      tracks: [
        { id: 'ghost', samples: [] },
        { id: 'blip', samples: onGrid(2, 4, (t) => [0.2 * t, 0, 0]) },
      ],
    });
    const selection = selectFacts(clip);
    expect(selection.rejected.traveled_distance).toEqual({ 'never-present': 2, 'presence-too-short': 2 });
    expect(selection.rejected.movement_direction).toEqual({ 'never-present': 1, 'no-reference-direction': 1 });
    expect(selection.rejected.traveled_distance_comparison).toEqual({ 'presence-too-short': 1 });
    expect(unaccounted(selection)).toEqual(ZERO_PER_TASK);
  });

  it('a presence of exactly 2 s has a whole-presence question but no proper sub-interval', () => {
    // Frames 0–4 = [0, 2] s: the only interval of ≥ 2 s is the whole presence.
    const selection = selectFacts(
      makeClip({ frameCount: 5, tracks: [{ id: 'a', samples: onGrid(0, 4, (t) => [3 * t, 0, 0]) }] }),
    );
    expect(factsOf(selection, 'traveled_distance').map((fact) => [fact.wholeVideo, fact.label.meters])).toEqual([
      [true, 6],
    ]);
    expect(selection.rejected.traveled_distance).toEqual({ 'no-proper-sub-interval': 1 });
  });
});

describe('resolveSelectionOptions', () => {
  it('fills the SPEC defaults', async () => {
    const { resolveSelectionOptions } = await import('./selection-options');
    const resolved = resolveSelectionOptions();
    expect({ ...resolved, tasks: [...resolved.tasks] }).toEqual({
      tasks: [
        'traveled_distance',
        'traveling_speed',
        'movement_direction',
        'direction_timestamp',
        'traveled_distance_comparison',
        'traveling_speed_comparison',
        'movement_direction_comparison',
      ],
      maxFactsPerTask: {
        traveled_distance: 2,
        traveling_speed: 2,
        movement_direction: 2,
        direction_timestamp: 2,
        traveled_distance_comparison: 2,
        traveling_speed_comparison: 2,
        movement_direction_comparison: 2,
      },
      maxInterpolationGapSeconds: 1,
      timeEpsilonSeconds: 1e-6,
      minStepMeters: 0.3,
      referenceDirection: 'first-moving-step',
      comparisonRatio: 1.25,
      sameDirectionMaxDegrees: 30,
      stationaryRadiusMeters: 0.5,
      differentDirectionMinDegrees: 90,
      minNetDisplacementMeters: 2,
      minPresenceSeconds: 2,
      minIntervalSeconds: 2,
      directionExcludedDomains: ['sports'],
    });
    expect(() => resolveSelectionOptions({ maxFactsPerTask: { bogus: 1 } as never })).toThrow(
      /options\.maxFactsPerTask\.bogus/,
    );
    expect(() => resolveSelectionOptions({ minStepMeters: Number.NaN })).toThrow(
      /'options\.minStepMeters': must be a finite number/,
    );
    expect(() => resolveSelectionOptions({ referenceDirection: 'last' as never })).toThrow(/referenceDirection/);
  });
});

describe('analyzeClip workspace', () => {
  it('gives the same numbers with fresh arrays and with a reused workspace', async () => {
    const { analyzeClip, createKinematicsWorkspace } = await import('./clip-kinematics');
    const workspace = createKinematicsWorkspace();
    const small = makeClip({ frameCount: 5, tracks: [{ id: 'a', samples: onGrid(0, 4, (t) => [t, 2 * t, 0]) }] });
    analyzeClip(small, {}, workspace); // grows the workspace, then the busy clip grows it again
    const clip = busyClip();
    const fresh = analyzeClip(clip);
    const reused = analyzeClip(clip, {}, workspace);
    for (let index = 0; index < fresh.tracks.length; index++) {
      const a = fresh.tracks[index]!;
      const b = reused.tracks[index]!;
      expect([Array.from(b.positions), Array.from(b.present), Array.from(b.ground), Array.from(b.clocks)]).toEqual([
        Array.from(a.positions),
        Array.from(a.present),
        Array.from(a.ground),
        Array.from(a.clocks),
      ]);
    }
  });
});

describe('degenerate clips', () => {
  it('handles no tracks, a single frame and annotations outside the clip', () => {
    const empty = selectFacts(makeClip({ frameCount: 10, tracks: [] }));
    expect(empty.facts).toEqual([]);
    expect(Object.values(empty.candidates).every((count) => count === 0)).toBe(true);
    const single = selectFacts(
      makeClip({
        frameCount: 1,
        tracks: [
          { id: 'a', samples: [[0, 1, 2, 3]] },
          { id: 'b', samples: [] },
        ],
      }),
    );
    expect(single.facts).toEqual([]);
    expect(unaccounted(single)).toEqual(ZERO_PER_TASK);
    // Annotations at −0.4 s and +0.4 s bracket frame 0 (0.8 s apart): present by interpolation; nothing else.
    const outside = makeClip({
      frameCount: 3,
      tracks: [
        {
          id: 'a',
          samples: [
            [-0.4, 0, 0, 0],
            [0.4, 8, 0, 0],
            [5, 9, 9, 9],
          ],
        },
      ],
    });
    const track = analyzeClip(outside).tracks[0]!;
    expect(Array.from(track.present)).toEqual([1, 0, 0]);
    expect(track.positions[0]).toBeCloseTo(4, 12);
  });
});
