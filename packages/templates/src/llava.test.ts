import { createRandom } from '@stkit/core';
import { describe, expect, it } from 'vitest';
import { FACTS, makeClip } from './__fixtures__/scene';
import { buildSample } from './build-sample';
import { toLlavaImagesRecord, toLlavaRecord, toShareGptRecord } from './llava';

describe('toLlavaRecord', () => {
  const sample = buildSample({ clip: makeClip(10), fact: FACTS[2]!, random: createRandom(1) });

  it('writes {id, video, conversations} in the LLaVA-Video shape', () => {
    const record = toLlavaRecord(sample, { videoPath: 'demo/demo-0001.mp4' });
    expect(Object.keys(record)).toEqual(['id', 'video', 'conversations']);
    expect(record.video).toBe('demo/demo-0001.mp4');
    expect(record.conversations).toEqual(sample.conversations);
    expect(record.conversations[0]!.value.startsWith('<video>\nThe video lasts for 5.00 seconds, and 10 frames')).toBe(
      true,
    );
    expect(toLlavaRecord({ ...sample, video: 'v.mp4' }).video).toBe('v.mp4');
  });

  it('needs a video', () => {
    expect(() => toLlavaRecord(sample)).toThrow(/has no video; pass videoPath/);
  });
});

describe('toLlavaImagesRecord / toShareGptRecord', () => {
  const sample = buildSample({ clip: makeClip(10), fact: FACTS[2]!, random: createRandom(1) });
  const question = sample.conversations[0].value.slice('<video>\n'.length);

  it('LLaVA multi-image: one <image> per frame in place of <video>', () => {
    const record = toLlavaImagesRecord(sample, ['f/0.jpg', 'f/1.jpg', 'f/2.jpg']);
    expect(Object.keys(record)).toEqual(['id', 'image', 'conversations']);
    expect(record.image).toEqual(['f/0.jpg', 'f/1.jpg', 'f/2.jpg']);
    expect(record.conversations[0]!.value).toBe(`<image>\n<image>\n<image>\n${question}`);
    expect(record.conversations[1]).toEqual(sample.conversations[1]);
    expect(() => toLlavaImagesRecord(sample, [])).toThrow(/has no frames/);
  });

  it('ShareGPT: messages with <image> per image, or one <video>', () => {
    const images = toShareGptRecord(sample, { images: ['a.png', 'b.png'] });
    expect(images).toEqual({
      id: sample.id,
      messages: [
        { role: 'user', content: `<image><image>${question}` },
        { role: 'assistant', content: sample.conversations[1].value },
      ],
      images: ['a.png', 'b.png'],
    });
    const video = toShareGptRecord(sample, { video: 'v/clip.mp4' });
    expect(video.videos).toEqual(['v/clip.mp4']);
    expect(video.images).toBeUndefined();
    expect(video.messages[0]!.content).toBe(`<video>${question}`);
  });
});
