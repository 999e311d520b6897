import { describe, expect, it } from 'vitest';
import type { Clip } from '@stkit/core';
import { applyRuleFilters } from '../rule-stage';
import type { PseudoScene } from '../pseudo-scene';
import { findFrameOutliers } from './frame-outliers';
import { detectPoseGlitches } from './pose-glitches';
import { applyRepairingFilters } from './repairing-stage';
import { robustCenter } from './robust-center';

const identity: [number, number, number, number] = [1, 0, 0, 0];

describe('detectPoseGlitches', () => {
  it('flags the one camera that jumps off a straight path, not its neighbours', () => {
    const poses = Array.from({ length: 12 }, (_, k) => ({
      rotation: identity,
      translation: [0.01 * Math.sin(k), 0, 4 * k] as [number, number, number],
    }));
    poses[5] = { rotation: identity, translation: [2, 0, 20] };
    const result = detectPoseGlitches(poses);
    expect(result.glitches).toEqual([5]);
    expect(result.positionDeparture[5]).toBeCloseTo(2, 1);
  });
  it('flags a rotation jump of 3° (yaw about y)', () => {
    const yaw = (degrees: number): [number, number, number, number] => [
      Math.cos((degrees * Math.PI) / 360),
      0,
      Math.sin((degrees * Math.PI) / 360),
      0,
    ];
    const poses = Array.from({ length: 10 }, (_, k) => ({
      rotation: yaw(k === 4 ? 3 : 0.1 * k),
      translation: [0, 0, k] as [number, number, number],
    }));
    expect(detectPoseGlitches(poses).glitches).toEqual([4]);
  });
  it('a smooth path has none', () => {
    const poses = Array.from({ length: 20 }, (_, k) => ({
      rotation: identity,
      translation: [Math.sin(k / 5) * 10, 0, 4 * k] as [number, number, number],
    }));
    expect(detectPoseGlitches(poses).glitches).toEqual([]);
  });
});

describe('findFrameOutliers', () => {
  const line = (n: number) => {
    const centers = new Float64Array(3 * n);
    for (let k = 0; k < n; k++) {
      centers[3 * k] = 5 * k * 0.5;
      centers[3 * k + 2] = 0.1 * Math.sin(3 * k);
    }
    return { centers, times: Array.from({ length: n }, (_, k) => 0.5 * k) };
  };
  it('makes the spike frame absent and keeps its neighbours', () => {
    const { centers, times } = line(16);
    centers[3 * 7 + 1] = 6; // 6 m off the line
    expect(findFrameOutliers(centers, times)).toEqual([7]);
  });
  it('finds nothing on a clean line', () => {
    const { centers, times } = line(16);
    expect(findFrameOutliers(centers, times)).toEqual([]);
  });
});

/** Points on the two faces of a box a camera at the origin sees (rear face z = zr and the left side x = xl). */
function visibleBox(center: [number, number, number], size: [number, number, number], step = 0.05): Float64Array {
  const [cx, cy, cz] = center,
    [w, h, l] = size;
  const points: number[] = [];
  for (let y = cy - h / 2; y <= cy + h / 2; y += step) {
    for (let x = cx - w / 2; x <= cx + w / 2; x += step) points.push(x, y, cz - l / 2); // rear face
    for (let z = cz - l / 2; z <= cz + l / 2; z += step) points.push(cx - w / 2, y, z); // left side (camera is to the left)
  }
  return Float64Array.from(points);
}

describe('robustCenter', () => {
  it('recovers the box centre from its visible faces where the centroid slides', () => {
    // y down (OpenCV world), up = −y. A 12 m truck 4 m to the right, 30 m ahead.
    const center: [number, number, number] = [4, 0, 30];
    const points = visibleBox(center, [2.5, 3.5, 12]);
    let mz = 0;
    for (let i = 2; i < points.length; i += 3) mz += points[i]!;
    mz /= points.length / 3;
    expect(Math.abs(mz - 30)).toBeGreaterThan(0.5); // the plain centroid is pulled towards the visible faces
    // Half the box's extent along the horizontal ray (hand-computed: the box's projection on the ray).
    const ray = [4 / Math.hypot(4, 30), 30 / Math.hypot(4, 30)];
    const halfDepth = 1.25 * Math.abs(ray[0]!) + 6 * Math.abs(ray[1]!);
    const c = robustCenter(points, { cameraPosition: [0, 0, 0], up: [0, -1, 0], halfDepth, extremePercentile: 0 });
    expect(Math.hypot(c[0] - 4, c[2] - 30)).toBeLessThan(0.15);
  });
});

describe('applyRepairingFilters vs the SPEC §4 stage', () => {
  const clip: Clip = {
    id: 'c',
    source: { dataset: 'test', log: 'l' },
    up: [0, 0, 1],
    frames: Array.from({ length: 16 }, (_, k) => ({ t: 0.5 * k })),
    tracks: [],
  };
  const track = {
    id: 'gsam2-1',
    category: 'car',
    observations: Array.from({ length: 16 }, (_, k) => ({
      t: 0.5 * k,
      center: [5 * 0.5 * k, 0, 0] as [number, number, number],
    })),
  };
  track.observations[9] = { t: 4.5, center: [22.5, 40, 0] };
  const scene: PseudoScene = { clip, tracks: [track] };
  it('the paper stage discards the whole trajectory for one outlier', () => {
    expect(applyRuleFilters(scene).trackVerdicts[0]!.verdict).toBe('centroid_z_score');
  });
  it('the default stage makes that frame absent and keeps the track', () => {
    const result = applyRepairingFilters(scene);
    expect(result.yields[0]).toMatchObject({
      framesIn: 16,
      framesKept: 15,
      dropped: { frame_outlier: 1 },
      verdict: 'kept',
    });
    const samples = result.clip!.tracks[0]!.samples;
    expect(samples.map((sample) => sample.t)).not.toContain(4.5);
    // Constant velocity: the smoother keeps the 2.5 m steps (hand value: 15 samples over 7.5 s at 5 m/s).
    expect(samples[samples.length - 1]!.center[0] - samples[0]!.center[0]).toBeCloseTo(37.5, 1);
  });
  it('a pose glitch makes its frame absent for every object', () => {
    const cameras = Array.from({ length: 16 }, (_, k) => ({
      t: 0.5 * k,
      rotation: identity,
      translation: [0, 0, k === 3 ? 3 : 0] as [number, number, number],
      focalLength: 500,
    }));
    const result = applyRepairingFilters({ ...scene, cameras });
    expect(result.poseGlitchTimes).toEqual([1.5]);
    expect(result.yields[0]!.dropped.pose_glitch).toBe(1);
  });
  it('frames cut by the image border or hidden behind a nearer object are absent, not misplaced', () => {
    const camera = { intrinsics: { fx: 500, fy: 500, cx: 320, cy: 240, width: 640, height: 480 } };
    const observations = Array.from({ length: 12 }, (_, k) => ({
      t: 0.5 * k,
      center: [2.5 * k, 0, 0] as [number, number, number],
      box: [100, 100, 200, 200] as [number, number, number, number],
    }));
    observations[2] = { ...observations[2]!, box: [0, 100, 80, 200] };
    observations[5] = { ...observations[5]!, occluded: true } as (typeof observations)[number];
    const result = applyRepairingFilters({
      clip: { ...clip, camera },
      tracks: [{ id: 'gsam2-3', category: 'car', observations }],
    });
    expect(result.yields[0]).toMatchObject({
      framesIn: 12,
      framesKept: 10,
      dropped: { truncated: 1, occluded: 1 },
      verdict: 'kept',
    });
  });
});
