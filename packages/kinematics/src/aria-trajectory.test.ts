/**
 * Real data: the Project Aria MPS sample closed-loop trajectory (~1 kHz device
 * poses over ~11 s, world frame with gravity (0, 0, −9.81), so up = +z).
 * The device track is sampled on the 0.5 s grid and its distance, speed and
 * clock directions are compared with a peer computation in NumPy
 * (`np.interp` per axis, `np.linalg.norm`, `np.arctan2`) run by /usr/bin/python3.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEBIAN_PYTHON,
  hasSharedData,
  PROCESS_TIMEOUT_MS,
  pythonModulesUnavailable,
  runProcess,
  sharedDataPath,
  skipMessage,
} from '@stkit/test-data';
import type { Clip } from '@stkit/core';
import { analyzeClip } from './clip-kinematics';
import { selectFacts } from './select-facts';
import { traveledDistance } from './traveled-distance';

const csvPath = hasSharedData
  ? sharedDataPath('projectaria', 'gen1', 'mps_sample', 'trajectory', 'closed_loop_trajectory.csv')
  : undefined;
const python = DEBIAN_PYTHON;
const hasNumpy = (await pythonModulesUnavailable(['numpy'])) === undefined;
const ready = csvPath !== undefined && existsSync(csvPath) && hasNumpy;
const why = !hasSharedData
  ? skipMessage
  : !hasNumpy
    ? 'needs /usr/bin/python3 with numpy (Debian: python3-numpy)'
    : 'data present';

const PEER = `
import csv, json, sys, numpy as np
rows = list(csv.DictReader(open(sys.argv[1])))
t = (np.array([int(r['tracking_timestamp_us']) for r in rows], dtype=np.int64) - int(rows[0]['tracking_timestamp_us'])) / 1e6
p = np.array([[float(r['tx_world_device']), float(r['ty_world_device']), float(r['tz_world_device'])] for r in rows])
g = np.array([float(rows[0]['gravity_x_world']), float(rows[0]['gravity_y_world']), float(rows[0]['gravity_z_world'])])
up = -g / np.linalg.norm(g)
n = min(40, int(t[-1] // 0.5) + 1)
grid = 0.5 * np.arange(n)
P = np.stack([np.interp(grid, t, p[:, a]) for a in range(3)], axis=1)
steps = np.diff(P, axis=0)
ground = steps - np.outer(steps @ up, up)
lengths = np.linalg.norm(ground, axis=1)
ref = ground[np.argmax(lengths >= 0.3)]
sin_cw = -(np.cross(ref, ground) @ up)
theta = np.degrees(np.arctan2(sin_cw, ground @ ref)) % 360
clocks = [(int(np.floor(x / 30 + 0.5)) % 12 or 12) if l >= 0.3 else 0 for x, l in zip(theta, lengths)]
d = float(np.linalg.norm(steps, axis=1).sum())
print(json.dumps({"n": n, "positions": P.ravel().tolist(), "distance": d, "speed": d / grid[-1], "clocks": clocks, "up": up.tolist()}))
`;

describe.skipIf(!ready)(`Aria MPS trajectory against a NumPy peer (${why})`, () => {
  it(
    'grid positions, traveled distance, speed and clock directions match',
    async () => {
      const peer = JSON.parse((await runProcess(python, ['-c', PEER, csvPath!])).stdout) as {
        n: number;
        positions: number[];
        distance: number;
        speed: number;
        clocks: number[];
        up: [number, number, number];
      };
      const lines = readFileSync(csvPath!, 'utf8').trim().split('\n');
      const header = lines[0]!.split(',');
      const col = (name: string) => header.indexOf(name);
      const [ti, xi, yi, zi] = [
        col('tracking_timestamp_us'),
        col('tx_world_device'),
        col('ty_world_device'),
        col('tz_world_device'),
      ];
      const t0 = Number(lines[1]!.split(',')[ti]);
      const samples = lines.slice(1).map((line) => {
        const f = line.split(',');
        return {
          t: (Number(f[ti]) - t0) / 1e6,
          center: [Number(f[xi]), Number(f[yi]), Number(f[zi])] as [number, number, number],
        };
      });
      const clip: Clip = {
        id: 'aria-mps-sample',
        source: { dataset: 'aria', log: 'mps_sample', domain: 'general' },
        up: peer.up,
        frames: Array.from({ length: peer.n }, (_, k) => ({ t: 0.5 * k })),
        tracks: [{ id: 'device', category: 'person', samples }],
      };
      const kinematics = analyzeClip(clip);
      const track = kinematics.tracks[0]!;
      expect(Array.from(track.present)).toEqual(new Array(peer.n).fill(1));
      for (let i = 0; i < peer.positions.length; i++) expect(track.positions[i]).toBeCloseTo(peer.positions[i]!, 9);
      const meters = traveledDistance(track.positions, track.present, 0, peer.n - 1)!;
      expect(meters).toBeCloseTo(peer.distance, 9);
      expect(meters).toBeGreaterThan(1); // the wearer walks
      expect(Array.from(track.clocks)).toEqual(peer.clocks);
      // The whole-presence distance fact carries the same number.
      const selection = selectFacts(clip, { maxFactsPerTask: 10 });
      const whole = selection.facts.find((fact) => fact.task === 'traveling_speed' && fact.wholeVideo);
      expect(whole?.label).toEqual({
        start: 0,
        end: 0.5 * (peer.n - 1),
        metersPerSecond: expect.closeTo(peer.speed, 9),
      });
    },
    PROCESS_TIMEOUT_MS,
  );
});
