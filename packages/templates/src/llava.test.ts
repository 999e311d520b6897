import { createRandom } from '@stkit/core';
import { describe, expect, it } from 'vitest';
import { FACTS, makeClip } from './__fixtures__/scene';
import { buildSample } from './build-sample';
import { toLlavaRecord } from './llava';

describe('toLlavaRecord', () => {
  const sample = buildSample({ clip: makeClip(10), fact: FACTS[2]!, random: createRandom(1) });

  it('writes {id, video, conversations} in the LLaVA-Video shape', () => {
    const record = toLlavaRecord(sample, { videoPath: 'demo/demo-0001.mp4' });
    expect(Object.keys(record)).toEqual(['id', 'video', 'conversations']);
    expect(record.video).toBe('demo/demo-0001.mp4');
    expect(record.conversations).toEqual(sample.conversations);
    expect(record.conversations[0]!.value.startsWith('<video>\nThe video lasts for 5.00 seconds, and 10 frames')).toBe(true);
    expect(toLlavaRecord({ ...sample, video: 'v.mp4' }).video).toBe('v.mp4');
  });

  it('needs a video', () => {
    expect(() => toLlavaRecord(sample)).toThrow(/has no video; pass videoPath/);
  });
});
