/**
 * The pseudo-label pipeline as a function ([definitions §3–4](docs/pages/definitions.md#pseudo-labels)): a plain video's
 * precomputed reconstruction (MonST3R folder), metric depth (Metric3D
 * `frame_%04d.npy`) and Grounded-SAM-2 tracking folder → canonical scale →
 * clips of lifted tracks (streamed one clip at a time) → the filters
 * (`'default'`: repair before discarding; `'paper'`: [definitions §4](docs/pages/definitions.md#filtering) exactly) →
 * kinematics' fact selection ([definitions §2](docs/pages/definitions.md#stationary) unchanged, so the stationary rule
 * applies) → templates. Writes `OUT/clips/part-*.jsonl`,
 * `OUT/samples/part-*.jsonl` (one shard per clip), `OUT/filter-report.json`,
 * `OUT/filter-report.md` and `OUT/manifest.json`, each atomically; a rerun
 * with the same inputs writes the same bytes.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import {
  DatasetFormatError,
  InvalidArgumentError,
  TASK_IDS,
  type Clip,
  type MaskFrame,
  type Sample,
} from '@stkit/core';
import {
  applyLikelihoodFilter,
  formatFilterReport,
  type FilterReport,
  type ImageInput,
  type LikelihoodScorerV1,
  type RepairingFilterOptions,
  type RuleFilterOptions,
  type TrackYield,
  type VlmJudge,
} from '@stkit/filters';
import { estimateUpFromCameras, metricDepthFileName, openMonst3rOutput } from '@stkit/geometry';
import type { FactSelectionOptions } from '@stkit/kinematics';
import { prepareOutputDir, writeFileAtomic } from './atomic-write';
import { addTaskCounts, emptyTaskCounts, type TaskCounts } from './clip-samples';
import { packageVersions, writeManifest } from './manifest';
import {
  clipRecordName,
  emptyFilterReport,
  filterClip,
  mergeFilterReport,
  removeClipRecordsFrom,
  windowDigest,
  type PseudoClipRecord,
} from './pseudo/clip-records';
import { clipWindows, streamPseudoScenes } from './pseudo/clip-scenes';
import { streamCanonicalScale } from './pseudo/scale';
import { sourceVideoOf } from './pseudo/video-frames';
import { createShardDigest, removeShardsFrom, removeStaleTemporaryFiles, writeShard } from './shards';

/** Where the Grounded-SAM-2 frames come from. */
export interface PseudoMaskSource {
  /** Frames in the source (must equal the reconstruction's). */
  frameCount: number;
  /** A fresh stream of the frames in order (read twice: scale, then lifting). */
  read(signal?: AbortSignal): AsyncIterable<MaskFrame>;
  /** The file of frame k, for error messages. */
  fileOf(index: number): string;
  /** A digest of frame k's files, for resuming clip by clip; without it every clip is recomputed on a rerun. */
  digestFrame?(index: number): Promise<string>;
}

/** The stage a progress event is about. */
export type PseudoStage = 'scale' | 'clips' | 'likelihood' | 'write';

/** Options of {@link generatePseudo}. */
export interface GeneratePseudoOptions {
  /** Output folder. */
  outDir: string;
  /** MonST3R output folder. */
  monst3rDir: string;
  /** Metric depth folder (`frame_%04d.npy`, metres). */
  metricDepthDir: string;
  /** The Grounded-SAM-2 frames, e.g. {@link gsam2MaskSource}. */
  masks: PseudoMaskSource;
  /** Frames per second of the frames the tools ran on. @default 2 */
  fps?: number;
  /** Frame images (one per frame) for `clip.frames[].image`. */
  images?: readonly string[];
  /** `clip.source` (`log` names the clips). */
  source: Clip['source'];
  /** `'default'` (repairing) or `'paper'` ([definitions §4](docs/pages/definitions.md#filtering) exactly). @default 'default' */
  filters?: 'default' | 'paper';
  repair?: RepairingFilterOptions;
  rules?: RuleFilterOptions;
  judge?: VlmJudge;
  judgeFrames?: (clip: Clip) => Promise<readonly ImageInput[]>;
  scorer?: LikelihoodScorerV1;
  /** @default 0 */
  seed?: number;
  kinematics?: Omit<FactSelectionOptions, 'random'>;
  /** Compute and report only: no clips or samples written (`stkit pseudo --inspect`). */
  inspect?: boolean;
  /** Run configuration echoed into the manifest. */
  config?: Record<string, unknown>;
  onProgress?: (progress: { stage: PseudoStage; done: number; total: number }) => void;
  signal?: AbortSignal;
}

/** Per-object yield of a run. */
export interface PseudoObjectYield extends TrackYield {
  clipId: string;
  /** Samples written that name the object. */
  samples: number;
}

/** Result of {@link generatePseudo}. */
export interface GeneratePseudoResult {
  clips: number;
  samples: number;
  counts: TaskCounts;
  /** Metres per reconstruction unit. */
  scale: number;
  report: FilterReport;
  objects: PseudoObjectYield[];
  /** Clip seconds of the frames whose camera pose was a glitch, per clip. */
  poseGlitches: Record<string, number[]>;
  manifestPath: string | undefined;
  /** The written clips (smoothed tracks that passed the filters) and samples. */
  clipList: Clip[];
  sampleList: Sample[];
  /** Clips whose outcome an earlier run with the same inputs and options left in `OUT/intermediate/clips` (not lifted or filtered again). */
  resumedClips: number;
}

/**
 * A Grounded-SAM-2 tracking folder as a {@link PseudoMaskSource} (read with `@stkit/segment`).
 * @param dir - the folder holding `json_data/` and `mask_data/`.
 * @throws {@link DatasetFormatError} on bad input, naming the file: no mask frames (an empty mask folder)
 */
export async function gsam2MaskSource(dir: string): Promise<PseudoMaskSource> {
  const segment = await import('@stkit/segment');
  const listing = await segment.listGsam2TrackingFolder(dir);
  if (listing.frameIndices.length === 0)
    throw new DatasetFormatError({ file: join(dir, 'json_data'), reason: 'no mask frames (an empty mask folder)' });
  listing.frameIndices.forEach((frameIndex, k) => {
    if (frameIndex !== k)
      throw new DatasetFormatError({
        file: join(dir, 'json_data', `${segment.gsam2FrameStem(k)}.json`),
        row: k,
        reason: `missing (the folder jumps from frame ${k - 1} to ${frameIndex})`,
      });
  });
  return {
    frameCount: listing.frameIndices.length,
    read: (signal) => segment.readGsam2TrackingFolder(dir, { masks: 'require', ...(signal ? { signal } : {}) }),
    fileOf: (index) => join(dir, 'json_data', `${segment.gsam2FrameStem(index)}.json`),
    digestFrame: async (index) => {
      const stem = segment.gsam2FrameStem(index);
      const hash = createHash('sha1');
      for (const file of [join(dir, 'json_data', `${stem}.json`), join(dir, 'mask_data', `${stem}.npy`)])
        hash.update(await readFile(file).catch(() => Buffer.alloc(0))).update('\n');
      return hash.digest('hex');
    },
  };
}

async function countMetricDepthFrames(dir: string): Promise<number> {
  const names = await readdir(dir).catch((error: Error) => {
    throw new DatasetFormatError({ file: dir, reason: `cannot be read (${error.message})`, cause: error });
  });
  return names.filter((name) => /^frame_\d{4,}\.npy$/.test(name)).length;
}

/**
 * Runs the pseudo-label pipeline on one video (see the module comment).
 * @throws {@link InvalidArgumentError} for `fps`: must be a positive number of frames per second
 * @throws {@link InvalidArgumentError} for `filters`: must be 'default' or 'paper'
 * @throws {@link DatasetFormatError} on bad input, naming the file: … metric depth frames, the reconstruction … has …
 * @throws {@link DatasetFormatError} on bad input, naming the file: … mask frames, the reconstruction … has …
 * @throws {@link DatasetFormatError} on bad input, naming the file: … video frames, the reconstruction … has …
 */
export async function generatePseudo(options: GeneratePseudoOptions): Promise<GeneratePseudoResult> {
  const { signal } = options;
  const fps = options.fps ?? 2;
  if (!(Number.isFinite(fps) && fps > 0))
    throw new InvalidArgumentError({
      argument: 'fps',
      value: fps,
      message: 'must be a positive number of frames per second',
    });
  const mode = options.filters ?? 'default';
  if (mode !== 'default' && mode !== 'paper')
    throw new InvalidArgumentError({ argument: 'filters', value: mode, message: "must be 'default' or 'paper'" });
  const seed = options.seed ?? 0;
  // Inputs: every count checked before anything is written.
  const reconstruction = await openMonst3rOutput(options.monst3rDir);
  const frameCount = reconstruction.cameras.length;
  const metricCount = await countMetricDepthFrames(options.metricDepthDir);
  if (metricCount !== frameCount) {
    throw new DatasetFormatError({
      file: join(options.metricDepthDir, metricDepthFileName(Math.min(metricCount, frameCount))),
      row: Math.min(metricCount, frameCount),
      reason: `${metricCount} metric depth frames, the reconstruction ${options.monst3rDir} has ${frameCount}`,
    });
  }
  if (options.masks.frameCount !== frameCount) {
    throw new DatasetFormatError({
      file: options.masks.fileOf(Math.min(options.masks.frameCount, frameCount)),
      row: Math.min(options.masks.frameCount, frameCount),
      reason: `${options.masks.frameCount} mask frames, the reconstruction ${options.monst3rDir} has ${frameCount}`,
    });
  }
  if (options.images && options.images.length !== frameCount) {
    // Frames decoded from a video: the video is the input at fault, not one of its decoded frames.
    const first = options.images[0];
    const video = first === undefined ? undefined : await sourceVideoOf(resolve(options.outDir, dirname(first)));
    if (video !== undefined)
      throw new DatasetFormatError({
        file: video,
        reason: `decodes to ${options.images.length} frames at ${fps} fps, the reconstruction ${options.monst3rDir} has ${frameCount}`,
      });
    throw new DatasetFormatError({
      file: options.images[Math.min(options.images.length, frameCount) - 1] ?? 'frames',
      row: Math.min(options.images.length, frameCount),
      reason: `${options.images.length} video frames, the reconstruction ${options.monst3rDir} has ${frameCount}`,
    });
  }
  const progress = (stage: PseudoStage, done: number, total: number): void =>
    options.onProgress?.({ stage, done, total });

  // Stage: canonical scale (one streaming pass).
  progress('scale', 0, frameCount);
  const scale = await streamCanonicalScale({
    reconstruction,
    metricDepthDir: options.metricDepthDir,
    masks: options.masks.read(signal),
    masksFile: options.masks.fileOf,
    ...(signal ? { signal } : {}),
  });
  progress('scale', frameCount, frameCount);
  const up = estimateUpFromCameras(reconstruction.cameras.map((camera) => camera.worldFromCamera));

  // Stage: clips, filters (stages 1–2), samples — one clip's clouds in memory at a time. Each clip's
  // outcome is kept in OUT/intermediate/clips/clip-%05d.json under the digest of its inputs, so a rerun with
  // the same inputs and options reuses it instead of lifting and filtering the clip again.
  const versions = packageVersions([
    '@stkit/core',
    '@stkit/geometry',
    '@stkit/segment',
    '@stkit/filters',
    '@stkit/kinematics',
    '@stkit/templates',
    '@stkit/pipeline',
  ]);
  const windows = clipWindows(frameCount, fps);
  const cacheDir = join(options.outDir, 'intermediate', 'clips');
  const canResume = !options.inspect && options.masks.digestFrame !== undefined;
  const clipConfig = JSON.stringify({
    command: 'pseudo',
    seed,
    fps,
    filters: mode,
    repair: options.repair ?? null,
    rules: options.rules ?? null,
    kinematics: options.kinematics ?? null,
    judge: options.judge !== undefined,
    judgeFrames: options.judgeFrames !== undefined,
    config: options.config ?? null,
    source: options.source,
    scale: scale.scale,
    up,
    windows: windows.length,
    versions,
  });
  const records: (PseudoClipRecord | undefined)[] = windows.map(() => undefined);
  const digests: (string | undefined)[] = windows.map(() => undefined);
  if (canResume) {
    await removeStaleTemporaryFiles(cacheDir);
    for (const [w, window] of windows.entries()) {
      digests[w] = await windowDigest(clipConfig, w, window, reconstruction, options.masks, options.images, signal);
      const cached = await readFile(join(cacheDir, clipRecordName(w)), 'utf8').then(
        (text) => JSON.parse(text) as PseudoClipRecord,
        () => undefined,
      );
      if (cached?.digest === digests[w]) records[w] = cached;
    }
  }
  const skip = new Set(records.flatMap((record, w) => (record ? [w] : [])));
  const pending = windows.map((_, w) => w).filter((w) => !skip.has(w));
  let clipsDone = 0;
  const resumedClips = skip.size;
  const clipProgress = (): void => progress('clips', ++clipsDone, windows.length);
  for (let w = 0; w < windows.length && skip.has(w); w++) clipProgress();
  const scenes = streamPseudoScenes({
    reconstruction,
    scale: scale.scale,
    masks: options.masks.read(signal),
    masksFile: options.masks.fileOf,
    fps,
    up,
    source: options.source,
    skip,
    ...(options.images ? { images: options.images } : {}),
    ...(signal ? { signal } : {}),
  });
  let next = 0;
  for await (const scene of scenes) {
    const w = pending[next++]!;
    const record = await filterClip(scene, mode, seed, options);
    record.digest = digests[w] ?? '';
    records[w] = record;
    if (canResume) {
      // Created with the first record, so bad input found in the first clip leaves nothing behind.
      if (next === 1) {
        await prepareOutputDir(options.outDir, 'outDir');
        await mkdir(cacheDir, { recursive: true });
      }
      await writeFileAtomic(join(cacheDir, clipRecordName(w)), `${JSON.stringify(record)}\n`);
    }
    clipProgress();
    for (let v = w + 1; v < windows.length && skip.has(v); v++) clipProgress();
  }
  if (canResume) await removeClipRecordsFrom(cacheDir, windows.length);

  // Stage 3 (likelihood) normalises within each task over the whole run, so it runs on every clip's candidates together.
  const report = emptyFilterReport(options.judge !== undefined, options.scorer !== undefined);
  const objects: PseudoObjectYield[] = [];
  const poseGlitches: Record<string, number[]> = {};
  const counts = emptyTaskCounts();
  const clipList: Clip[] = [];
  let candidates: Sample[] = [];
  for (const record of records) {
    if (!record) continue;
    mergeFilterReport(report, record.report);
    objects.push(...record.objects.map((object) => ({ ...object, samples: 0 })));
    if (record.poseGlitches) poseGlitches[record.clipId] = record.poseGlitches;
    if (record.counts)
      addTaskCounts(counts, {
        ...record.counts,
        samples: Object.fromEntries(TASK_IDS.map((task) => [task, 0])) as TaskCounts['samples'],
      });
    if (record.clip) clipList.push(record.clip);
    candidates = candidates.concat(record.samples);
  }
  report.taskSpecificModelBased.input = candidates.length;
  let samples = candidates;
  if (options.scorer && candidates.length > 0) {
    const { logLikelihoods } = await options.scorer.doScore({ samples: candidates, signal });
    const likelihood = applyLikelihoodFilter({ samples: candidates, logLikelihoods });
    samples = likelihood.kept;
    report.taskSpecificModelBased.reasons = likelihood.droppedByTask;
  }
  report.taskSpecificModelBased.kept = samples.length;
  const filtered = { clips: clipList, samples, report };
  for (const sample of filtered.samples) {
    counts.samples[sample.task]++;
    for (const object of sample.objects) {
      const entry = objects.find(
        (candidate) => candidate.clipId === sample.clipId && candidate.trackId === object.trackId,
      );
      if (entry) entry.samples++;
    }
  }
  const result: GeneratePseudoResult = {
    clips: filtered.clips.length,
    samples: filtered.samples.length,
    counts,
    scale: scale.scale,
    report: filtered.report,
    objects,
    poseGlitches,
    manifestPath: undefined,
    clipList: filtered.clips,
    sampleList: filtered.samples,
    resumedClips,
  };
  if (options.inspect) return result;

  // Stage: write (every file atomically; shards one per surviving clip).
  progress('write', 0, filtered.clips.length);
  await prepareOutputDir(options.outDir, 'outDir');
  const clipsDir = join(options.outDir, 'clips'),
    samplesDir = join(options.outDir, 'samples');
  await mkdir(clipsDir, { recursive: true });
  await mkdir(samplesDir, { recursive: true });
  await removeStaleTemporaryFiles(clipsDir);
  await removeStaleTemporaryFiles(samplesDir);
  const configKey = JSON.stringify({ command: 'pseudo', seed, fps, filters: mode, versions });
  for (const [index, clip] of filtered.clips.entries()) {
    const digest = createShardDigest(configKey);
    const clipLine = JSON.stringify(clip);
    digest.update(clipLine);
    const inputDigest = digest.digest();
    const lines = filtered.samples
      .filter((sample) => sample.clipId === clip.id)
      .map((sample) => JSON.stringify(sample));
    await writeShard(clipsDir, index, 1, [clipLine], {}, inputDigest);
    await writeShard(samplesDir, index, 1, lines, { samples: lines.length }, inputDigest);
    progress('write', index + 1, filtered.clips.length);
  }
  await removeShardsFrom(clipsDir, filtered.clips.length);
  await removeShardsFrom(samplesDir, filtered.clips.length);
  const yieldSummary = summariseYield(objects);
  await writeFileAtomic(
    join(options.outDir, 'filter-report.json'),
    `${JSON.stringify({ filters: mode, scale: { metresPerUnit: scale.scale, pixels: scale.pixelCount, relativeMad: scale.relativeMad }, poseGlitches, summary: yieldSummary, objects, stages: filtered.report }, null, 2)}\n`,
  );
  await writeFileAtomic(join(options.outDir, 'filter-report.md'), formatPseudoReport(result, mode));
  const manifestPath = join(options.outDir, 'manifest.json');
  await writeManifest(manifestPath, {
    command: 'pseudo',
    seed,
    config: {
      fps,
      filters: mode,
      monst3r: options.monst3rDir,
      metricDepth: options.metricDepthDir,
      ...(options.config ?? {}),
    },
    versions,
    counts: {
      frames: frameCount,
      clips: filtered.clips.length,
      samples: filtered.samples.length,
      shards: filtered.clips.length,
      perTask: Object.fromEntries(TASK_IDS.map((task) => [task, counts.samples[task]])),
      perSource: { [options.source.dataset]: filtered.samples.length },
      objectsSeen: yieldSummary.objectsSeen,
      objectsWithSamples: yieldSummary.objectsWithSamples,
    },
    scale: { metresPerUnit: scale.scale, pixels: scale.pixelCount },
  });
  result.manifestPath = manifestPath;
  return result;
}

/**
 * Run summary: objects seen, objects with samples.
 * @returns counts of objects (seen, kept by the filters, with samples) and of frames (in, kept).
 */
export function summariseYield(objects: readonly PseudoObjectYield[]): {
  objectsSeen: number;
  objectsKept: number;
  objectsWithSamples: number;
  framesIn: number;
  framesKept: number;
} {
  return {
    objectsSeen: objects.length,
    objectsKept: objects.filter((object) => object.verdict === 'kept').length,
    objectsWithSamples: objects.filter((object) => object.samples > 0).length,
    framesIn: objects.reduce((sum, object) => sum + object.framesIn, 0),
    framesKept: objects.reduce((sum, object) => sum + object.framesKept, 0),
  };
}

/**
 * The per-object yield table (Markdown) plus the stage report.
 * @param mode - the filter mode named in the title (`default` or `paper`).
 */
export function formatPseudoReport(
  result: Pick<GeneratePseudoResult, 'objects' | 'report' | 'counts' | 'scale' | 'poseGlitches'>,
  mode: string,
): string {
  const lines = [
    `# Pseudo-label filter report (filters: ${mode})`,
    '',
    `Canonical scale: ${result.scale.toFixed(4)} m per reconstruction unit.`,
    '',
  ];
  const glitches = Object.entries(result.poseGlitches);
  if (glitches.length > 0)
    lines.push(
      `Camera-pose glitches (frames absent for every object): ${glitches.map(([clip, times]) => `${clip} at ${times.map((t) => `${t.toFixed(2)} s`).join(', ')}`).join('; ')}.`,
      '',
    );
  lines.push(
    '| clip | object | category | frames in | frames kept | why the others went | verdict | motion | direction questions | samples |',
    '|---|---|---|---:|---:|---|---|---|---|---:|',
  );
  for (const object of result.objects) {
    const why = Object.entries(object.dropped)
      .map(([reason, count]) => `${reason} ${count}`)
      .join(', ');
    // Frames kept for presence only (mostly hidden) are among the kept ones; say how many.
    const kept = object.partlyHidden
      ? `${object.framesKept} (${object.partlyHidden} partly hidden)`
      : object.framesKept;
    const motion = object.motion === undefined ? '—' : object.motion.parked ? 'parked' : 'moving';
    const direction =
      object.direction === undefined
        ? '—'
        : object.direction.reliable
          ? 'asked'
          : // A resumed clip's record comes from JSON, where a non-finite σ was written as null.
            typeof object.direction.noise === 'number' && Number.isFinite(object.direction.noise)
            ? `withheld (noise σ ${object.direction.noise.toFixed(2)} m)`
            : 'withheld';
    lines.push(
      `| ${object.clipId} | ${object.trackId} | ${object.category} | ${object.framesIn} | ${kept} | ${why || '—'} | ${object.verdict} | ${motion} | ${direction} | ${object.samples} |`,
    );
  }
  const summary = summariseYield(result.objects);
  lines.push(
    '',
    `Objects seen ${summary.objectsSeen}, kept ${summary.objectsKept}, with samples ${summary.objectsWithSamples}; frames kept ${summary.framesKept} of ${summary.framesIn}.`,
    '',
  );
  lines.push(
    '| task | samples |',
    '|---|---:|',
    ...TASK_IDS.map((task) => `| ${task} | ${result.counts.samples[task]} |`),
    '',
  );
  lines.push(formatFilterReport(result.report), '');
  return `${lines.join('\n')}\n`;
}
