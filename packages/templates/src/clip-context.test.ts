import { describe, expect, it } from 'vitest';
import { makeClip } from './__fixtures__/scene';
import { clipContext } from './clip-context';

describe('clipContext', () => {
  it('holds the track lookup as a data property, not a getter', () => {
    // A getter here kept every clip alive through V8's minor collections (its getter pair lives in the old
    // generation), which cost 30-40 % of `stkit qa`'s time in scavenges: see the comment in clip-context.ts.
    const clip = makeClip();
    const context = clipContext(clip, 32, undefined);
    const descriptor = Object.getOwnPropertyDescriptor(context, 'tracks');
    expect(descriptor?.get).toBeUndefined();
    expect(descriptor?.value).toBeInstanceOf(Map);
    expect([...context.tracks.keys()]).toEqual(clip.tracks.map((track) => track.id));
  });

  it('is computed once per clip and frame cap', () => {
    const clip = makeClip();
    expect(clipContext(clip, 32, undefined)).toBe(clipContext(clip, 32, undefined));
    expect(clipContext(clip, 8, undefined)).not.toBe(clipContext(clip, 32, undefined));
  });
});
