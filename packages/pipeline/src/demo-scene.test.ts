/**
 * The demo scene's parked car (annotation jitter only) is stationary under
 * [definitions §2](docs/pages/definitions.md#distance-speed): issue 13 measured a 2.44 m traveled-distance question about it.
 * Reference: its raw annotations never leave a 0.5 m disc around the first.
 */
import { describe, expect, it } from 'vitest';
import { selectFacts } from '@stkit/kinematics';
import { createDemoClips } from './demo-scene';

describe('demo scene', () => {
  it('asks nothing about the parked car and gives it 0 in comparisons', () => {
    const clip = createDemoClips({ count: 1, seed: 0 })[0]!;
    const parked = clip.tracks.filter((track) => {
      const [x0, y0] = track.samples[0]!.center;
      return track.samples.every((sample) => Math.hypot(sample.center[0] - x0, sample.center[1] - y0) <= 0.5);
    });
    expect(parked.map((track) => track.category)).toEqual(['car']);
    const id = parked[0]!.id;
    const { facts, rejected } = selectFacts(clip, { maxFactsPerTask: 1000 });
    for (const fact of facts) {
      if (fact.task === 'traveled_distance_comparison' || fact.task === 'traveling_speed_comparison') {
        if (fact.trackIds.includes(id)) expect(fact.label.values[id]).toBe(0);
      } else if (fact.task !== 'movement_direction_comparison') {
        expect(fact.trackIds).not.toContain(id);
      }
    }
    expect(rejected.traveled_distance.stationary).toBe(2);
    expect(facts.some((fact) => fact.task === 'traveled_distance_comparison' && fact.trackIds.includes(id))).toBe(true);
  });
});
