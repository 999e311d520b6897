/**
 * Every answer template of the paper (spec/templates.json), filled in by hand
 * with known values, must extract to the label it states — the reference
 * answers of STKit samples always score as correct.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataRoot, skipMessage } from '@stkit/test-data';
import { makeSample } from '../__fixtures__/samples';
import { scoreSample } from '../metrics/score-sample';
import { extractAnswer } from './extract-answer';

type Templates = Record<string, Record<string, string[]>>;

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\[([A-Z0-9]+)\]/g, (whole, key: string) => values[key] ?? whole);
}

describe.skipIf(!hasSharedData)(`paper answer templates${hasSharedData ? '' : ` (${skipMessage})`}`, () => {
  const templates = hasSharedData
    ? (JSON.parse(readFileSync(join(sharedDataRoot!, '..', 'spec', 'templates.json'), 'utf8')) as Templates)
    : {};
  const values = { START: '2.00', END: '6.50', COLOR: 'red', COLOR1: 'red', COLOR2: 'blue', CLOCK: '3' };

  it('traveled distance in every unit of SPEC §2', () => {
    // 17.04 m; 0.07 miles = 112.65 m; 55.91 feet = 17.041 m; 1.70 km.
    const cases: [string, number][] = [
      ['17.04 m', 17.04],
      ['17.04 meters', 17.04],
      ['1.70 km', 1700],
      ['1.70 kilometers', 1700],
      ['0.07 miles', 0.07 * 1609.344],
      ['55.91 feet', 55.91 * 0.3048],
    ];
    for (const answer of templates.traveled_distance!.answers!) {
      for (const [distance, meters] of cases) {
        const sample = makeSample('traveled_distance', { start: 2, end: 6.5, meters });
        const prediction = extractAnswer({ sample, response: fill(answer, { ...values, DISTANCE: distance }) });
        expect(prediction, `${answer} / ${distance}`).toEqual({ kind: 'distance', meters: expect.closeTo(meters, 9) });
      }
    }
  });

  it('traveling speed in every unit of SPEC §2', () => {
    const cases: [string, number][] = [
      ['14.00 m/s', 14],
      ['14.00 meters per second', 14],
      ['50.40 km/h', 14],
      ['50.40 kilometers per hour', 14],
      ['31.32 mph', 31.32 * 0.44704],
      ['31.32 miles per hour', 31.32 * 0.44704],
    ];
    for (const answer of templates.traveling_speed!.answers!) {
      for (const [speed, metersPerSecond] of cases) {
        const sample = makeSample('traveling_speed', { start: 2, end: 6.5, metersPerSecond });
        const prediction = extractAnswer({ sample, response: fill(answer, { ...values, SPEED: speed }) });
        expect(prediction, `${answer} / ${speed}`).toEqual({
          kind: 'speed',
          metersPerSecond: expect.closeTo(metersPerSecond, 9),
        });
      }
    }
  });

  it('movement direction and direction timestamp', () => {
    for (const answer of templates.movement_direction!.answers!) {
      for (const clock of [1, 10, 12]) {
        const sample = makeSample('movement_direction', { clock });
        expect(extractAnswer({ sample, response: fill(answer, { ...values, CLOCK: String(clock) }) }), answer).toEqual({
          kind: 'clock',
          clock,
        });
      }
    }
    for (const answer of templates.direction_timestamp!.answers!) {
      const sample = makeSample('direction_timestamp', { clock: 3, start: 2, end: 6.5 });
      expect(extractAnswer({ sample, response: fill(answer, values) }), answer).toEqual({
        kind: 'interval',
        start: 2,
        end: 6.5,
      });
    }
  });

  it('distance and speed comparisons, both polarities', () => {
    for (const task of ['traveled_distance_comparison', 'traveling_speed_comparison'] as const) {
      for (const polarity of ['positive', 'negative'] as const) {
        // [COLOR1] of the answer is the object that satisfies the question ([definitions §2](docs/pages/definitions.md#grounding)); here blue (track-b).
        const sample = makeSample(task, {
          polarity,
          answerTrackId: 'track-b',
          values: { 'track-a': polarity === 'positive' ? 5 : 20, 'track-b': polarity === 'positive' ? 20 : 5 },
        });
        for (const answer of templates[task]![`${polarity}_answers`]!) {
          const response = fill(answer, { COLOR1: 'blue', COLOR2: 'red' });
          expect(
            scoreSample(sample, extractAnswer({ sample, response })).correct,
            `${task} ${polarity}: ${response}`,
          ).toBe(true);
        }
      }
    }
  });

  it('direction comparison: the four answer groups of SPEC §2', () => {
    const groups = [
      ['true_positive_answers', 'positive', true],
      ['true_negative_answers', 'negative', true],
      ['false_positive_answers', 'positive', false],
      ['false_negative_answers', 'negative', false],
    ] as const;
    for (const [group, polarity, same] of groups) {
      const sample = makeSample('movement_direction_comparison', { polarity, same });
      for (const answer of templates.movement_direction_comparison![group]!) {
        const response = fill(answer, values);
        expect(extractAnswer({ sample, response }), `${group}: ${response}`).toEqual({ kind: 'same-direction', same });
      }
    }
  });
});
