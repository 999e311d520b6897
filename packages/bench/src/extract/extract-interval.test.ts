import { describe, expect, it } from 'vitest';
import { extractInterval } from './extract-interval';

const cases: [string, [number, number] | undefined][] = [
  ['between 3.00 and 5.50 seconds', [3, 5.5]],
  ['from 3 to 5.5 s', [3, 5.5]],
  ['3.00s–5.50s', [3, 5.5]], // en dash
  ['3.00s - 5.50s', [3, 5.5]],
  ['[2.5, 4.0]', [2.5, 4]], // bracketed bare pair
  ['2.5, 4.0', [2.5, 4]], // bare pair
  ['3.0 to 5.5', [3, 5.5]],
  ["The given object is heading toward the 3 o'clock direction from 1.50 to 4.00 seconds.", [1.5, 4]], // template; 3 o'clock is no time
  ["Between 2.00 and 3.50 seconds, the object moves toward the 3 o'clock direction.", [2, 3.5]],
  ["**From 6.0 s to 7.5 s** it moves in the 3 o'clock direction.", [6, 7.5]],
  ['It starts at 2 s and ends at 4.5 s.', [2, 4.5]], // two times, not adjacent
  ['Start: 1.0, end: 3.0', [1, 3]],
  ['From the 2.0 second mark to the 4.0 second mark.', [2, 4]],
  ['It moves that way from 5.00 seconds until the end of the video.', [5, 7]], // videoEnd = 7
  ['At 3.5 seconds.', [3.5, 3.5]], // an instant
  ['From 5.5 to 3.0 seconds', [3, 5.5]], // reversed bounds are swapped
  // A list of frame times spans its first to its last time (not just the first two).
  ["The object is moving toward 3 o'clock at 3.00s, 4.00s and 5.00s.", [3, 5]],
  ['In the frames at 3.00s, 4.00s, 5.00s.', [3, 5]],
  ["At frames 3.00s, 4.00s, 5.00s, and 6.00s the object moves at 3 o'clock.", [3, 6]],
  // "From the start until t" begins at clip time 0.
  ['From the start of the video until 3 seconds.', [0, 3]],
  ['From the beginning until about 3.00s.', [0, 3]],
  ["The object never moves toward 3 o'clock.", undefined],
  ['Sorry, I cannot determine when that happens.', undefined],
];

describe('extractInterval', () => {
  it.each(cases)('%j → %j', (response, expected) => {
    const interval = extractInterval({ response, videoEnd: 7 });
    if (expected === undefined) expect(interval).toBeUndefined();
    else {
      expect(interval?.start).toBeCloseTo(expected[0], 9);
      expect(interval?.end).toBeCloseTo(expected[1], 9);
    }
  });
});
