import { describe, expect, it } from 'vitest';
import { extractSameDirection } from './extract-same-direction';

// positive question: "same direction?"; negative: "different direction?".
const cases: [string, 'positive' | 'negative', boolean | undefined][] = [
  ['Yes.', 'positive', true],
  ['No.', 'positive', false],
  ['Yes.', 'negative', false], // yes, they differ
  ['No.', 'negative', true],
  ['**Yes**, both head north.', 'positive', true],
  [
    'Yes, the object annotated with the red bounding box is moving in the same direction as the object annotated with the blue bounding box throughout the video.',
    'positive',
    true,
  ],
  [
    'No, the object annotated with the red bounding box is moving in the same direction as the object annotated with the blue bounding box throughout the video.',
    'negative',
    true,
  ], // template true_negative
  [
    'Actually, the object annotated with the red bounding box is heading in a different direction from the object annotated with the blue bounding box during the entire video.',
    'positive',
    false,
  ],
  [
    'Correct, the object annotated with the red bounding box and the object annotated with the blue bounding box are moving in a different direction in the video.',
    'negative',
    false,
  ],
  ['They move in opposite directions.', 'positive', false],
  ['They are not moving in the same direction.', 'positive', false],
  ["They aren't heading the same way.", 'negative', false],
  ['Both move in parallel.', 'negative', true],
  ['The two are not moving in different directions.', 'positive', true],
  ['Yes, they move in different directions.', 'positive', false], // the statement decides
  ['It is hard to say.', 'positive', undefined],
  ['I cannot determine this from the video.', 'negative', undefined],
];

describe('extractSameDirection', () => {
  it.each(cases)('%j (%s) → %s', (response, polarity, expected) => {
    expect(extractSameDirection({ response, polarity })).toBe(expected);
  });
});
