/**
 * The real small ONNX models of the shared test data (face detectors and a
 * segmentation net with their trained weights) through createOnnxSession:
 * input/output names and shapes as their sources document them, and value
 * sanity on a uniform grey image.
 */
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataPath, skipMessage } from '@stkit/test-data';
import { createOnnxSession } from './session';
import { tensor } from './tensor';

const onnxPath = (...parts: string[]): string => sharedDataPath('onnx', ...parts)!;

function grey(shape: number[], value: number) {
  return tensor(new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(value), shape);
}

describe.skipIf(!hasSharedData)(`real ONNX models (${hasSharedData ? 'shared data found' : skipMessage})`, () => {
  it('Ultra-Light RFB-320: input 1×3×240×320 → scores 1×4420×2 (softmax), boxes 1×4420×4', async () => {
    const session = createOnnxSession({
      model: onnxPath('Ultra-Light-Fast-Generic-Face-Detector-1MB', 'models', 'onnx', 'version-RFB-320.onnx'),
      device: 'cpu',
    });
    const info = await session.load();
    expect(info.inputs).toEqual([{ name: 'input', type: 'float32', shape: [1, 3, 240, 320] }]);
    expect(info.outputs.map((o) => [o.name, o.shape])).toEqual([
      ['scores', [1, 4420, 2]],
      ['boxes', [1, 4420, 4]],
    ]);
    // The model's own preprocessing is (pixel − 127) / 128, so mid-grey is ≈ 0.
    const out = await session.run({ input: grey([1, 3, 240, 320], 0) });
    const scores = out.scores!.data as Float32Array;
    let maxFace = 0;
    for (let i = 0; i < 4420; i++) {
      expect(scores[2 * i]! + scores[2 * i + 1]!).toBeCloseTo(1, 5); // softmax rows sum to 1
      maxFace = Math.max(maxFace, scores[2 * i + 1]!);
    }
    expect(maxFace).toBeLessThan(0.5); // no face in a flat grey image
    const boxes = out.boxes!.data as Float32Array;
    expect(boxes.every((v) => Number.isFinite(v) && v > -1 && v < 2)).toBe(true); // normalised corner coordinates
    await session.dispose();
  });

  it('YuNet 320: input 1×3×320×320 → 12 outputs at strides 8/16/32 with sigmoid scores', async () => {
    const session = createOnnxSession({
      model: onnxPath('libfacedetection.train', 'onnx', 'yunet_n_320_320.onnx'),
      device: 'cpu',
    });
    const info = await session.load();
    expect(info.inputs[0]).toEqual({ name: 'input', type: 'float32', shape: [1, 3, 320, 320] });
    const expected: Record<string, number[]> = {};
    // 320/8 = 40 → 1600 anchors, 320/16 → 400, 320/32 → 100
    for (const [stride, count] of [
      [8, 1600],
      [16, 400],
      [32, 100],
    ] as const) {
      expected[`cls_${stride}`] = [1, count, 1];
      expected[`obj_${stride}`] = [1, count, 1];
      expected[`bbox_${stride}`] = [1, count, 4];
      expected[`kps_${stride}`] = [1, count, 10];
    }
    expect(Object.fromEntries(info.outputs.map((o) => [o.name, o.shape]))).toEqual(expected);
    const out = await session.run({ input: grey([1, 3, 320, 320], 128) });
    for (const name of ['cls_8', 'obj_8', 'cls_32', 'obj_32']) {
      const data = out[name]!.data as Float32Array;
      expect(data.every((v) => v >= 0 && v <= 1)).toBe(true);
    }
    // face score = cls · obj stays far below a detection threshold on a flat image
    const cls = out.cls_8!.data as Float32Array,
      obj = out.obj_8!.data as Float32Array;
    let best = 0;
    for (let i = 0; i < cls.length; i++) best = Math.max(best, cls[i]! * obj[i]!);
    expect(best).toBeLessThan(0.5);
    await session.dispose();
  });

  it('PAN skin/clothes/hair segmentation: x.1 1×3×512×512 → 1273 1×3×512×512 scores in [0, 1]', async () => {
    const session = createOnnxSession({
      model: onnxPath(
        'Skin-Clothes-Hair-Segmentation-using-SMP',
        '02.model',
        '_old',
        'PAN(timm-mobilenetv3_small_100)_452_1.02M_0.8028',
        'best_model_simplifier.onnx',
      ),
      device: 'auto',
      logSeverityLevel: 4,
    });
    const info = await session.load();
    expect(info.inputs).toEqual([{ name: 'x.1', type: 'float32', shape: [1, 3, 512, 512] }]);
    expect(info.outputs).toEqual([{ name: '1273', type: 'float32', shape: [1, 3, 512, 512] }]);
    const out = await session.run({ 'x.1': grey([1, 3, 512, 512], 0) });
    const data = out['1273']!.data as Float32Array;
    expect(out['1273']!.shape).toEqual([1, 3, 512, 512]);
    expect(data.every((v) => v >= 0 && v <= 1)).toBe(true);
    await session.dispose();
  });
});
