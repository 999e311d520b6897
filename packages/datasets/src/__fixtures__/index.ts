/**
 * Generated real-format fixtures: small KITTI tracking, Aria MPS and
 * Argoverse 2 logs written from scenes with analytically known motion (see
 * `scene.ts`), so the readers are tested without the shared data and without
 * copying any dataset file (their licenses do not allow redistribution).
 */
import { join } from 'node:path';
import { generateAriaRecording } from './generate-aria';
import { generateArgoverse2Log } from './generate-argoverse2';
import { generateKittiSequence } from './generate-kitti';
import type { Scene } from './scene';

export * from './scene';
export { generateKittiSequence, KITTI_FIXTURE_RIG, type KittiFixtureOptions } from './generate-kitti';
export { generateAriaRecording, type AriaExoCamera, type AriaFixtureOptions } from './generate-aria';
export {
  generateArgoverse2Log,
  featherBytes,
  ARGOVERSE2_FIXTURE_CAMERAS,
  type Argoverse2FixtureOptions,
} from './generate-argoverse2';

/**
 * The default driving scene (6 s): the ego at 4 m/s heading 0.3 rad, a car
 * 15 m ahead at 5 m/s on the same heading, a parked car with 1 cm jitter and
 * a cyclist turning left at 20°/s on a 6 m radius.
 */
export function defaultDrivingScene(categories: { car: string; cyclist: string }): Scene {
  const h = 0.3,
    c = Math.cos(h),
    s = Math.sin(h);
  const ahead = (fwd: number, left: number): [number, number] => [fwd * c - left * s, fwd * s + left * c];
  return {
    duration: 6,
    ego: { kind: 'linear', start: [0, 0], heading: h, speed: 4 },
    objects: [
      {
        id: 'car',
        category: categories.car,
        size: [4, 1.8, 1.5],
        motion: { kind: 'linear', start: ahead(15, 0), heading: h, speed: 5 },
      },
      {
        id: 'parked',
        category: categories.car,
        size: [4.2, 1.8, 1.6],
        motion: { kind: 'parked', at: ahead(40, 4), heading: h + 0.1, jitter: 0.01 },
      },
      {
        id: 'cyclist',
        category: categories.cyclist,
        size: [1.8, 0.6, 1.7],
        motion: {
          kind: 'turn',
          center: ahead(35, 5),
          radius: 6,
          startAngle: h - Math.PI / 2,
          yawRate: (20 * Math.PI) / 180,
        },
      },
    ],
  };
}

/**
 * Writes one log of each dataset under `out`: `out/kitti` (sequence 0000),
 * `out/argoverse2/val/<log>` and `out/aria/<recording>` (an Ego-Exo4D-style
 * take with an exo camera and an MPS-only recording); each folder is a
 * reader `root`. Returns the three roots.
 */
export function generateAllFixtures(out: string): { kitti: string; argoverse2: string; aria: string } {
  const roots = { kitti: join(out, 'kitti'), argoverse2: join(out, 'argoverse2'), aria: join(out, 'aria') };
  generateKittiSequence(roots.kitti, defaultDrivingScene({ car: 'Car', cyclist: 'Cyclist' }));
  generateArgoverse2Log(roots.argoverse2, defaultDrivingScene({ car: 'REGULAR_VEHICLE', cyclist: 'BICYCLIST' }), {
    cityOffset: [5000, 2400, 60],
  });
  generateAriaRecording(
    join(roots.aria, 'takes', 'walk'),
    { duration: 6, ego: { kind: 'linear', start: [0, 0], heading: 0.5, speed: 1.4 }, objects: [] },
    {
      exoCameras: [
        {
          camUid: 'cam01',
          position: [-8, 0, 0.8],
          lookAt: [0, 0, 0.8],
          fx: 600,
          fy: 600,
          cx: 960,
          cy: 540,
          width: 1920,
          height: 1080,
        },
      ],
    },
  );
  generateAriaRecording(
    join(roots.aria, 'mps_turn'),
    {
      duration: 6,
      ego: { kind: 'turn', center: [2, 3], radius: 3, startAngle: 0, yawRate: (24 * Math.PI) / 180 },
      objects: [],
    },
    { schema: 'classic' },
  );
  return roots;
}
