/**
 * The pseudo-label pipeline of [definitions §3–4](docs/pages/definitions.md#pseudo-labels), composed from the public APIs:
 *
 *   MonST3R folder ──► createMonst3rSceneBackend ─┐
 *   metric depth .npy ─► canonicalizeScale ◄──────┘  (scale → metres)
 *   Grounded-SAM-2 JSON ─► liftMasks ─► PseudoScene per 20 s clip
 *   ─► filterPseudoLabels: rule-based (DBSCAN, confidences, outliers, NN order, Kalman)
 *                          → VLM judge (optional) → selectFacts + buildSamples
 *                          → likelihood filter (optional)
 *   ─► Samples + clips + a Table-10 filter report
 */
import { createRandom, DatasetFormatError, type Clip, type Sample } from '@stkit/core';
import {
  filterPseudoLabels,
  type FilterReport,
  type ImageInput,
  type LikelihoodScorerV1,
  type RuleFilterOptions,
  type VlmJudge,
} from '@stkit/filters';
import {
  canonicalizeScale,
  createMonst3rSceneBackend,
  decodeCocoRle,
  type CanonicalizeScaleResult,
} from '@stkit/geometry';
import { selectFacts } from '@stkit/kinematics';
import { buildSamples } from '@stkit/templates';
import { buildPseudoScenes } from './pseudo-scenes';
import { readGroundedMasks, type GroundedVideo } from './read-grounded-masks';
import { readMetricDepths } from './read-metric-depth';

/** Options of {@link runPseudoLabelPipeline}. */
export interface PseudoLabelPipelineOptions {
  /** MonST3R output folder (`pred_traj.txt`, `pred_intrinsics.txt`, `frame_%04d.npy`, `conf_%d.npy`). */
  readonly monst3rDir: string;
  /** Grounded-SAM-2 results of the same frames (see `read-grounded-masks.ts`). */
  readonly masksFile: string;
  /** Metric depth per frame, `frame_%04d.npy`, metres (Metric3D v2). */
  readonly metricDepthDir: string;
  /** Frames per second of the frames both tools ran on. @default 2 (the 0.5 s grid) */
  readonly fps?: number;
  /** `clip.source` (dataset, log, domain). */
  readonly source: Clip['source'];
  /** Seed of every random choice (facts, wording). @default 0 */
  readonly seed?: number;
  /** Stage-1 thresholds ([definitions §4](docs/pages/definitions.md#filtering) defaults). */
  readonly rules?: RuleFilterOptions;
  /** Stage 2; skipped when absent. */
  readonly judge?: VlmJudge;
  /** The frames (with the boxes drawn) the judge sees, e.g. `createJudgeFrames`. @default the clip's `frames[].image` */
  readonly judgeFrames?: (clip: Clip) => Promise<readonly ImageInput[]>;
  /** Stage 3; skipped when absent. */
  readonly scorer?: LikelihoodScorerV1;
  readonly signal?: AbortSignal;
}

/** Result of {@link runPseudoLabelPipeline}. */
export interface PseudoLabelPipelineResult {
  /** Samples that passed every configured stage. */
  readonly samples: Sample[];
  /** Clips with the smoothed tracks that passed stages 1–2. */
  readonly clips: Clip[];
  readonly report: FilterReport;
  /** Scale canonicalisation ([definitions §3](docs/pages/definitions.md#pseudo-labels)): metres per MonST3R unit and the spread of the per-pixel ratios. */
  readonly canonicalScale: Pick<CanonicalizeScaleResult, 'scale' | 'pixelCount' | 'spread'>;
}

/** Runs the pipeline on one video. */
export async function runPseudoLabelPipeline(options: PseudoLabelPipelineOptions): Promise<PseudoLabelPipelineResult> {
  const { signal } = options;
  const fps = options.fps ?? 2;
  // Geometric branch: the precomputed MonST3R reconstruction (arbitrary scale)…
  const { scene } = await createMonst3rSceneBackend({ folder: options.monst3rDir }).doReconstruct(
    signal ? { signal } : {},
  );
  // …and the semantic branch (Grounded-SAM-2 tracks) of the same frames.
  const video = await readGroundedMasks(options.masksFile, signal ? { signal } : {});
  if (video.frameCount !== scene.frames.length) {
    throw new DatasetFormatError({
      file: options.masksFile,
      field: 'frames',
      reason: `${video.frameCount} frames, the MonST3R folder ${options.monst3rDir} has ${scene.frames.length}`,
    });
  }
  // Masks are sampled at the scene's pixel centres by scaling alone: a different aspect ratio means
  // MonST3R cropped its input (DUSt3R crops to multiples of 16), and every lifted point would be misplaced.
  const aspect = video.width / video.height,
    sceneAspect = scene.width / scene.height;
  if (Math.abs(aspect - sceneAspect) / sceneAspect > 0.01) {
    throw new DatasetFormatError({
      file: options.masksFile,
      field: 'img_width/img_height',
      reason: `${video.width}×${video.height} has another aspect ratio than the ${scene.width}×${scene.height} reconstruction (MonST3R crops its input); run Grounded-SAM-2 on the frames MonST3R saved, or crop the masks the same way`,
    });
  }
  // Canonical scale ([definitions §3](docs/pages/definitions.md#pseudo-labels)): median metric/reconstructed depth over confident, static pixels;
  // the objects' masks are excluded (moving objects are where the reconstruction is least reliable).
  const metricDepths = await readMetricDepths({
    folder: options.metricDepthDir,
    frameCount: scene.frames.length,
    width: scene.width,
    height: scene.height,
    ...(signal ? { signal } : {}),
  });
  const excludeMasks = objectMasksAtSceneResolution(video, scene.width, scene.height);
  const canonical = canonicalizeScale({ scene, metricDepths, excludeMasks });
  const scenes = buildPseudoScenes({ scene: canonical.scene, video, fps, source: options.source });
  const random = createRandom(options.seed ?? 0);
  const { samples, clips, report } = await filterPseudoLabels({
    scenes,
    ...(options.rules ? { rules: options.rules } : {}),
    ...(options.judge ? { judge: options.judge } : {}),
    ...(options.judgeFrames ? { frames: options.judgeFrames } : {}),
    ...(options.scorer ? { scorer: options.scorer } : {}),
    ...(signal ? { signal } : {}),
    // Kinematic grounding ([definitions §2](docs/pages/definitions.md#grounding), unchanged) and the paper's templates, on the smoothed tracks.
    generateSamples: (clip) => {
      const clipRandom = random.fork(clip.id);
      const { facts } = selectFacts(clip, { random: clipRandom.fork('facts') });
      return buildSamples({ clip, facts, random: clipRandom.fork('samples') });
    },
  });
  return {
    samples,
    clips,
    report,
    canonicalScale: { scale: canonical.scale, pixelCount: canonical.pixelCount, spread: canonical.spread },
  };
}

/** Union of every object's mask per frame, sampled at the scene's pixel centres. */
function objectMasksAtSceneResolution(video: GroundedVideo, width: number, height: number): Uint8Array[] {
  return Array.from({ length: video.frameCount }, (_, frame) => {
    const out = new Uint8Array(width * height);
    for (const track of video.tracks) {
      const detection = track.detections[frame];
      if (!detection) continue;
      const bitmap = decodeCocoRle(detection.mask);
      for (let v = 0; v < height; v++) {
        const row = Math.min(video.height - 1, Math.floor(((v + 0.5) * video.height) / height)) * video.width;
        for (let u = 0; u < width; u++)
          if (bitmap[row + Math.min(video.width - 1, Math.floor(((u + 0.5) * video.width) / width))])
            out[v * width + u] = 1;
      }
    }
    return out;
  });
}
