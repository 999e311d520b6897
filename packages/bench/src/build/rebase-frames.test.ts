import { describe, expect, it } from 'vitest';
import type { Sample } from '@stkit/core';
import { makeSample } from '../__fixtures__/samples';
import { rebaseFrames } from './rebase-frames';

describe('rebaseFrames', () => {
  it('rebases relative frames and the video from the samples root to the benchmark folder', () => {
    const sample = {
      ...makeSample(
        'movement_direction',
        { clock: 3 },
        { frames: ['frames/c/0.jpg', '/abs/1.jpg', 'https://x/2.jpg'] },
      ),
      video: 'videos/c.mp4',
    } as Sample;
    const rebased = rebaseFrames(sample, '/data/out', '/data/bench');
    expect(rebased.frames).toEqual(['../out/frames/c/0.jpg', '/abs/1.jpg', 'https://x/2.jpg']);
    expect(rebased.video).toBe('../out/videos/c.mp4');
  });
  it('rebases a video-only sample and leaves a sample without media as it is', () => {
    const videoOnly = { ...makeSample('movement_direction', { clock: 3 }), video: 'v.mp4' } as Sample;
    expect(rebaseFrames(videoOnly, '/a', '/a/b').video).toBe('../v.mp4');
    const bare = makeSample('movement_direction', { clock: 3 });
    expect(rebaseFrames(bare, '/a', '/b')).toBe(bare);
  });
});
