import { describe, expect, it } from 'vitest';
import { extractClock } from './extract-clock';

const cases: [string, number | undefined][] = [
  ['3', undefined], // a bare number is not a direction
  ["3 o'clock", 3],
  ['3 o’clock', 3], // typographic apostrophe
  ["three o'clock", 3],
  ['Twelve o clock.', 12],
  ['The 11 oclock direction', 11],
  ['It heads toward the 3:00 direction.', 3],
  ["**9 o'clock**", 9],
  ["The given object is heading toward the 10 o'clock direction at the end of the video.", 10], // template answer
  ["Initially it moves toward 12 o'clock, then it turns to the 2 o'clock direction.", 2], // cue "then"
  ["At the end of the video, the object moves toward 4 o'clock, after starting at 12 o'clock.", 4], // cue "end": first after it
  ["The object moves toward 5 o'clock (it started at 12 o'clock).", 5], // no cue: first named
  ["Approximately 1 o'clock.", 1],
  ["0 o'clock", 12],
  ['It moves to the right.', undefined], // relative words are not clock values
  ['I cannot tell the direction from the frames provided.', undefined],
  ['At 3.00 seconds it is moving.', undefined], // a time is not a clock value
];

describe('extractClock', () => {
  it.each(cases)('%j → %s', (response, expected) => {
    expect(extractClock(response)).toBe(expected);
  });
});
