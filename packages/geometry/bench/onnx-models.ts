/**
 * Benchmark: inference time of the real small ONNX models of the shared test
 * data through `createOnnxSession` (CPU provider), plus session creation.
 * Fixed inputs (uniform mid-grey), 3 warm-ups, median of 20 runs.
 *
 *     cd packages/geometry && npx tsx --conditions=@stkit/source bench/onnx-models.ts
 */
import { hasSharedData, sharedDataPath, skipMessage } from '@stkit/test-data';
import { createOnnxSession, tensor } from '@stkit/core/onnx';

if (!hasSharedData) {
  console.log(skipMessage);
  process.exit(0);
}

const models = [
  ['YuNet face detector 320×320', ['libfacedetection.train', 'onnx', 'yunet_n_320_320.onnx']],
  [
    'Ultra-Light RFB-320 face detector 240×320',
    ['Ultra-Light-Fast-Generic-Face-Detector-1MB', 'models', 'onnx', 'version-RFB-320.onnx'],
  ],
  [
    'PAN segmentation 512×512',
    [
      'Skin-Clothes-Hair-Segmentation-using-SMP',
      '02.model',
      '_old',
      'PAN(timm-mobilenetv3_small_100)_452_1.02M_0.8028',
      'best_model_simplifier.onnx',
    ],
  ],
] as const;

const med = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2;
};

console.log(`Node ${process.version}; CPU execution provider; ms (wall; CPU = user + system, all threads)\n`);
console.log('| model | session creation | run wall (median) | run CPU (median) | provider |');
console.log('|---|---|---|---|---|');
for (const [label, parts] of models) {
  const session = createOnnxSession({ model: sharedDataPath('onnx', ...parts)!, device: 'cpu' });
  const t0 = performance.now();
  const info = await session.load();
  const created = performance.now() - t0;
  const input = info.inputs[0]!;
  const shape = input.shape!.map(Number);
  const feeds = { [input.name]: tensor(new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(0.5), shape) };
  for (let i = 0; i < 3; i++) await session.run(feeds);
  const wall: number[] = [],
    cpu: number[] = [];
  for (let i = 0; i < 20; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await session.run(feeds);
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  console.log(
    `| ${label} | ${created.toFixed(1)} | ${med(wall).toFixed(1)} | ${med(cpu).toFixed(1)} | ${info.provider} |`,
  );
  await session.dispose();
}
