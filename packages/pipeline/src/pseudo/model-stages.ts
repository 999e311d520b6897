/**
 * The model-backed inputs of `stkit pseudo`: each model stage runs over the
 * video's frames and materialises its output in the same real format as the
 * precomputed inputs, in a folder under `OUT/intermediate/`, so the precomputed path
 * (`generatePseudo`) then runs unchanged:
 *
 * - `OUT/intermediate/monst3r/` — DUSt3R/MonST3R pairwise pointmaps over ONNX
 *   (`createPairwisePointmapBackend`, scene graph `swinstride-5-noncyclic`)
 *   then global alignment (`alignGlobally`, [definitions §3] settings: 300
 *   iterations, learning rate 0.01 → 0.001, temporal smoothing 0.01,
 *   translation weight 1.0; no flow term), written as a MonST3R output folder
 *   (`createMonst3rWriter`). A video longer than one clip window (20 s) is
 *   reconstructed window by window (`reconstructionWindows`): each window's
 *   frames are decoded, paired, aligned and written before the next window is
 *   read, and window w is chained to window w − 1's world frame and scale
 *   through the last frame of w − 1, which both reconstruct
 *   (`chainSceneToAnchor`) — one folder, one world frame for the whole video,
 *   as MonST3R's own `--window_wise` mode writes. Memory is one window's, whatever
 *   the video's length;
 * - `OUT/intermediate/metric-depth/` — Metric3D v2 over ONNX per frame
 *   (`createMetric3dBackend`), `frame_%04d.npy` in metres at the frame's
 *   resolution, with the reconstruction's focal length scaled to the frame
 *   (Metric3D's metric scale depends on it);
 * - `OUT/intermediate/gsam2/` — Grounding DINO + SAM 2 over ONNX with the IoU tracker
 *   (`segmentVideo`), written as a Grounded-SAM-2 tracking folder.
 *
 * Each folder is built under a temporary name, gets a `.stkit-stage.json`
 * holding the digest of what produced it (stage settings, package versions,
 * the model files' paths, sizes and modification times, the frames' bytes and
 * for metric depth the reconstruction's intrinsics), and is renamed into
 * place when complete. A rerun whose digest matches reuses the folder; any
 * other change rebuilds it.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DatasetFormatError, InvalidArgumentError } from '@stkit/core';
import type { OnnxDevice } from '@stkit/core/onnx';
import type { PointmapBackendV1, Scene4D, Scene4DFrame } from '@stkit/geometry';
import type { VideoFrame } from '@stkit/segment';
import { packageVersions } from '../manifest';
import { clipWindows } from './clip-scenes';

/** The Grounded-SAM-2 prompt of [definitions §3]: the ten classes, in Grounding DINO's "a. b." form. */
export const DEFAULT_PSEUDO_PROMPT =
  'bus. car. vehicle. human. automobile. person. animal. bicycle. motorcycle. truck.';

/** Where a stage's folder came from. */
export interface MaterialisedStage {
  /** The folder, in the format of the matching precomputed input. */
  dir: string;
  /** True when a complete folder with the same digest was reused. */
  reused: boolean;
}

/** Settings shared by the model stages. */
export interface ModelStageCommon {
  /** The frames (image files, one per frame, in order; frame k is at t = k / fps). */
  images: readonly string[];
  /** The work folder (`OUT/intermediate`). */
  workDir: string;
  /** @default 'auto' (CUDA when available, else CPU) */
  device?: OnnxDevice;
  signal?: AbortSignal;
  /** Progress of the stage: `done` of `total` units (pairs, iterations, frames). */
  onProgress?: (progress: { stage: string; done: number; total: number }) => void;
}

/** Options of {@link materialiseReconstruction}. */
export interface ReconstructionStageOptions extends ModelStageCommon {
  /** Pointmap encoder `.onnx` (`imgs [B,3,H,W]` → `feats [B,P,D]`). */
  encoder: string;
  /** Pointmap decoder `.onnx` (`feat1, feat2` → `pts3d1, conf1, pts3d2, conf2`). */
  decoder: string;
  /** Adam iterations of the global alignment. @default 300 */
  iterations?: number;
  /** Optimise on every n-th pixel. @default 8 */
  pixelStride?: number;
  /** Frames per second of `images`, which places the clip windows the reconstruction runs by. @default 2 */
  fps?: number;
}

/** Options of {@link materialiseMetricDepth}. */
export interface MetricDepthStageOptions extends ModelStageCommon {
  /** Metric3D v2 `.onnx`. */
  model: string;
  /** `'fixed'` (official 616×1064 export) or `'dynamic'`. @default 'fixed' */
  variant?: 'fixed' | 'dynamic';
  /** The MonST3R folder whose intrinsics give each frame's focal length. */
  reconstructionDir: string;
}

/** Options of {@link materialiseSegmentation}. */
export interface SegmentationStageOptions extends ModelStageCommon {
  /** Grounding DINO `.onnx`. */
  detector: string;
  /** The detector's `tokenizer.json`. @default tokenizer.json beside the detector */
  tokenizer?: string;
  samEncoder: string;
  samDecoder: string;
  /** @default {@link DEFAULT_PSEUDO_PROMPT} */
  prompt?: string;
  /** @default 0.4 (as `stkit segment`) */
  boxThreshold?: number;
  /** @default 0.3 (as `stkit segment`) */
  textThreshold?: number;
}

const STAGE_FILE = '.stkit-stage.json';
const VERSIONS = ['@stkit/core', '@stkit/geometry', '@stkit/segment', '@stkit/pipeline'];

/** Identity of a model file: path, size and modification time (hashing gigabytes of weights on every run is not worth it). */
async function fileIdentity(path: string, argument: string): Promise<string> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    return `${path} ${info.size} ${Math.round(info.mtimeMs)}`;
  } catch (error) {
    throw new InvalidArgumentError({
      argument,
      value: path,
      message: `${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message}`,
      cause: error,
    });
  }
}

async function stageDigest(
  stage: string,
  settings: Record<string, unknown>,
  images: readonly string[],
  extra: readonly string[] = [],
): Promise<string> {
  const hash = createHash('sha1')
    .update(JSON.stringify({ stage, settings, versions: packageVersions(VERSIONS) }))
    .update('\n');
  for (const text of extra) hash.update(text).update('\n');
  for (const image of images) {
    const bytes = await readFile(image).catch((error: Error) => {
      throw new DatasetFormatError({ file: image, reason: `cannot be read (${error.message})`, cause: error });
    });
    hash.update(`${basename(image)} ${bytes.length}\n`).update(bytes);
  }
  return hash.digest('hex');
}

/**
 * Builds `workDir/name` with `build(temporaryDir)` unless a complete folder with `digest` is there.
 * The folder appears under its name only when complete (built under a temporary name, renamed).
 */
async function materialise(
  workDir: string,
  name: string,
  digest: string,
  build: (dir: string) => Promise<void>,
): Promise<MaterialisedStage> {
  const dir = join(workDir, name);
  const previous = await readFile(join(dir, STAGE_FILE), 'utf8').then(
    (text) => (JSON.parse(text) as { digest?: string }).digest,
    () => undefined,
  );
  if (previous === digest) return { dir, reused: true };
  await mkdir(workDir, { recursive: true });
  const temporary = join(workDir, `.${name}.${process.pid}.tmp`);
  await rm(temporary, { recursive: true, force: true });
  try {
    await build(temporary);
    await writeFile(join(temporary, STAGE_FILE), `${JSON.stringify({ stage: name, digest })}\n`);
    await rm(dir, { recursive: true, force: true });
    await rename(temporary, dir);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
  return { dir, reused: false };
}

/** Decodes the frame images (with the system's ffmpeg, as `@stkit/segment` does), frame index = position. */
async function* decodeFrames(
  images: readonly string[],
  signal: AbortSignal | undefined,
  firstIndex = 0,
): AsyncGenerator<VideoFrame> {
  const segment = await import('@stkit/segment');
  for (const [position, file] of images.entries()) {
    const frameIndex = firstIndex + position;
    signal?.throwIfAborted();
    let image: VideoFrame['image'] | undefined;
    for await (const frame of segment.readVideoFrames(file, signal ? { signal } : {})) image ??= frame.image;
    if (!image) throw new DatasetFormatError({ file, row: frameIndex, reason: 'ffmpeg decoded no image from it' });
    yield { frameIndex, image };
  }
}

/**
 * The reconstruction windows of a video of `frameCount` frames at `fps`: the clip windows of `stkit pseudo`
 * (20 s from frame 0, see {@link clipWindows}), each extended to the next window's first frame so that every
 * frame is in exactly one window (frames between clip windows and after the last one join the window before
 * them). A first window of fewer than 2 frames is merged with the next (the alignment needs 2).
 * @returns first and last frame index (inclusive) of each window, in order; one window when the video is one clip or shorter.
 */
export function reconstructionWindows(frameCount: number, fps: number): { first: number; last: number }[] {
  const starts = clipWindows(frameCount, fps)
    .map((window) => window.firstFrame)
    .filter((start) => start > 0 && start < frameCount);
  while (starts.length > 0 && starts[0]! < 2) starts.shift();
  const firsts = [0, ...starts];
  return firsts.map((first, w) => ({ first, last: (firsts[w + 1] ?? frameCount) - 1 }));
}

/** Decodes `images`, predicts their pairs and aligns them: one window's reconstruction in its own world frame. */
async function alignWindow(
  geometry: typeof import('@stkit/geometry'),
  backend: PointmapBackendV1,
  images: readonly string[],
  firstIndex: number,
  options: Pick<ModelStageCommon, 'signal' | 'onProgress'> & { iterations: number; pixelStride: number },
): Promise<Scene4D> {
  const frames = [];
  for await (const frame of decodeFrames(images, options.signal, firstIndex)) frames.push(frame.image);
  const result = await backend.doPredict({
    frames,
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (done, total) => options.onProgress?.({ stage: 'pointmaps', done, total }),
  });
  const aligned = await geometry.alignGlobally({
    pairs: result.pairs,
    iterations: options.iterations,
    learningRate: 0.01,
    finalLearningRate: 0.001,
    temporalSmoothingWeight: 0.01,
    translationWeight: 1,
    pixelStride: options.pixelStride,
    onIteration: (iteration) =>
      options.onProgress?.({ stage: 'alignment', done: iteration + 1, total: options.iterations }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return aligned.scene;
}

/**
 * Runs the pairwise pointmap model over the frames and aligns the pairs globally, one reconstruction window
 * ({@link reconstructionWindows}) at a time; writes one MonST3R output folder for the whole video.
 * Window w > 0 also reconstructs the last frame of window w − 1 (the anchor) and is mapped into the previous
 * windows' world frame and scale through it ({@link chainSceneToAnchor}); the anchor keeps window w − 1's copy.
 * Only one window's frames, pointmaps and alignment are in memory at a time.
 * @throws {@link InvalidArgumentError} for `--pointmap-model`: …: not found
 * @throws {@link InvalidArgumentError} for `frames`: at least 2 frames are needed
 */
export async function materialiseReconstruction(options: ReconstructionStageOptions): Promise<MaterialisedStage> {
  const iterations = options.iterations ?? 300;
  const pixelStride = options.pixelStride ?? 8;
  const fps = options.fps ?? 2;
  if (options.images.length < 2)
    throw new InvalidArgumentError({
      argument: 'frames',
      value: options.images.length,
      message: 'at least 2 frames are needed',
    });
  const windows = reconstructionWindows(options.images.length, fps);
  const settings = {
    encoder: await fileIdentity(options.encoder, '--pointmap-model'),
    decoder: await fileIdentity(options.decoder, '--pointmap-decoder'),
    iterations,
    pixelStride,
    // One window (a video of one clip or less) keeps the settings of the whole-video stage.
    ...(windows.length > 1 ? { windows: windows.map((window) => window.first) } : {}),
  };
  const digest = await stageDigest('monst3r', settings, options.images);
  return materialise(options.workDir, 'monst3r', digest, async (dir) => {
    const geometry = await import('@stkit/geometry');
    const backend = geometry.createPairwisePointmapBackend({
      encoder: options.encoder,
      decoder: options.decoder,
      device: options.device ?? 'auto',
    });
    let writer: ReturnType<typeof geometry.createMonst3rWriter> | undefined;
    let anchor: Pick<Scene4DFrame, 'depth' | 'worldFromCamera'> | undefined;
    const label = (stage: string, w: number): string =>
      windows.length > 1 ? `${stage} (window ${w + 1}/${windows.length})` : stage;
    try {
      for (const [w, window] of windows.entries()) {
        const first = anchor ? window.first - 1 : window.first;
        // The window's frames and pairs are referenced only inside this call: they are garbage once it returns.
        const aligned = await alignWindow(geometry, backend, options.images.slice(first, window.last + 1), first, {
          ...options,
          iterations,
          pixelStride,
          onProgress: (state) => options.onProgress?.({ ...state, stage: label(state.stage, w) }),
        });
        const scene = anchor ? geometry.chainSceneToAnchor({ scene: aligned, anchorIndex: 0, anchor }).scene : aligned;
        writer ??= geometry.createMonst3rWriter(dir, scene);
        for (let k = window.first; k <= window.last; k++) await writer.writeFrame(k, scene.frames[k - first]!);
        anchor = scene.frames[scene.frames.length - 1]!;
      }
      await writer!.finish();
    } finally {
      await backend.dispose?.();
    }
  });
}

/**
 * Runs Metric3D v2 on every frame; writes `frame_%04d.npy` (metres, the frame's resolution).
 * @throws {@link InvalidArgumentError} for `--metric-depth-model`: …: not found
 * @throws {@link DatasetFormatError} on bad input, naming the file: … frames, the reconstruction … has …
 */
export async function materialiseMetricDepth(options: MetricDepthStageOptions): Promise<MaterialisedStage> {
  const variant = options.variant ?? 'fixed';
  const settings = { model: await fileIdentity(options.model, '--metric-depth-model'), variant };
  const intrinsicsFile = join(options.reconstructionDir, 'pred_intrinsics.txt');
  const intrinsicsText = await readFile(intrinsicsFile, 'utf8').catch(() => '');
  const digest = await stageDigest('metric-depth', settings, options.images, [intrinsicsText]);
  return materialise(options.workDir, 'metric-depth', digest, async (dir) => {
    const geometry = await import('@stkit/geometry');
    const reconstruction = await geometry.openMonst3rOutput(options.reconstructionDir);
    if (reconstruction.cameras.length !== options.images.length) {
      throw new DatasetFormatError({
        file: intrinsicsFile,
        reason: `${options.images.length} frames, the reconstruction ${options.reconstructionDir} has ${reconstruction.cameras.length}`,
      });
    }
    await mkdir(dir, { recursive: true });
    const backend = geometry.createMetric3dBackend({ model: options.model, variant, device: options.device ?? 'auto' });
    try {
      for await (const { frameIndex, image } of decodeFrames(options.images, options.signal)) {
        const camera = reconstruction.cameras[frameIndex]!;
        const k = geometry.scaleIntrinsics(
          camera.intrinsics,
          image.width / reconstruction.width,
          image.height / reconstruction.height,
        );
        const result = await backend.doEstimate({
          image,
          intrinsics: { fx: k.fx, fy: k.fy, cx: k.cx, cy: k.cy },
          ...(options.signal ? { signal: options.signal } : {}),
        });
        await geometry.writeNpy(join(dir, geometry.metricDepthFileName(frameIndex)), result.depth, [
          result.height,
          result.width,
        ]);
        options.onProgress?.({ stage: 'metric depth', done: frameIndex + 1, total: options.images.length });
      }
    } finally {
      await backend.dispose?.();
    }
  });
}

/**
 * Runs Grounding DINO + SAM 2 with the IoU tracker over the frames; writes a Grounded-SAM-2 tracking folder.
 * @throws {@link InvalidArgumentError} for `--detector`: …: not found
 */
export async function materialiseSegmentation(options: SegmentationStageOptions): Promise<MaterialisedStage> {
  const tokenizer = options.tokenizer ?? join(dirname(options.detector), 'tokenizer.json');
  const prompt = options.prompt ?? DEFAULT_PSEUDO_PROMPT;
  const boxThreshold = options.boxThreshold ?? 0.4,
    textThreshold = options.textThreshold ?? 0.3;
  const settings = {
    detector: await fileIdentity(options.detector, '--detector'),
    tokenizer: await fileIdentity(tokenizer, '--tokenizer'),
    samEncoder: await fileIdentity(options.samEncoder, '--sam-encoder'),
    samDecoder: await fileIdentity(options.samDecoder, '--sam-decoder'),
    prompt,
    boxThreshold,
    textThreshold,
  };
  const digest = await stageDigest('gsam2', settings, options.images);
  return materialise(options.workDir, 'gsam2', digest, async (dir) => {
    const segment = await import('@stkit/segment');
    const device = options.device ?? 'auto';
    const detector = segment.createGroundingDinoBackend({
      model: options.detector,
      tokenizer,
      device,
      boxThreshold,
      textThreshold,
    });
    const segmenter = segment.createSam2Backend({ encoder: options.samEncoder, decoder: options.samDecoder, device });
    const signal = options.signal ? { signal: options.signal } : {};
    try {
      await segment.writeGsam2TrackingFolder(
        dir,
        segment.segmentVideo({
          frames: decodeFrames(options.images, options.signal),
          detector,
          segmenter,
          prompt,
          detectEvery: 1,
          ...signal,
          onFrame: ({ frameIndex }) =>
            options.onProgress?.({ stage: 'segment', done: frameIndex + 1, total: options.images.length }),
        }),
        { overwrite: true, ...signal },
      );
    } finally {
      await detector.dispose?.();
      await segmenter.dispose?.();
    }
  });
}
