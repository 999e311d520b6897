import { SampleSchema, StkitError, type Sample } from '@stkit/core';
import { describe, expect, it } from 'vitest';
import { checkSamples, generateClipSamples } from './clip-samples';
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
