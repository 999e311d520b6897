/**
 * Benchmark: global alignment of a 40-frame 512×288 video on CPU.
 *
 *   npx tsx bench/reconstruction-align.ts [pixelStride=8] [frames=40]   # from packages/geometry
 *
 * Input: a synthetic corridor scene with two moving boxes, DUSt3R-style
 * pointmaps (1 % depth noise, random per-pair scale) on MonST3R's
 * swinstride-5-noncyclic graph, symmetrised (350 pairs for 40 frames).
 * Reports the process CPU time of the whole alignment (robust on a shared
 * machine) and the wall time of the spanning-tree initialisation, the 300 Adam
 * iterations and the dense depth solve, and the accuracy (ATE after Sim(3)
 * alignment, depth error in the trajectory's scale).
 */
import { createSyntheticScene, renderPointmapPairs } from '../src/reconstruction/__fixtures__/synthetic-scene';
import { alignGlobally } from '../src/reconstruction/global-alignment';
import { absoluteTrajectoryError } from '../src/reconstruction/trajectory-error';

const stride = Number(process.argv[2] ?? 8),
  frames = Number(process.argv[3] ?? 40);
const WIDTH = 512,
  HEIGHT = 288;
const synthetic = createSyntheticScene({ frames, width: WIDTH, height: HEIGHT, focal: 460, boxes: 2, seed: 1 });
const pairs = renderPointmapPairs(synthetic, { noise: 0.01 });
// Warm-up (JIT, and the garbage collector settling after rendering 1.2 GB of pointmaps); not reported.
await alignGlobally({ pairs, pixelStride: stride, iterations: 30 });
for (const smoothing of [0.01, 0]) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let tFirst = 0,
    tLast = 0;
  const result = await alignGlobally({
    pairs,
    pixelStride: stride,
    temporalSmoothingWeight: smoothing,
    onIteration: (i, _loss) => {
      if (i === 0) tFirst = performance.now();
      tLast = performance.now();
    },
  });
  const total = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const ate = absoluteTrajectoryError({
    estimated: result.scene.frames.map((f) => f.worldFromCamera),
    reference: synthetic.worldFromCamera,
  });
  const ratios: number[] = [];
  result.scene.frames.forEach((frame, n) => {
    for (let i = 0; i < frame.depth.length; i += 11)
      ratios.push((ate.alignment.scale * frame.depth[i]!) / synthetic.depth[n]![i]!);
  });
  ratios.sort((a, b) => a - b);
  const median = ratios[ratios.length >> 1]!;
  const own = ratios.map((r) => Math.abs(r / median - 1)).sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      frames,
      pairs: pairs.length,
      size: `${WIDTH}x${HEIGHT}`,
      pixelStride: stride,
      samplesPerFrame: result.samples,
      temporalSmoothingWeight: smoothing,
      cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2),
      seconds: {
        total: +(total / 1000).toFixed(2),
        init: +((tFirst - t0) / 1000).toFixed(2),
        iterations300: +((tLast - tFirst) / 1000).toFixed(2),
        denseDepth: +((total - (tLast - t0)) / 1000).toFixed(2),
      },
      ateMeters: +ate.rmse.toFixed(4),
      pathLengthMeters: +(0.4 * (frames - 1)).toFixed(1),
      focal: +result.focal.toFixed(2),
      trueFocal: 460,
      depthScaleVsTrajectory: +median.toFixed(4),
      depthErrorOwnScaleMedian: +own[own.length >> 1]!.toFixed(4),
      loss: [+result.losses[0]!.toFixed(4), +result.finalLoss.toFixed(4)],
    }),
  );
}
