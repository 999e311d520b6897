import { describe, expect, it } from 'vitest';
import { ClipDataError } from './errors';
import { frameTimesOf, sampleTrackOnGrid } from './frame-grid';
import { makeClip } from './__fixtures__/clip-builder';

const grid = (count: number) => Float64Array.from({ length: count }, (_, k) => 0.5 * k);

describe('frameTimesOf', () => {
  it('reads the grid times and rejects non-increasing or non-finite ones', () => {
    expect(Array.from(frameTimesOf(makeClip({ frameCount: 3, tracks: [] })))).toEqual([0, 0.5, 1]);
    const clip = makeClip({ id: 'c9', frameCount: 3, tracks: [] });
    clip.frames[2]!.t = 0.5;
    expect(() => frameTimesOf(clip)).toThrow(/clip 'c9'.*frames\[2\]\.t.*strictly increase/);
    clip.frames[2]!.t = Number.NaN;
    expect(() => frameTimesOf(clip)).toThrow(ClipDataError);
  });
});

describe('sampleTrackOnGrid', () => {
  it('uses annotations that lie on the grid as they are', () => {
    const result = sampleTrackOnGrid(
      {
        id: 'a',
        samples: [
          { t: 0, center: [1, 2, 3] },
          { t: 0.5, center: [4, 5, 6] },
        ],
      },
      grid(3),
    );
    expect(Array.from(result.positions)).toEqual([1, 2, 3, 4, 5, 6, 0, 0, 0]);
    expect(Array.from(result.present)).toEqual([1, 1, 0]);
  });

  it('interpolates off-grid 10 Hz samples between the bracketing pair', () => {
    // Samples at t = 0.05 + 0.1·i (10 Hz, off the grid), x = 2t², y = t, z = 1.
    // Grid t = 0.5 lies between 0.45 and 0.55 (midpoint):
    //   x = (2·0.45² + 2·0.55²)/2 = (0.405 + 0.605)/2 = 0.505, y = 0.5.
    // Grid t = 1.0 between 0.95 and 1.05: x = (1.805 + 2.205)/2 = 2.005.
    // Grid t = 0 precedes the first sample (0.05): absent (no bracketing pair).
    const samples = Array.from({ length: 20 }, (_, i) => {
      const t = 0.05 + 0.1 * i;
      return { t, center: [2 * t * t, t, 1] as [number, number, number] };
    });
    const result = sampleTrackOnGrid({ id: 'a', samples }, grid(3));
    expect(Array.from(result.present)).toEqual([0, 1, 1]);
    expect(result.positions[3]).toBeCloseTo(0.505, 12);
    expect(result.positions[4]).toBeCloseTo(0.5, 12);
    expect(result.positions[5]).toBeCloseTo(1, 12);
    expect(result.positions[6]).toBeCloseTo(2.005, 12);
  });

  it('bridges gaps of at most 1.0 s and leaves longer ones absent', () => {
    // Pair (0, 1.0): gap 1.0 s → t = 0.5 interpolated at the midpoint (5, 0, 0).
    // Pair (1.0, 2.2): gap 1.2 s → t = 1.5 and 2.0 absent. t = 2.5 is after the last sample → absent.
    const track = {
      id: 'a',
      samples: [
        { t: 0, center: [0, 0, 0] as [number, number, number] },
        { t: 1, center: [10, 0, 0] as [number, number, number] },
        { t: 2.2, center: [22, 0, 0] as [number, number, number] },
      ],
    };
    const result = sampleTrackOnGrid(track, grid(6));
    expect(Array.from(result.present)).toEqual([1, 1, 1, 0, 0, 0]);
    expect(result.positions[3]).toBeCloseTo(5, 12);
    // With a 1.5 s limit the 1.2 s gap is bridged: t = 1.5 → 10 + (0.5/1.2)·12 = 15, t = 2.0 → 10 + (1/1.2)·12 = 20.
    const wide = sampleTrackOnGrid(track, grid(6), { maxInterpolationGapSeconds: 1.5 });
    expect(Array.from(wide.present)).toEqual([1, 1, 1, 1, 1, 0]);
    expect(wide.positions[9]).toBeCloseTo(15, 12);
    expect(wide.positions[12]).toBeCloseTo(20, 12);
  });

  it('interpolates with the right weight and treats times within ε as equal', () => {
    // t = 0.5 between 0.2 (x = 2) and 1.1 (x = 11): weight (0.5 − 0.2)/0.9 = 1/3 → x = 2 + 3 = 5.
    // t = 1.0: between 0.2 and 1.1 as well: weight 0.8/0.9 → x = 2 + 8 = 10.
    const result = sampleTrackOnGrid(
      {
        id: 'a',
        samples: [
          { t: 0.2, center: [2, 0, 0] },
          { t: 1.1, center: [11, 0, 0] },
        ],
      },
      grid(3),
    );
    expect(result.positions[3]).toBeCloseTo(5, 12);
    expect(result.positions[6]).toBeCloseTo(10, 12);
    // An annotation 1e-7 s off the grid counts as on it (ε = 1e-6 s) and is used as is.
    const near = sampleTrackOnGrid({ id: 'a', samples: [{ t: 0.5 + 1e-7, center: [7, 0, 0] }] }, grid(2));
    expect(Array.from(near.present)).toEqual([0, 1]);
    expect(near.positions[3]).toBe(7);
  });

  it('sorts unsorted samples (stable) and gives the same grid as sorted input', () => {
    const sorted = [0, 0.5, 1, 1.5].map((t) => ({ t, center: [t * 3, -t, 2] as [number, number, number] }));
    const shuffled = [sorted[2]!, sorted[0]!, sorted[3]!, sorted[1]!];
    const a = sampleTrackOnGrid({ id: 'a', samples: sorted }, grid(4));
    const b = sampleTrackOnGrid({ id: 'a', samples: shuffled }, grid(4));
    expect(Array.from(b.positions)).toEqual(Array.from(a.positions));
    expect(Array.from(b.present)).toEqual([1, 1, 1, 1]);
    // Two annotations at the same time: the first in input order wins.
    const duplicate = sampleTrackOnGrid(
      {
        id: 'a',
        samples: [
          { t: 0.5, center: [9, 9, 9] },
          { t: 0, center: [0, 0, 0] },
          { t: 0.5, center: [1, 1, 1] },
        ],
      },
      grid(2),
    );
    expect(Array.from(duplicate.positions.subarray(3))).toEqual([9, 9, 9]);
  });

  it('rejects NaN and infinite values with an error naming clip, track and sample', () => {
    const samples = [
      { t: 0, center: [0, 0, 0] as [number, number, number] },
      { t: 0.5, center: [1, Number.NaN, 0] as [number, number, number] },
    ];
    let error: unknown;
    try {
      sampleTrackOnGrid({ id: 'car-7', samples }, grid(2), { clipId: 'scene-3', trackIndex: 4 });
    } catch (caught) {
      error = caught;
    }
    expect(ClipDataError.isInstance(error)).toBe(true);
    const e = error as ClipDataError;
    expect([e.clipId, e.trackId, e.trackIndex, e.sampleIndex, e.field]).toEqual([
      'scene-3',
      'car-7',
      4,
      1,
      'tracks[4].samples[1].center[1]',
    ]);
    expect(e.message).toContain("clip 'scene-3', track 'car-7', sample 1");
    expect(() =>
      sampleTrackOnGrid({ id: 'x', samples: [{ t: Number.POSITIVE_INFINITY, center: [0, 0, 0] }] }, grid(2)),
    ).toThrow(/samples\[0\]\.t.*Infinity/);
  });
});
