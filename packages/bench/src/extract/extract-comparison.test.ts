import { describe, expect, it } from 'vitest';
import { extractComparedObjectIndex } from './extract-comparison';

const objects = [
  { trackId: 'a', category: 'car', color: 'red' },
  { trackId: 'b', category: 'car', color: 'blue' },
];
// index 0 = red, 1 = blue. Worked by hand: the comparative's subject, flipped when the
// comparative's direction is opposite to the question's (positive = larger).
const cases: [string, 'positive' | 'negative', number | undefined][] = [
  ['Red.', 'positive', 0],
  ['The blue one.', 'positive', 1],
  ['**blue**', 'negative', 1],
  ['The red object is faster than the blue object.', 'positive', 0],
  ['The blue object is slower than the red object.', 'positive', 0], // same fact, other polarity of wording
  ['The red object is faster than the blue object.', 'negative', 1], // "which is slower?" → blue
  ['The blue object is slower than the red object.', 'negative', 1],
  [
    'The object annotated with the red bounding box has traveled a greater distance than the object annotated with the blue bounding box throughout the video.',
    'positive',
    0,
  ], // template
  [
    'In the video, the object annotated with the blue bounding box has moved a shorter distance than the one annotated with the red bounding box.',
    'negative',
    1,
  ], // template
  [
    'The object annotated with the blue bounding box covers more distance throughout the video compared to the object annotated with the red bounding box.',
    'positive',
    1,
  ],
  [
    'During the entire video, the distance traveled by the object annotated with the red bounding box is greater than that of the object annotated with the blue bounding box.',
    'negative',
    1,
  ],
  ['The object with the blue bounding box moves more slowly than the one with the red bounding box.', 'positive', 0], // "more slowly" is smaller
  ['Between the red and blue objects, the blue one moves farther.', 'positive', 1], // echo of the question dropped
  ['The one with the red bounding box or the one with the blue bounding box? The red one.', 'positive', 0],
  ['The red car does not move faster than the blue car.', 'positive', 1], // negation flips
  ['Compared to the red object, the blue object moves faster.', 'positive', 1],
  ['The object that travels a greater distance is the red one.', 'positive', 0],
  ['Both objects travel the same distance.', 'positive', undefined],
  ['I cannot determine which object is faster.', 'positive', undefined],
  ['The red and the blue objects both move.', 'positive', undefined], // no comparative, two colours
  ['The green one.', 'positive', undefined], // not one of the two
];

describe('extractComparedObjectIndex', () => {
  it.each(cases)('%j (%s) → %s', (response, polarity, expected) => {
    expect(extractComparedObjectIndex({ response, objects, polarity })).toBe(expected);
  });
  it('compares values stated per colour when there is no comparative', () => {
    const response = 'The red object travels about 30 m, while the blue one covers only 10 m.';
    expect(extractComparedObjectIndex({ response, objects, polarity: 'positive', kind: 'length' })).toBe(0);
    expect(extractComparedObjectIndex({ response, objects, polarity: 'negative', kind: 'length' })).toBe(1);
    // 36 km/h = 10 m/s for red against 5 m/s for blue: red is faster.
    expect(
      extractComparedObjectIndex({
        response: 'Red: 36 km/h. Blue: 5 m/s.',
        objects,
        polarity: 'positive',
        kind: 'speed',
      }),
    ).toBe(0);
    expect(
      extractComparedObjectIndex({ response: 'Red: 10 m. Blue: 10 m.', objects, polarity: 'positive', kind: 'length' }),
    ).toBeUndefined();
    expect(extractComparedObjectIndex({ response, objects, polarity: 'positive' })).toBeUndefined(); // kind unknown
  });
  it('matches the longer colour name first', () => {
    const shades = [
      { trackId: 'a', category: 'car', color: 'blue' },
      { trackId: 'b', category: 'car', color: 'light blue' },
    ];
    expect(
      extractComparedObjectIndex({ response: 'The light blue one is faster.', objects: shades, polarity: 'positive' }),
    ).toBe(1);
  });
});
