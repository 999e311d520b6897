import { describe, expect, it } from 'vitest';
import { makeSample } from '../__fixtures__/samples';
import { scoreSample } from '../metrics/score-sample';
import { extractAnswer, questionText } from './extract-answer';

describe('extractAnswer', () => {
  it('reads each task from a template-style answer (the reference answer scores as correct)', () => {
    const samples = [
      makeSample(
        'traveled_distance',
        { start: 2, end: 6.5, meters: 17.04 },
        { answer: 'The given object traveled 17.04 meters between 2.00 and 6.50 seconds.' },
      ),
      makeSample(
        'traveling_speed',
        { start: 1.5, end: 7, metersPerSecond: 14 / 3.6 },
        { answer: "The object's average speed between 1.50 and 7.00 seconds is 14.00 km/h." },
      ),
      makeSample(
        'movement_direction',
        { clock: 2 },
        { answer: "At the end of the video, the object is heading toward the 2 o'clock direction." },
      ),
      makeSample(
        'direction_timestamp',
        { clock: 3, start: 1.5, end: 4 },
        { answer: "From 1.50 to 4.00 seconds, the object is heading toward the 3 o'clock direction." },
      ),
      makeSample(
        'traveled_distance_comparison',
        { polarity: 'negative', answerTrackId: 'track-b', values: { 'track-a': 30, 'track-b': 10 } },
        {
          answer:
            'The object annotated with the blue bounding box covers less distance throughout the video compared to the object annotated with the red bounding box.',
        },
      ),
      makeSample(
        'traveling_speed_comparison',
        { polarity: 'positive', answerTrackId: 'track-a', values: { 'track-a': 8, 'track-b': 2 } },
        {
          answer:
            'In the video, the object annotated with the red bounding box moves faster than the one annotated with the blue bounding box.',
        },
      ),
      makeSample(
        'movement_direction_comparison',
        { polarity: 'negative', same: true },
        {
          answer:
            'No, the object annotated with the red bounding box is moving in the same direction as the object annotated with the blue bounding box throughout the video.',
        },
      ),
    ];
    for (const sample of samples) {
      const prediction = extractAnswer({ sample, response: sample.conversations[1].value });
      expect(prediction, sample.task).toBeDefined();
      expect(scoreSample(sample, prediction).correct, sample.task).toBe(true);
    }
  });

  it('returns typed predictions with SI values', () => {
    const speed = makeSample('traveling_speed', { start: 0, end: 7, metersPerSecond: 10 });
    expect(extractAnswer({ sample: speed, response: 'About 36 km/h.' })).toEqual({
      kind: 'speed',
      metersPerSecond: 10,
    });
    const comparison = makeSample(
      'traveling_speed_comparison',
      { polarity: 'negative', answerTrackId: 'track-b', values: { 'track-a': 8, 'track-b': 2 } },
      { colors: ['green', 'yellow'] },
    );
    expect(extractAnswer({ sample: comparison, response: 'The green one is faster than the yellow one.' })).toEqual({
      kind: 'object',
      color: 'yellow',
      trackId: 'track-b',
    });
    const same = makeSample('movement_direction_comparison', { polarity: 'positive', same: false });
    expect(extractAnswer({ sample: same, response: 'No.' })).toEqual({ kind: 'same-direction', same: false });
  });

  it('returns undefined for refusals in every task', () => {
    const refusal = "I'm sorry, but I can't determine that from the provided frames.";
    const samples = [
      makeSample('traveled_distance', { start: 2, end: 6.5, meters: 5 }),
      makeSample('traveling_speed', { start: 1.5, end: 7, metersPerSecond: 5 }),
      makeSample('movement_direction', { clock: 2 }),
      makeSample('direction_timestamp', { clock: 3, start: 1.5, end: 4 }),
      makeSample('traveled_distance_comparison', {
        polarity: 'positive',
        answerTrackId: 'track-a',
        values: { 'track-a': 30, 'track-b': 10 },
      }),
      makeSample('movement_direction_comparison', { polarity: 'positive', same: true }),
    ];
    for (const sample of samples) expect(extractAnswer({ sample, response: refusal }), sample.task).toBeUndefined();
  });

  it('strips the <video> placeholder from the question', () => {
    const sample = makeSample('movement_direction', { clock: 2 });
    expect(questionText(sample).startsWith('The video lasts for 8.00 seconds')).toBe(true);
  });
});
