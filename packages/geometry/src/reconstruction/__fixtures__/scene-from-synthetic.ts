import type { Scene4D } from '../types';
import type { SyntheticScene } from './synthetic-scene';

/** The ground-truth Scene4D of a synthetic scene, optionally with depths and translations divided by `scaleDown`. */
export function groundTruthScene(scene: SyntheticScene, scaleDown = 1): Scene4D {
  const { width, height, focal, cx, cy } = scene;
  return {
    width,
    height,
    metric: scaleDown === 1,
    frames: scene.depth.map((depth, n) => {
      const pose = Float64Array.from(scene.worldFromCamera[n]!);
      pose[3] = pose[3]! / scaleDown;
      pose[7] = pose[7]! / scaleDown;
      pose[11] = pose[11]! / scaleDown;
      return {
        depth: depth.map((d) => d / scaleDown),
        confidence: new Float32Array(width * height).fill(1),
        intrinsics: { fx: focal, fy: focal, cx, cy, width, height },
        worldFromCamera: pose,
      };
    }),
  };
}
