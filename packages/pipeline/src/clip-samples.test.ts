import { SampleSchema, StkitError, type Sample } from '@stkit/core';
import { describe, expect, it } from 'vitest';
import { checkSamples, checkTrackTimes, generateClipSamples } from './clip-samples';
import { createDemoClips } from './demo-scene';

describe('checkSamples', () => {
  const clip = createDemoClips({ count: 1, seed: 3 })[0]!;
  const { samples } = generateClipSamples(clip, { seed: 1 });

  it('accepts the generated samples, which zod accepts too', () => {
    expect(samples.length).toBeGreaterThan(5);
    for (const sample of samples) expect(SampleSchema.safeParse(sample).success).toBe(true);
    expect(() => checkSamples(clip, samples)).not.toThrow();
  });

  it('rejects a sample with a value out of range, naming the clip, the sample and the field', () => {
    const distance = samples.find((sample) => sample.task === 'traveled_distance');
    expect(distance).toBeDefined();
    const broken = { ...distance!, label: { ...distance!.label, meters: Number.NaN } } as Sample;
    let thrown: unknown;
    try {
      checkSamples(clip, [...samples, broken]);
    } catch (error) {
      thrown = error;
    }
    expect(StkitError.isInstance(thrown)).toBe(true);
    expect((thrown as Error).message).toContain(`clip '${clip.id}': sample ${broken.id} is not a valid Sample`);
    expect((thrown as Error).message).toContain('label.meters');
  });
});

describe('checkTrackTimes', () => {
  const clip = createDemoClips({ count: 1, seed: 3 })[0]!;
  const withTimes = (times: number[]) => {
    const track = clip.tracks[0]!;
    const samples = times.map((t) => ({ ...track.samples[0]!, t }));
    return { ...clip, tracks: [{ ...track, samples }, ...clip.tracks.slice(1)] };
  };

  it('accepts times in any order as long as none repeats', () => {
    expect(() => checkTrackTimes(clip)).not.toThrow();
    expect(() => checkTrackTimes(withTimes([0, 0.5, 1]))).not.toThrow();
    expect(() => checkTrackTimes(withTimes([1, 0, 0.5, 2]))).not.toThrow();
  });

  it('names the track and the second of two samples at one time, in order or not', () => {
    expect(() => checkTrackTimes(withTimes([0, 0.5, 0.5, 1]))).toThrow(/samples 1 and 2/);
    expect(() => checkTrackTimes(withTimes([1, 0, 0.5, 1]))).toThrow(/samples 0 and 3/);
    // 0 and -0 are one time.
    expect(() => checkTrackTimes(withTimes([-0, 0]))).toThrow(/samples 0 and 1/);
    expect(() => checkTrackTimes(withTimes([2, 1, 2]))).toThrow(`track '${clip.tracks[0]!.id}'`);
  });
});
