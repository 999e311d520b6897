import { describe, expect, it } from 'vitest';
import { clipDurationSeconds, formatFrameTimes, renderCommonPrompt } from './common-prompt';
import { PAPER_TEMPLATES } from './paper-templates';

describe('common prompt', () => {
  it('lists frame times with two decimals, an s, no spaces', () => {
    expect(formatFrameTimes([0, 0.5, 1, 19.5])).toBe('0.00s,0.50s,1.00s,19.50s');
    expect(formatFrameTimes([1.258])).toBe('1.26s');
  });

  it('computes the clip length as last − first + one frame period', () => {
    // 40 frames on the 0.5 s grid: 19.5 + 0.5 = 20 s ([definitions §2](docs/pages/definitions.md#grid)).
    expect(clipDurationSeconds(Array.from({ length: 40 }, (_, k) => 0.5 * k))).toBeCloseTo(20, 12);
    expect(clipDurationSeconds([0])).toBe(0.5);
    expect(clipDurationSeconds([0, 1, 2])).toBe(3);
  });

  it('reads exactly as written by hand for a single object', () => {
    const text = renderCommonPrompt({
      template: PAPER_TEMPLATES.traveled_distance.common_prompt,
      frameTimes: [0, 0.5, 1, 1.5, 2],
      colors: ['red'],
    });
    expect(text).toBe(
      'The video lasts for 2.50 seconds, and 5 frames are uniformly sampled from it. ' +
        'These frames are located at 0.00s,0.50s,1.00s,1.50s,2.00s. Please answer the following questions related to this video.\n\n' +
        'There is an object annotated with a red bounding box in the video. ',
    );
  });

  it('reads exactly as written by hand for two objects and an explicit duration', () => {
    const text = renderCommonPrompt({
      template: PAPER_TEMPLATES.traveling_speed_comparison.common_prompt,
      frameTimes: [0, 10],
      durationSeconds: 12,
      colors: ['blue', 'yellow'],
    });
    expect(text).toBe(
      'The video lasts for 12.00 seconds, and 2 frames are uniformly sampled from it. ' +
        'These frames are located at 0.00s,10.00s. Please answer the following questions related to this video.\n\n' +
        'There are two objects annotated with blue and yellow bounding boxes in the video. ',
    );
  });
});
