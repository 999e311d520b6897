// MonST3R output + metric depth → a metric 4D scene → one object's world trajectory ([definitions §3](docs/pages/definitions.md#pseudo-labels)).
import { readFile } from 'node:fs/promises';
import type { CocoRle } from '@stkit/core';
import { canonicalizeScale, createMonst3rSceneBackend, liftMasks, readNpy } from '@stkit/geometry';

// The geometric branch: the folder MonST3R's demo.py wrote (arbitrary scale).
const { scene } = await createMonst3rSceneBackend({ folder: 'monst3r/drive-0001' }).doReconstruct();

// Metric3D v2 depth of the same frames, metres, at the reconstruction's resolution.
const metricDepths: Float32Array[] = [];
for (let index = 0; index < scene.frames.length; index++) {
  const file = `metric-depth/drive-0001/frame_${String(index).padStart(4, '0')}.npy`;
  metricDepths.push(Float32Array.from((await readNpy(file)).data as Float32Array));
}
const canonical = canonicalizeScale({ scene, metricDepths });
console.log(
  `1 MonST3R unit = ${canonical.scale.toFixed(3)} m (relative MAD ${canonical.spread.relativeMad.toFixed(3)})`,
);

// The semantic branch: one tracked object's COCO RLE masks (Grounded-SAM-2), per frame (null: not seen).
const carMasks = (JSON.parse(await readFile('masks/drive-0001/car-1.json', 'utf8')) as (CocoRle | null)[]).map(
  (mask) => mask ?? undefined,
);
const lifted = liftMasks({ scene: canonical.scene, objects: [{ id: 'car-1', masks: carMasks }] });
for (const frame of lifted.objects[0]!.frames) {
  console.log(
    `frame ${frame.frame}: ${frame.count} points, centroid ${frame.centroid?.map((v) => v.toFixed(2)).join(', ')} m`,
  );
}
