/**
 * `stkit pseudo` with the model flags, end to end through the CLI on the tiny
 * ONNX graphs that carry the real models' tensor names and shapes (DUSt3R/
 * MonST3R pointmap encoder/decoder and Metric3D v2 of @stkit/geometry's
 * fixtures, Grounding DINO and SAM 2 of @stkit/segment's), on CPU. The numbers
 * mean nothing; the output must be structurally exact and deterministic, and
 * the folders materialised under OUT/intermediate must read back through the
 * precomputed readers with the models' own outputs.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Sample } from '@stkit/core';
import {
  alignGlobally,
  createMetric3dBackend,
  createPairwisePointmapBackend,
  openMonst3rOutput,
  readMetricDepthFrame,
  scaleIntrinsics,
  se3Compose,
  se3Inverse,
  type Scene4D,
} from '@stkit/geometry';
import {
  createGroundingDinoBackend,
  createSam2Backend,
  readFrameFolder,
  readGsam2TrackingFolder,
  segmentVideo,
} from '@stkit/segment';
import { bertTokenizerJson, TINY_MODELS } from '@stkit/segment/test';
import { HEAVY_PROCESS_TIMEOUT_MS, PROCESS_TIMEOUT_MS, runProcess } from '@stkit/test-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PSEUDO_PROMPT, reconstructionWindows } from './model-stages';

const run = promisify(execFile);
const cli = join(__dirname, '..', 'cli.ts');
const GEOMETRY = join(
  dirname(createRequire(import.meta.url).resolve('@stkit/geometry/package.json')),
  'src',
  'backends',
  '__fixtures__',
);
const POINTMAP_ENCODER = join(GEOMETRY, 'pointmap-encoder.onnx');
const METRIC3D = join(GEOMETRY, 'metric3d-fixed.onnx');
const ITERATIONS = 20;

async function stkit(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--conditions=@stkit/source', '--import', 'tsx', cli, ...args],
      { encoding: 'utf8', timeout: HEAVY_PROCESS_TIMEOUT_MS },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

/** Every file under `dir` (relative path → bytes), skipping nothing. */
async function tree(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(dir.length + 1), await readFile(path));
  }
  return files;
}

let root = '';
let frames = '';
let tokenizer = '';
const modelArgs = (): string[] => [
  '--pointmap-model',
  POINTMAP_ENCODER,
  '--alignment-iterations',
  String(ITERATIONS),
  '--metric-depth-model',
  METRIC3D,
  '--detector',
  TINY_MODELS.detector,
  '--tokenizer',
  tokenizer,
  '--sam-encoder',
  TINY_MODELS.samEncoder,
  '--sam-decoder',
  TINY_MODELS.samDecoder,
  '--device',
  'cpu',
];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'stkit-pseudo-models-'));
  frames = join(root, 'frames');
  await mkdir(frames);
  // 6 frames (3 s at 2 fps) of ffmpeg's moving test pattern, 512×288 (the pointmap export's size).
  await runProcess(
    'ffmpeg',
    ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=512x288:r=2:d=3', '-start_number', '0', join(frames, '%05d.png')],
    { timeoutMs: PROCESS_TIMEOUT_MS },
  );
  tokenizer = join(root, 'tokenizer.json');
  await writeFile(tokenizer, JSON.stringify(bertTokenizerJson()));
}, PROCESS_TIMEOUT_MS);
afterAll(() => rm(root, { recursive: true, force: true }));

/** Pointmaps + alignment of `images` alone, as the stage runs them (the same settings). */
async function alignAlone(images: readonly { width: number; height: number; data: Uint8Array }[]): Promise<Scene4D> {
  const pointmaps = createPairwisePointmapBackend({
    encoder: POINTMAP_ENCODER,
    decoder: join(GEOMETRY, 'pointmap-decoder.onnx'),
    device: 'cpu',
  });
  const predicted = await pointmaps.doPredict({ frames: images });
  await pointmaps.dispose?.();
  const { scene } = await alignGlobally({
    pairs: predicted.pairs,
    iterations: ITERATIONS,
    learningRate: 0.01,
    finalLearningRate: 0.001,
    temporalSmoothingWeight: 0.01,
    translationWeight: 1,
    pixelStride: 8,
  });
  return scene;
}

describe('stkit pseudo with the model flags', { timeout: HEAVY_PROCESS_TIMEOUT_MS * 2 }, () => {
  it('runs pointmaps + alignment, Metric3D and Grounding DINO + SAM 2 into OUT/intermediate, then the precomputed path; deterministic; reruns reuse the work', async () => {
    const out = join(root, 'out');
    const first = await stkit(['pseudo', '--frames', frames, '--out', out, ...modelArgs()]);
    expect(first.code, first.stderr).toBe(0);
    expect((await readdir(out)).sort()).toEqual([
      'clips',
      'filter-report.json',
      'filter-report.md',
      'intermediate',
      'manifest.json',
      'samples',
    ]);
    expect((await readdir(join(out, 'intermediate'))).sort()).toEqual(
      expect.arrayContaining(['gsam2', 'metric-depth', 'monst3r']),
    );
    expect((await readdir(join(out, 'intermediate', 'monst3r'))).sort()).toEqual([
      '.stkit-stage.json',
      'conf_0.npy',
      'conf_1.npy',
      'conf_2.npy',
      'conf_3.npy',
      'conf_4.npy',
      'conf_5.npy',
      'frame_0000.npy',
      'frame_0001.npy',
      'frame_0002.npy',
      'frame_0003.npy',
      'frame_0004.npy',
      'frame_0005.npy',
      'pred_intrinsics.txt',
      'pred_traj.txt',
    ]);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as {
      counts: { frames: number; clips: number };
      config: { models: { prompt: string; alignmentIterations: number } };
    };
    expect(manifest.counts.frames).toBe(6);
    expect(manifest.config.models.prompt).toBe(DEFAULT_PSEUDO_PROMPT);
    expect(manifest.config.models.alignmentIterations).toBe(ITERATIONS);
    const samples = (await readFile(join(out, 'samples', 'part-00000.jsonl'), 'utf8').catch(() => ''))
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Sample);
    for (const sample of samples)
      expect(sample.objects.every((object) => /^gsam2-\d+$/.test(object.trackId))).toBe(true);

    // Deterministic: a second output folder gets the same bytes everywhere (work folders included).
    const again = join(root, 'again');
    expect((await stkit(['pseudo', '--frames', frames, '--out', again, ...modelArgs()])).code).toBe(0);
    const a = await tree(out),
      b = await tree(again);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [path, bytes] of a) {
      if (path === 'manifest.json') continue; // names the output folder's inputs, compared below without paths
      expect(b.get(path)!.equals(bytes), path).toBe(true);
    }

    // A rerun reuses the three work folders (same digest: the files are not rewritten).
    const before = (await stat(join(out, 'intermediate', 'monst3r', 'pred_traj.txt'))).mtimeMs;
    expect((await stkit(['pseudo', '--frames', frames, '--out', out, ...modelArgs()])).code).toBe(0);
    expect((await stat(join(out, 'intermediate', 'monst3r', 'pred_traj.txt'))).mtimeMs).toBe(before);
    // A changed setting rebuilds that stage.
    expect(
      (
        await stkit([
          'pseudo',
          '--frames',
          frames,
          '--out',
          out,
          ...modelArgs().map((arg) => (arg === String(ITERATIONS) ? String(ITERATIONS - 1) : arg)),
        ])
      ).code,
    ).toBe(0);
    expect((await stat(join(out, 'intermediate', 'monst3r', 'pred_traj.txt'))).mtimeMs).not.toBe(before);
  });

  it("the materialised folders read back through openMonst3rOutput, readMetricDepthFrame and readGsam2TrackingFolder with the models' outputs", async () => {
    const out = join(root, 'out');
    await stkit(['pseudo', '--frames', frames, '--out', out, ...modelArgs()]);
    const images = [];
    for await (const frame of readFrameFolder(frames)) images.push(frame);

    // Reconstruction: the pointmap model + global alignment, run here directly.
    const scene = await alignAlone(images.map((frame) => frame.image));
    const reconstruction = await openMonst3rOutput(join(out, 'intermediate', 'monst3r'));
    expect([reconstruction.width, reconstruction.height]).toEqual([512, 288]);
    expect(reconstruction.cameras).toHaveLength(6);
    for (const [k, frame] of scene.frames.entries()) {
      const read = await reconstruction.readFrame(k);
      expect(
        Buffer.from(read.depth.buffer).equals(
          Buffer.from(frame.depth.buffer, frame.depth.byteOffset, frame.depth.byteLength),
        ),
        `depth of frame ${k}`,
      ).toBe(true);
      reconstruction.cameras[k]!.worldFromCamera.forEach((value, i) =>
        expect(value).toBeCloseTo(frame.worldFromCamera[i]!, 9),
      );
      expect(reconstruction.cameras[k]!.intrinsics.fx).toBe(frame.intrinsics.fx);
      for (let i = 0; i < read.confidence.length; i += 997)
        expect(read.confidence[i]).toBeCloseTo(frame.confidence[i]!, 3);
    }

    // Metric depth: Metric3D on each frame with the reconstruction's focal scaled to the frame.
    const metric3d = createMetric3dBackend({ model: METRIC3D, device: 'cpu' });
    for (const [k, frame] of images.entries()) {
      const camera = reconstruction.cameras[k]!;
      const intrinsics = scaleIntrinsics(
        camera.intrinsics,
        frame.image.width / reconstruction.width,
        frame.image.height / reconstruction.height,
      );
      const expected = await metric3d.doEstimate({ image: frame.image, intrinsics });
      const read = await readMetricDepthFrame({
        folder: join(out, 'intermediate', 'metric-depth'),
        index: k,
        width: frame.image.width,
        height: frame.image.height,
      });
      expect(Array.from(read), `metric depth of frame ${k}`).toEqual(Array.from(expected.depth));
    }
    await metric3d.dispose?.();

    // Masks: Grounding DINO + SAM 2 + tracker with the SPEC §3 prompt.
    const detector = createGroundingDinoBackend({
      model: TINY_MODELS.detector,
      tokenizer,
      device: 'cpu',
      boxThreshold: 0.4,
      textThreshold: 0.3,
    });
    const segmenter = createSam2Backend({
      encoder: TINY_MODELS.samEncoder,
      decoder: TINY_MODELS.samDecoder,
      device: 'cpu',
    });
    const expectedMasks = [];
    for await (const frame of segmentVideo({
      frames: images.map((frame, k) => ({ ...frame, frameIndex: k })),
      detector,
      segmenter,
      prompt: DEFAULT_PSEUDO_PROMPT,
      detectEvery: 1,
    }))
      expectedMasks.push(frame);
    await detector.dispose?.();
    await segmenter.dispose?.();
    const readMasks = [];
    for await (const frame of readGsam2TrackingFolder(join(out, 'intermediate', 'gsam2'), { masks: 'require' }))
      readMasks.push(frame);
    expect(readMasks).toHaveLength(6);
    expect(expectedMasks.some((frame) => frame.instances.length > 0)).toBe(true);
    for (const [k, frame] of readMasks.entries()) {
      const expected = expectedMasks[k]!;
      expect(frame.frameIndex).toBe(k);
      expect(frame.instances.map((instance) => [instance.instanceId, instance.className, instance.box])).toEqual(
        expected.instances.map((instance) => [instance.instanceId, instance.className, instance.box]),
      );
      expect(Array.from(frame.idMap!)).toEqual(Array.from(expected.idMap!));
    }
  });

  it('refuses a folder and its model together, neither, and a partial segment model set (exit 2, naming the flags)', async () => {
    const out = join(root, 'bad');
    const cases: [string[], RegExp][] = [
      [
        ['--monst3r', root, '--pointmap-model', POINTMAP_ENCODER, '--metric-depth', root, '--gsam2', root],
        /give --monst3r DIR or --pointmap-model FILE for the reconstruction, not both/,
      ],
      [
        ['--metric-depth', root, '--gsam2', root],
        /the reconstruction is required: give --monst3r DIR \(precomputed\) or --pointmap-model FILE \(run the model\)/,
      ],
      [
        ['--monst3r', root, '--metric-depth', root, '--metric-depth-model', METRIC3D, '--gsam2', root],
        /give --metric-depth DIR or --metric-depth-model FILE for the metric depth, not both/,
      ],
      [['--monst3r', root, '--metric-depth', root], /the objects are required: give --gsam2 DIR/],
      [
        ['--monst3r', root, '--metric-depth', root, '--gsam2', root, '--detector', TINY_MODELS.detector],
        /give --gsam2 DIR or --detector FILE/,
      ],
      [
        ['--monst3r', root, '--metric-depth', root, '--detector', TINY_MODELS.detector],
        /--sam-encoder'?: is required with --detector/,
      ],
      [
        ['--monst3r', root, '--metric-depth', root, '--gsam2', root, '--prompt', 'car.'],
        /--prompt'?: belongs to the segment models/,
      ],
      [
        ['--pointmap-model', POINTMAP_ENCODER, '--metric-depth', root, '--gsam2', root],
        /--frames'?: the models run on the video's frames/,
      ],
      [
        ['--frames', frames, '--pointmap-model', join(root, 'model.onnx'), '--metric-depth', root, '--gsam2', root],
        /--pointmap-decoder'?: is required: the decoder cannot be found/,
      ],
      [
        [
          '--frames',
          frames,
          '--pointmap-model',
          POINTMAP_ENCODER,
          '--metric-depth',
          root,
          '--gsam2',
          root,
          '--device',
          'tpu',
        ],
        /--device'?: unknown device/,
      ],
    ];
    for (const [args, message] of cases) {
      const result = await stkit(['pseudo', '--out', out, ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    const missing = await stkit([
      'pseudo',
      '--out',
      out,
      '--frames',
      frames,
      '--pointmap-model',
      join(root, 'none-encoder.onnx'),
      '--metric-depth',
      root,
      '--gsam2',
      root,
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/none-encoder\.onnx: not found/);
  });
});

describe('reconstructionWindows', () => {
  it('cuts at the clip windows (20 s from frame 0); frames between windows and after the last join the window before; a first window of 1 frame joins the next', () => {
    expect(reconstructionWindows(6, 2)).toEqual([{ first: 0, last: 5 }]);
    expect(reconstructionWindows(200, 2)).toEqual([
      { first: 0, last: 39 },
      { first: 40, last: 79 },
      { first: 80, last: 119 },
      { first: 120, last: 159 },
      { first: 160, last: 199 },
    ]);
    // 41 frames at 2 fps: the second clip window would hold one grid point (no clip), so frame 40 joins window 0.
    expect(reconstructionWindows(41, 2)).toEqual([{ first: 0, last: 40 }]);
    // 3 fps: clip 0 ends at 19.5 s = frame 58.5 → 58, clip 1 starts at 20 s = frame 60: frame 59 joins window 0.
    expect(reconstructionWindows(130, 3)).toEqual([
      { first: 0, last: 59 },
      { first: 60, last: 119 },
      { first: 120, last: 129 },
    ]);
    // One frame every 20 s: clip 0 holds frame 0 alone, so it joins the next window.
    expect(reconstructionWindows(3, 0.05)).toEqual([{ first: 0, last: 2 }]);
  });
});

describe(
  'stkit pseudo with the model flags on a video of two clip windows',
  { timeout: HEAVY_PROCESS_TIMEOUT_MS * 2 },
  () => {
    it('reconstructs window by window: window 0 as if alone, window 1 aligned alone with its anchor frame and chained to window 0 through it', async () => {
      // 13 frames at 0.5 fps: clip windows 0–19.5 s (frames 0–9) and 20–24 s (frames 10–12).
      const long = join(root, 'long-frames');
      await mkdir(long);
      await runProcess(
        'ffmpeg',
        [
          '-v',
          'error',
          '-f',
          'lavfi',
          '-i',
          'testsrc2=s=512x288:r=0.5:d=26',
          '-start_number',
          '0',
          join(long, '%05d.png'),
        ],
        { timeoutMs: PROCESS_TIMEOUT_MS },
      );
      expect(reconstructionWindows(13, 0.5)).toEqual([
        { first: 0, last: 9 },
        { first: 10, last: 12 },
      ]);
      const out = join(root, 'long-out');
      const result = await stkit(['pseudo', '--frames', long, '--fps', '0.5', '--out', out, ...modelArgs()]);
      expect(result.code, result.stderr).toBe(0);
      const written = await openMonst3rOutput(join(out, 'intermediate', 'monst3r'));
      expect(written.cameras).toHaveLength(13);
      const images = [];
      for await (const frame of readFrameFolder(long)) images.push(frame.image);

      // Window 0 (frames 0–9): exactly its own alignment, as if the video ended at frame 9.
      const first = await alignAlone(images.slice(0, 10));
      for (let k = 0; k < 10; k++) {
        const read = await written.readFrame(k);
        const frame = first.frames[k]!;
        expect(Buffer.from(read.depth.buffer).equals(Buffer.from(frame.depth.buffer)), `depth of frame ${k}`).toBe(
          true,
        );
        written.cameras[k]!.worldFromCamera.forEach((value, i) =>
          expect(value, `pose of frame ${k}`).toBeCloseTo(frame.worldFromCamera[i]!, 9),
        );
        expect(written.cameras[k]!.intrinsics.fx).toBe(frame.intrinsics.fx);
      }

      // Window 1: frames 9–12 aligned alone (its own world frame and scale), then mapped by the similarity that puts
      // its frame 9 on window 0's — computed here from the poses with the SE(3) helpers and a sorted median.
      const second = await alignAlone(images.slice(9, 13));
      const anchorBefore = first.frames[9]!,
        anchorAlone = second.frames[0]!;
      const ratios: number[] = [];
      for (let i = 0; i < anchorBefore.depth.length; i++) {
        const a = anchorBefore.depth[i]!,
          b = anchorAlone.depth[i]!;
        if (a > 0 && b > 0) ratios.push(a / b);
      }
      ratios.sort((x, y) => x - y);
      const mid = ratios.length >> 1;
      const scale = ratios.length % 2 ? ratios[mid]! : (ratios[mid - 1]! + ratios[mid]!) / 2;
      expect(Number.isFinite(scale) && scale > 0).toBe(true);
      // world0_from_world1 = anchor0 · S(scale) · inverse(anchor1), with S scaling the camera frame.
      const cameraScaled = (m: Float64Array): Float64Array => {
        const out = Float64Array.from(m);
        out[3]! *= scale;
        out[7]! *= scale;
        out[11]! *= scale;
        return out;
      };
      const anchorInverse = cameraScaled(se3Inverse(new Float64Array(16), anchorAlone.worldFromCamera));
      for (let k = 10; k < 13; k++) {
        const alone = second.frames[k - 9]!;
        // camera k in world 1 → camera 9 of window 1 (scaled to window 0's units) → world 0.
        const expected = se3Compose(
          new Float64Array(16),
          anchorBefore.worldFromCamera,
          se3Compose(new Float64Array(16), anchorInverse, cameraScaled(alone.worldFromCamera)),
        );
        written.cameras[k]!.worldFromCamera.forEach((value, i) =>
          expect(value, `pose of frame ${k}`).toBeCloseTo(expected[i]!, 9),
        );
        const read = await written.readFrame(k);
        for (let i = 0; i < read.depth.length; i += 101)
          expect(read.depth[i], `depth of frame ${k}`).toBe(Math.fround(alone.depth[i]! * scale));
        expect(written.cameras[k]!.intrinsics.fx).toBe(alone.intrinsics.fx);
      }

      // The clips of the two windows are labelled from one folder; the manifest counts every frame.
      const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as { counts: { frames: number } };
      expect(manifest.counts.frames).toBe(13);

      // A rerun reuses the folder.
      const before = (await stat(join(out, 'intermediate', 'monst3r', 'pred_traj.txt'))).mtimeMs;
      expect((await stkit(['pseudo', '--frames', long, '--fps', '0.5', '--out', out, ...modelArgs()])).code).toBe(0);
      expect((await stat(join(out, 'intermediate', 'monst3r', 'pred_traj.txt'))).mtimeMs).toBe(before);
    });
  },
);
