/**
 * Responses written in the styles chat VLMs answer the paper's questions in
 * (GPT-4o: chatty, markdown, reasoning then a conclusion; Qwen2.5-VL: terse;
 * LLaVA: template-like, sometimes hedged or refusing), each with the
 * extraction worked out by hand. Conversions: 1 ft = 0.3048 m, 1 mph =
 * 0.44704 m/s, 1 km/h = 1/3.6 m/s, 1 mi = 1609.344 m.
 */
import { describe, expect, it } from 'vitest';
import type { Sample } from '@stkit/core';
import { makeSample } from '../__fixtures__/samples';
import { extractAnswer } from './extract-answer';
import type { Prediction } from './types';

const samples: Record<string, Sample> = {
  distance: makeSample('traveled_distance', { start: 2, end: 6.5, meters: 20 }),
  speed: makeSample('traveling_speed', { start: 1.5, end: 7, metersPerSecond: 10 }),
  clock: makeSample('movement_direction', { clock: 3 }),
  timestamp: makeSample('direction_timestamp', { clock: 3, start: 3, end: 5.5 }),
  // Positive: "which travels a greater distance / is faster?"; red = track-a, blue = track-b.
  fartherQ: makeSample('traveled_distance_comparison', {
    polarity: 'positive',
    answerTrackId: 'track-a',
    values: { 'track-a': 30, 'track-b': 10 },
  }),
  fasterQ: makeSample('traveling_speed_comparison', {
    polarity: 'positive',
    answerTrackId: 'track-a',
    values: { 'track-a': 8, 'track-b': 2 },
  }),
  slowerQ: makeSample('traveling_speed_comparison', {
    polarity: 'negative',
    answerTrackId: 'track-b',
    values: { 'track-a': 8, 'track-b': 2 },
  }),
  sameQ: makeSample('movement_direction_comparison', { polarity: 'positive', same: true }),
  differentQ: makeSample('movement_direction_comparison', { polarity: 'negative', same: true }),
};

const red: Prediction = { kind: 'object', color: 'red', trackId: 'track-a' };
const blue: Prediction = { kind: 'object', color: 'blue', trackId: 'track-b' };
const meters = (value: number): Prediction => ({ kind: 'distance', meters: value });
const mps = (value: number): Prediction => ({ kind: 'speed', metersPerSecond: value });
const clock = (value: number): Prediction => ({ kind: 'clock', clock: value });
const interval = (start: number, end: number): Prediction => ({ kind: 'interval', start, end });
const same = (value: boolean): Prediction => ({ kind: 'same-direction', same: value });

const cases: [keyof typeof samples, string, Prediction | undefined][] = [
  // Distance.
  [
    'distance',
    'Based on the frames, the red-boxed car moves about 15–20 meters between 2.00 and 6.50 seconds.',
    meters(17.5),
  ], // range midpoint; the timestamps are the question's
  ['distance', 'It travels about 65 feet (roughly 20 meters).', meters(65 * 0.3048)], // 19.812; the parenthesised equivalent is skipped
  [
    'distance',
    'It traveled 5 meters in the first 2 seconds and 10 meters in the next 2.5 seconds, for a total of 15 meters.',
    meters(15),
  ], // cue "total"
  [
    'distance',
    'The car moved from about 10 m away to 30 m away from the camera, so it traveled about 20 m.',
    meters(20),
  ], // cue "so"
  ['distance', 'The object remains stationary, so the distance traveled is 0 meters.', meters(0)],
  ['distance', 'The object traveled a distance of approximately 45 m/s.', undefined], // wrong kind of unit
  ['distance', 'The car traveled about 20 meters as it approached the intersection.', meters(20)], // "meters as" is not "meters a s(econd)"
  ['distance', 'It moved roughly 60 feet as it turned.', meters(60 * 0.3048)], // 18.288
  // Reference sizes the model reasons from (lane widths, car lengths, typical speeds) are not its answer.
  [
    'distance',
    "I can't measure exact distances, but based on typical lane widths (~3.5 m) and the car's movement across ~3 lanes, it traveled approximately **10 meters**.",
    meters(10),
  ],
  [
    'distance',
    'Based on the average car length of about 4.5 meters, the car appears to have moved roughly 4 car lengths, or about 18 meters.',
    meters(18),
  ],
  [
    'distance',
    'Given that a standard lane is about 3.7 m wide, and the object crossed two lanes, it moved about 7.4 m.',
    meters(7.4),
  ],
  ['distance', 'Assuming the car is about 4.5 m long, it moved approximately 20 m.', meters(20)],
  [
    'distance',
    'The car moved forward by roughly 15 meters, considering that the white dashes are 3 meters long.',
    meters(15),
  ],
  ['distance', 'Assuming a car length of 4.5 m, the car moved about 4.5 m.', meters(4.5)], // only references: the first is kept
  // Speed.
  ['speed', 'Approximately 35 km/h (about 9.7 m/s).', mps(35 / 3.6)],
  ['speed', 'Speed ≈ distance / time = 45 m / 5.5 s ≈ 8.2 m/s', mps(8.2)],
  ['speed', 'The object travels 50 meters in 5.5 seconds, so roughly 9 meters per second.', mps(9)],
  ['speed', 'It moves at roughly 36 km per hour.', mps(10)], // 36 / 3.6
  ['speed', "It's going about 36 km an hour.", mps(10)],
  ['speed', 'The average speed is around 10 m per second.', mps(10)],
  ['speed', 'Around 25 miles/hour', mps(25 * 0.44704)], // 11.176
  ['speed', 'The car moves 20 meters as it turns, i.e. about 5 m/s.', mps(5)], // "20 meters as" is a distance, not 20 m/s
  ['speed', 'Given a typical walking speed of 1.4 m/s, the pedestrian is moving at around 1.2 m/s.', mps(1.2)],
  ['speed', 'Typical city speeds are 30-50 km/h; this car seems to go about 25 km/h.', mps(25 / 3.6)],
  // Movement direction.
  ['clock', 'It is turning right, ending up at about the **3 o’clock** direction.', clock(3)],
  [
    'clock',
    "Initially, the car moves toward 12 o'clock. By the end of the video, it is heading toward 3 o'clock.",
    clock(3),
  ],
  ['clock', "It starts toward 12 o'clock and ends toward 3 o'clock.", clock(3)], // "ends" marks the end of the video
  ['clock', "It moves toward 12 o'clock at first and ends up at 3 o'clock.", clock(3)],
  ['clock', "The object is not moving toward 12 o'clock; it moves toward 3 o'clock.", clock(3)], // a negated clock value is not the answer
  ['clock', "It heads toward the 3-o'clock direction.", clock(3)],
  ['clock', "The direction is approximately 90 degrees clockwise, i.e. 3 o'clock.", clock(3)],
  // Direction timestamp.
  ['timestamp', 'Around the 3-second mark until about 5.5 seconds.', interval(3, 5.5)],
  ['timestamp', "The 3 o'clock movement occurs from t = 3.0 s to t = 5.5 s.", interval(3, 5.5)],
  ['timestamp', 'From 3.00 seconds to the end of the video.', interval(3, 7)], // the last frame is at 7.00 s
  ['timestamp', "It never moves at 3 o'clock.", undefined],
  // Distance / speed comparisons, both polarities, negations.
  ['fartherQ', 'The object in the blue box travels a shorter distance, so the red one travels farther.', red],
  ['fartherQ', 'The red car is not farther than the blue car.', blue],
  ['fartherQ', 'Neither; they travel about the same distance.', undefined],
  ['fartherQ', 'The blue box object travels the least.', red],
  ['fartherQ', 'It is difficult to determine precisely, but the red one seems to travel farther.', red], // hedged, still an answer
  ['fartherQ', "It's hard to tell whether the red one travels farther than the blue one.", undefined], // a refusal
  [
    'fartherQ',
    'It is difficult to determine whether the red object travels a greater distance than the blue object from these frames.',
    undefined,
  ],
  ['fasterQ', 'The red one is not faster.', blue],
  ['fasterQ', "The red one isn't faster than the blue one; the blue one is faster.", blue],
  ['fasterQ', 'The red one is not moving, while the blue one is moving faster.', blue],
  ['fasterQ', 'Neither object is faster; they move at the same speed.', undefined],
  ['fasterQ', 'The blue truck is not as fast as the red car.', red],
  ['fasterQ', "The red car isn't as fast as the blue truck.", blue],
  // Size / position comparatives are not the answer's; the task's own comparative decides.
  ['fasterQ', 'The red car is larger, but the blue car moves faster.', blue],
  ['fasterQ', 'The red truck is bigger and closer to the camera; however, the blue car is faster.', blue],
  ['fasterQ', 'The red car is in the lower part of the frame and moves faster than the blue car.', red],
  ['fasterQ', 'The blue car, which is farther from the camera, moves more slowly than the red car.', red],
  ['fasterQ', "The red car's speed is higher than the blue car's.", red], // a generic comparative about the speed
  [
    'fartherQ',
    'While the red car is farther away from the camera, the blue car actually travels a greater distance.',
    blue,
  ],
  ['fartherQ', 'The red object is more visible, but the blue object covers more ground.', blue],
  ['fartherQ', 'The blue car covers a lot less ground than the red car.', red],
  ['fasterQ', "The red car doesn't move as fast as the blue truck.", blue],
  ['fartherQ', 'The blue object does not travel nearly as far as the red object.', red],
  // A terse answer first, then an explanation naming the other object too.
  ['fasterQ', 'The red one. The blue one is parked.', red],
  [
    'fartherQ',
    'The object with the red bounding box. It moves across much of the frame while the blue one barely moves.',
    red,
  ],
  ['fasterQ', 'Red (the blue car is stationary).', red],
  ['fasterQ', 'The red one, not the blue one.', red],
  ['fasterQ', "It's not the red one; it's the blue one.", blue],
  ['slowerQ', 'The red car is moving quickly. The blue car is moving slowly.', undefined], // descriptive, no comparative: not read
  ['slowerQ', 'The red car moves faster.', blue],
  ['slowerQ', 'Blue is the slower one.', blue],
  ['slowerQ', 'The blue truck is not as fast as the red car.', blue],
  // Direction comparison.
  ['sameQ', 'No, the red car is turning left while the blue car continues straight.', same(false)],
  ['sameQ', 'Yes, both are moving in the same direction, not in opposite directions.', same(true)],
  ['sameQ', "No, they don't move in the same direction.", same(false)],
  ['sameQ', 'It is not clear whether they move in the same direction.', undefined], // refusals are not "same"
  [
    'sameQ',
    'It is difficult to determine whether the two objects are moving in the same direction based on the frames.',
    undefined,
  ],
  ['sameQ', "I can't tell whether the red and blue objects are moving in the same direction.", undefined],
  ['sameQ', "I'm sorry, I cannot determine whether they move in the same direction.", undefined],
  [
    'sameQ',
    'It is hard to say whether they move in the same direction. However, both appear to head north, so yes, the same direction.',
    same(true),
  ], // the refusal sentence is dropped, the rest answers
  ['differentQ', 'No, they are moving in the same direction.', same(true)],
  ['differentQ', 'Yes, the red car moves left while the blue car goes straight.', same(false)],
];

describe('extractAnswer on realistic model responses', () => {
  it.each(cases)('%s: %j', (key, response, expected) => {
    const prediction = extractAnswer({ sample: samples[key]!, response });
    if (expected === undefined) expect(prediction).toBeUndefined();
    else if (expected.kind === 'distance')
      expect(prediction).toEqual({ kind: 'distance', meters: expect.closeTo(expected.meters, 9) });
    else if (expected.kind === 'speed')
      expect(prediction).toEqual({ kind: 'speed', metersPerSecond: expect.closeTo(expected.metersPerSecond, 9) });
    else expect(prediction).toEqual(expected);
  });
});
