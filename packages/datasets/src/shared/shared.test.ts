import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@stkit/core';
import { planClipWindows } from './clip-windows';
import { secondsSince, timestampAfter, NANOSECONDS } from './timestamps';
import { poseAt } from './pose-series';
import { projectBoxToImage } from './project-box';
import { assembleClips, makeClipId } from './assemble-clips';
import { findDirsContaining } from './find-dirs';

describe('planClipWindows', () => {
  it('cuts 44.6 s (KITTI seq 0001: 447 frames at 10 Hz) into 40 + 40 + 10 frames', () => {
    // 44.6 / 0.5 = 89.2 → 90 grid frames (0 … 44.5 s); 40, 40, 10.
    expect(planClipWindows({ end: 44.6 })).toEqual([
      { index: 0, start: 0, frameCount: 40 },
      { index: 1, start: 20, frameCount: 40 },
      { index: 2, start: 40, frameCount: 10 },
    ]);
  });
  it('drops a trailing window shorter than minFrames and rejects maxFrames > 40', () => {
    // 21 s → 43 frames: 40 + 3; 3 < 5 is dropped.
    expect(planClipWindows({ end: 21 }).map((w) => w.frameCount)).toEqual([40]);
    expect(() => planClipWindows({ end: 10, maxFrames: 41 })).toThrow(InvalidArgumentError);
  });
});

describe('timestamps', () => {
  it('keeps nanosecond epoch timestamps exact', () => {
    const origin = 315966253660357000n;
    // 315966253660357000 + 19.5 s = 315966273160357000 (a double would round the last digits).
    expect(timestampAfter(origin, 19.5, NANOSECONDS)).toBe('315966273160357000');
    expect(secondsSince(origin, 315966253760357123n, NANOSECONDS)).toBeCloseTo(0.100000123, 12);
  });
});

describe('poseAt', () => {
  const series = {
    times: Float64Array.of(0, 0.1),
    // identity, then 90° about z: [cos 45°, 0, 0, sin 45°]
    rotations: Float64Array.of(1, 0, 0, 0, Math.SQRT1_2, 0, 0, Math.SQRT1_2),
    translations: Float64Array.of(0, 0, 0, 1, 2, 3),
  };
  it('interpolates translation linearly and rotation by slerp', () => {
    const p = poseAt(series, 0.05)!;
    expect(p.translation).toEqual([0.5, 1, 1.5]);
    // halfway: 45° about z → [cos 22.5°, 0, 0, sin 22.5°]
    expect(p.rotation[0]).toBeCloseTo(Math.cos(Math.PI / 8), 12);
    expect(p.rotation[3]).toBeCloseTo(Math.sin(Math.PI / 8), 12);
  });
  it('is undefined outside the series or across a long gap', () => {
    expect(poseAt(series, 0.2)).toBeUndefined();
    expect(poseAt(series, 0.05, { maxGapSeconds: 0.05 })).toBeUndefined();
  });
});

describe('projectBoxToImage', () => {
  const intrinsics = { fx: 100, fy: 100, cx: 50, cy: 50, width: 100, height: 100 };
  const identity = Float64Array.of(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1);
  it('projects a cube 10 m ahead', () => {
    // Cube of side 2 at z = 10: nearest face z = 9, x,y ∈ ±1 → u = 100·(±1)/9 + 50 = 38.89 … 61.11.
    const box = projectBoxToImage(
      { center: [0, 0, 10], size: [2, 2, 2], rotation: [1, 0, 0, 0] },
      identity,
      intrinsics,
    )!;
    expect(box[0]).toBeCloseTo(50 - 100 / 9, 9);
    expect(box[2]).toBeCloseTo(50 + 100 / 9, 9);
    expect(box[1]).toBeCloseTo(50 - 100 / 9, 9);
  });
  it('clips to the image and drops boxes behind the camera', () => {
    // Box straddling the camera plane: clipped at z = 0.1 and to the image bounds.
    expect(
      projectBoxToImage({ center: [0, 0, 0], size: [2, 2, 2], rotation: [1, 0, 0, 0] }, identity, intrinsics),
    ).toEqual([0, 0, 100, 100]);
    expect(
      projectBoxToImage({ center: [0, 0, -5], size: [2, 2, 2], rotation: [1, 0, 0, 0] }, identity, intrinsics),
    ).toBeUndefined();
  });
});

describe('assembleClips', () => {
  it('keeps the annotations that bracket a window edge up to the 1.0 s interpolation gap (SPEC §2)', () => {
    // One track annotated at log seconds 19.3 and 20.2 (0.9 s apart, e.g. occluded in between), plus one
    // sample inside each window. Windows of 30 s: [0, 19.5] and [20, 29.5].
    // [definitions §2](docs/pages/definitions.md#interpolation) interpolates grid time t_k between the two annotations that bracket it when they are
    // ≤ 1.0 s apart: 20.2 − 19.3 = 0.9 ≤ 1.0, so both window edges need both annotations:
    //   window 0, last frame 19.5: needs 20.2, which is 20.2 − 19.5 = 0.7 s past the end;
    //   window 1, first frame 20.0: needs 19.3, at 19.3 − 20 = −0.7 s clip time.
    const observation = (time: number) => ({
      trackId: 'a',
      category: 'car',
      time,
      timestamp: String(time),
      center: [time, 0, 0] as [number, number, number],
    });
    const clips = assembleClips({
      source: { dataset: 'kitti', log: 'x' },
      up: [0, 0, 1],
      windows: planClipWindows({ end: 29.5 }),
      observations: [observation(10), observation(19.3), observation(20.2), observation(25)],
      frameTimestamp: (time) => String(time),
    });
    expect(clips).toHaveLength(2);
    expect(clips[0]!.tracks[0]!.samples.map((s) => s.t)).toEqual([10, 19.3, 20.2]);
    expect(clips[1]!.tracks[0]!.samples.map((s) => s.t)).toEqual([-0.7, 0.2, 5]);
  });
});

describe('makeClipId', () => {
  it('is file-name safe', () => {
    expect(makeClipId({ dataset: 'aria', log: 'takes/a b' }, 2)).toBe('aria-takes_a_b-002');
  });
});

describe('findDirsContaining', () => {
  it('rejects a root that is not a readable folder', async () => {
    await expect(findDirsContaining('/nonexistent/stkit-root', { entry: 'x' })).rejects.toThrow(InvalidArgumentError);
  });
});
