import { describe, expect, it } from 'vitest';
import { extractMagnitude } from './extract-magnitude';

const QUESTION =
  'The video lasts for 8.00 seconds, and 8 frames are uniformly sampled from it. These frames are located at 0.00s,1.00s,2.00s,3.00s,4.00s,5.00s,6.00s,7.00s. ' +
  'There is an object annotated with a red bounding box in the video. What is the total distance traveled by a given object from 2.00 seconds to 6.50 seconds?';

// Expected values worked by hand: 1 mi = 1609.344 m, 1 ft = 0.3048 m, 1 yd = 0.9144 m, 1 in = 0.0254 m,
// 1 km/h = 1/3.6 m/s, 1 mph = 1609.344/3600 = 0.44704 m/s, 1 ft/s = 0.3048 m/s.
const distances: [string, number | undefined][] = [
  ['12.5 m', 12.5], // terse
  ['12.5m', 12.5],
  ['The total distance traveled by the given object is 17.04 meters.', 17.04], // template answer
  ['The given object traveled 2.23 metres between 2.00 and 6.50 seconds.', 2.23], // timestamps are times, not the answer
  ['From 2.00 to 6.50 seconds, the given object moved a distance of 0.07 miles.', 0.07 * 1609.344], // 112.65408 m
  ['It moved about 1.2 km.', 1200],
  ['Approximately **40 feet**.', 40 * 0.3048], // 12.192 m, markdown + hedge
  ['~15 ft', 15 * 0.3048], // 4.572
  ['It covered roughly 30 yards.', 30 * 0.9144], // 27.432
  ['About 250 cm', 2.5],
  ['Roughly 100 inches in total.', 2.54],
  ['It went one kilometer.', 1000], // spelled out with a unit
  ['Twelve meters.', 12],
  ['The object traveled 1,250 meters.', 1250], // thousands separator
  ['The object moved between 10 and 12 meters.', 11], // range → midpoint
  ['Around 10-12 m.', 11],
  ['About 10 m to 14 m.', 12],
  ['It traveled 15 m (49.2 ft).', 15], // conversion in parentheses skipped
  ['It moves 2 m per frame, so over 8 frames the total is 16 m.', 16], // rate skipped, cue "total"
  ['The object moves at 4 m/s for 4.5 s, covering 18 m.', 18], // speed is not a distance
  ['### Answer\n\n- **Distance:** 7.5 m\n- Time: 4.5 s', 7.5], // markdown list and heading
  ['1. The object starts at the left.\n2. It moves 9 meters in total.', 9], // list markers are not numbers
  ['The distance is \\(12.3\\,\\text{m}\\).', 12.3], // LaTeX
  ['Answer: 6.4', 6.4], // bare number, read as metres
  ['<think>Frame 1 to 2 is about 3 m, so total 30 m? No, 25 m.</think>The object traveled 27 m.', 27], // reasoning block ignored
  // Verbose chat-model answers: the conclusion cue ("estimated total", "so") marks the answer among several lengths.
  [
    'To estimate the distance, I tracked the car in each frame. At 0.00s it is near the intersection; by 7.00s it is past the crosswalk. Crosswalks are typically about 3 m wide, and the car moved roughly 5 car lengths (~4.5 m each).\n\n**Estimated total distance: ~22 meters**',
    22,
  ],
  ['The object travels approximately 15 meters. This is based on an average car length of 4.5 meters.', 15], // no cue: answer first
  ['Based on a typical car length of 4.5 m, the object moved about 3 car lengths, so roughly 13.5 m.', 13.5],
  ['The object moved from 2.00 to 6.50 seconds.', undefined], // only the question's timestamps
  ['Between 2.00 and 6.50 seconds: 8', undefined], // 8 is the question's frame count
  ['The object moves at 5 m/s.', undefined], // wrong kind of unit: a speed for a distance
  ["I'm sorry, but I can't determine the distance from these frames.", undefined], // refusal
  ['It is impossible to tell without depth information.', undefined],
  ['', undefined],
];

const speeds: [string, number | undefined][] = [
  ['5 m/s', 5],
  ['The average speed of the given object is 14.00 meters per second throughout the video.', 14],
  ['About 36 km/h.', 10], // 36 / 3.6
  ['It moves at 54 kph.', 15],
  ['It moves at 72 kilometers per hour.', 20],
  ['Roughly 10 mph.', 4.4704],
  ['The object moves at twenty miles per hour.', 8.9408],
  ['The speed is 10 ft/s.', 3.048],
  ['It travels 20 m in 4 s, so its speed is 5 m/s.', 5], // distance ignored
  ['**Speed:** ≈ 3.2 m/s (11.5 km/h)', 3.2],
  ['between 4 and 6 m/s', 5],
  ['The car seems to move at a typical urban speed of 30-40 km/h.', 35 / 3.6], // range midpoint 35 km/h
  ['The average speed is 9.', 9], // bare number, read as m/s
  ['The average speed is 7.', undefined], // 7 is one of the question's frame times (7.00s), so a bare 7 is not trusted
  ['It moved 20 meters.', undefined], // a distance is not a speed
  ['The object is stationary for 3.00 seconds.', undefined],
  ['I cannot estimate speeds from images.', undefined],
];

describe('extractMagnitude', () => {
  it.each(distances)('distance from %j', (response, expected) => {
    const value = extractMagnitude({ response, kind: 'length', question: QUESTION });
    if (expected === undefined) expect(value).toBeUndefined();
    else expect(value).toBeCloseTo(expected, 9);
  });
  it.each(speeds)('speed from %j', (response, expected) => {
    const value = extractMagnitude({ response, kind: 'speed', question: QUESTION });
    if (expected === undefined) expect(value).toBeUndefined();
    else expect(value).toBeCloseTo(expected, 9);
  });
  it('does not read "mi" in "min" or the "m" of "mph" as metres', () => {
    expect(extractMagnitude({ response: 'After 2 min it had gone 300 m.', kind: 'length' })).toBe(300);
    expect(extractMagnitude({ response: 'It moved at 30 mph.', kind: 'length' })).toBeUndefined();
  });
});
