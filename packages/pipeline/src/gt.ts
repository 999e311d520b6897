/**
 * The ground-truth pipeline as a function: a dataset reader's Clips →
 * `OUT/clips/part-*.jsonl` + `OUT/samples/part-*.jsonl` (+ frames with the
 * visual prompt where images exist) + `OUT/manifest.json`. Shards of a fixed
 * number of clips are written atomically; a rerun keeps complete shards and
 * gives byte-identical files.
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DatasetFormatError, StkitError, safeParseClip, TASK_IDS, type Clip, type Sample } from '@stkit/core';
import { prepareOutputDir } from './atomic-write';
import type { ClipReadEvent } from '@stkit/datasets/registry';
import type { FactSelectionOptions } from '@stkit/kinematics';
import { addTaskCounts, emptyTaskCounts, generateClipSamples, type TaskCounts } from './clip-samples';
import { packageVersions, writeManifest } from './manifest';
import { createShardDigest, readCompleteShard, removeShardsFrom, removeStaleTemporaryFiles, writeShard } from './shards';

/** A reader event: the `ClipReadEvent` of `@stkit/datasets` (not re-declared here). */
export type GtReadEvent = ClipReadEvent;

/** Draws the frames of one sample; returns the written frame paths (relative to `outDir`). */
export type FrameRenderer = (input: { clip: Clip; sample: Sample; outDir: string }) => Promise<string[] | undefined>;

/**
 * The part of a clip its camera sees. When the clip has a camera, a question
 * may only name objects drawn in the frames (the visual prompt), so an
 * annotation without a 2D box counts as absent and tracks never in view are
 * dropped. Clips without a camera are returned unchanged.
 */
export function restrictToCameraView(clip: Clip): Clip {
  if (clip.camera === undefined) return clip;
  const tracks = [];
  for (const track of clip.tracks) {
    const samples = track.samples.filter((sample) => sample.box2d !== undefined);
    if (samples.length === track.samples.length) tracks.push(track);
    else if (samples.length > 0) tracks.push({ ...track, samples });
  }
  return tracks.length === clip.tracks.length && tracks.every((track, index) => track === clip.tracks[index]) ? clip : { ...clip, tracks };
}

/** Options of {@link generateGt}. */
export interface GenerateGtOptions {
  /** Reader events (from a `DatasetReader.readClips(...)`). */
  events: AsyncIterable<GtReadEvent>;
  /** Output folder. */
  outDir: string;
  /** @default 0 */
  seed?: number;
  /** Clips per shard. @default 100 */
  shardSize?: number;
  /** Fact selection thresholds. */
  kinematics?: Omit<FactSelectionOptions, 'random'>;
  /** Frames shown per sample. @default 32 */
  maxFrames?: number;
  /** Draws frames with the visual prompt; samples get `frames` paths. Absent: no frames. */
  renderFrames?: FrameRenderer;
  /**
   * Ask only about what the camera sees ({@link restrictToCameraView}) in
   * clips that have a camera. The written clips keep every track. @default true
   */
  cameraViewOnly?: boolean;
  /** Run configuration echoed into the manifest. */
  config?: Record<string, unknown>;
  onProgress?: (progress: { clips: number; samples: number; errors: number }) => void;
  onError?: (error: DatasetFormatError) => void;
  signal?: AbortSignal;
}

/** Result of {@link generateGt}. */
export interface GenerateGtResult {
  clips: number;
  samples: number;
  errors: number;
  counts: TaskCounts;
  resumedShards: number;
  manifestPath: string;
}

interface GtShardCounts {
  tasks: TaskCounts;
  sources: Record<string, number>;
  clips: number;
  /** Clips whose data kinematics rejected (duplicate track ids, …); kept in the clips shard, without samples. */
  failed: { clipId: string; field: string | undefined; message: string }[];
  /** Samples skipped because a frame image could not be read (kept here so a resumed run rebuilds the same manifest). */
  frameErrors?: GtErrorRecord[];
  /** Samples of camera-free clips (`visualPrompt: false`): text-only baselines and kinematics checks. */
  textOnly?: number;
}

interface GtErrorRecord {
  file: string;
  row: number | undefined;
  field: string | undefined;
  log: string | undefined;
  message: string;
}

/** Removes the temporary frame files (`*.tmp`) a killed run left anywhere under `dir`. */
async function removeStaleFrameFiles(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir, { recursive: true });
  } catch {
    return;
  }
  for (const name of names) if (name.endsWith('.tmp')) await rm(join(dir, name), { force: true });
}

/** A clip the Clip schema rejects (a reader produced NaN, a zero focal length, …), as a located error event. */
function invalidClipError(clip: Clip, error: DatasetFormatError): DatasetFormatError {
  const source = (clip as { source?: { log?: unknown } }).source;
  const file = typeof source?.log === 'string' ? source.log : String((clip as { id?: unknown }).id);
  return new DatasetFormatError({ file, field: error.field, reason: `clip '${String((clip as { id?: unknown }).id)}' is not a valid Clip: ${error.reason}`, cause: error });
}

/** Runs the ground-truth pipeline (see the package README). */
export async function generateGt(options: GenerateGtOptions): Promise<GenerateGtResult> {
  const seed = options.seed ?? 0;
  const shardSize = options.shardSize ?? 100;
  const cameraViewOnly = options.cameraViewOnly ?? true;
  await prepareOutputDir(options.outDir);
  const clipsDir = join(options.outDir, 'clips');
  const samplesDir = join(options.outDir, 'samples');
  await mkdir(clipsDir, { recursive: true });
  await mkdir(samplesDir, { recursive: true });
  // Until this run completes the folder has no manifest, so a manifest never describes a mix of two runs.
  await rm(join(options.outDir, 'manifest.json'), { force: true });
  await removeStaleTemporaryFiles(clipsDir);
  await removeStaleTemporaryFiles(samplesDir);
  await removeStaleFrameFiles(join(options.outDir, 'frames'));

  const versions = packageVersions(['@stkit/core', '@stkit/datasets', '@stkit/kinematics', '@stkit/templates', '@stkit/pipeline']);
  // Everything besides the clips that decides the output bytes (frames drawn or not included).
  const configKey = JSON.stringify({ command: 'gt', seed, kinematics: options.kinematics ?? {}, maxFrames: options.maxFrames ?? 32, shardSize, frames: options.renderFrames !== undefined, cameraViewOnly, versions });
  const total = emptyTaskCounts();
  const sources: Record<string, number> = {};
  const errors: GtErrorRecord[] = [];
  const frameErrors: GtErrorRecord[] = [];
  const failedClips: GtShardCounts['failed'] = [];
  let clips = 0;
  let samples = 0;
  let resumedShards = 0;
  let textOnlySamples = 0;
  let shardIndex = 0;
  let batch: Clip[] = [];

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const existing = await readCompleteShard<GtShardCounts>(samplesDir, shardIndex);
    const existingClips = await readCompleteShard<Record<string, never>>(clipsDir, shardIndex);
    const clipLines = batch.map((clip) => JSON.stringify(clip));
    const digest = createShardDigest(configKey);
    for (const line of clipLines) digest.update(line);
    const inputDigest = digest.digest();
    let counts: GtShardCounts;
    let lineCount: number;
    if (
      existing !== undefined &&
      existingClips !== undefined &&
      existing.items === batch.length &&
      existingClips.items === batch.length &&
      existing.inputDigest === inputDigest &&
      existingClips.inputDigest === inputDigest
    ) {
      resumedShards++;
      counts = existing.counts;
      lineCount = existing.lines;
    } else {
      counts = { tasks: emptyTaskCounts(), sources: {}, clips: 0, failed: [], frameErrors: [] };
      const sampleLines: string[] = [];
      for (const clip of batch) {
        options.signal?.throwIfAborted();
        let result: ReturnType<typeof generateClipSamples>;
        try {
          result = generateClipSamples(cameraViewOnly ? restrictToCameraView(clip) : clip, { seed, kinematics: options.kinematics, maxFrames: options.maxFrames });
        } catch (error) {
          if (!StkitError.isInstance(error)) throw error;
          const field = (error as { field?: unknown }).field;
          counts.failed.push({ clipId: clip.id, field: typeof field === 'string' ? field : undefined, message: error.message });
          continue;
        }
        let written = 0;
        for (const sample of result.samples) {
          if (options.renderFrames !== undefined) {
            let frames: string[] | undefined;
            try {
              frames = await options.renderFrames({ clip, sample, outDir: options.outDir });
            } catch (error) {
              // One unreadable image: the samples showing that frame are skipped, the run goes on.
              if (!DatasetFormatError.isInstance(error)) throw error;
              counts.tasks.samples[sample.task]--;
              counts.frameErrors!.push({ file: error.file, row: error.row, field: error.field, log: clip.source.log, message: `sample ${sample.id} skipped: ${error.message}` });
              options.onError?.(error);
              continue;
            }
            if (frames !== undefined) sample.frames = frames;
          }
          if (sample.visualPrompt === false) counts.textOnly = (counts.textOnly ?? 0) + 1;
          sampleLines.push(JSON.stringify(sample));
          written++;
        }
        addTaskCounts(counts.tasks, result.counts);
        counts.sources[clip.source.dataset] = (counts.sources[clip.source.dataset] ?? 0) + written;
        counts.clips++;
      }
      await writeShard(clipsDir, shardIndex, batch.length, clipLines, {}, inputDigest);
      const meta = await writeShard(samplesDir, shardIndex, batch.length, sampleLines, counts, inputDigest);
      lineCount = meta.lines;
    }
    addTaskCounts(total, counts.tasks);
    for (const [dataset, count] of Object.entries(counts.sources)) sources[dataset] = (sources[dataset] ?? 0) + count;
    failedClips.push(...counts.failed);
    frameErrors.push(...(counts.frameErrors ?? []));
    textOnlySamples += counts.textOnly ?? 0;
    clips += counts.clips;
    samples += lineCount;
    shardIndex++;
    batch = [];
    options.onProgress?.({ clips, samples, errors: errors.length });
  };

  for await (const event of options.events) {
    options.signal?.throwIfAborted();
    if (event.kind === 'error') {
      errors.push({ file: event.error.file, row: event.error.row, field: event.error.field, log: event.log, message: event.error.message });
      options.onError?.(event.error);
      continue;
    }
    const parsed = safeParseClip(event.clip);
    if (!parsed.success) {
      // Validated before kinematics: a schema-invalid clip is neither labelled nor written.
      const error = invalidClipError(event.clip, parsed.error);
      errors.push({ file: error.file, row: error.row, field: error.field, log: event.clip.source?.log, message: error.message });
      options.onError?.(error);
      continue;
    }
    batch.push(event.clip);
    if (batch.length >= shardSize) await flush();
  }
  await flush();
  // A rerun over fewer clips: the shards beyond this run's last one belong to the older run.
  await removeShardsFrom(clipsDir, shardIndex);
  await removeShardsFrom(samplesDir, shardIndex);

  const manifestPath = join(options.outDir, 'manifest.json');
  await writeManifest(manifestPath, {
    command: 'gt',
    seed,
    config: { shardSize, maxFrames: options.maxFrames ?? 32, cameraViewOnly, kinematics: options.kinematics ?? {}, ...(options.config ?? {}) },
    versions,
    counts: {
      clips,
      samples,
      shards: shardIndex,
      failedLogs: errors.length,
      failedClips: failedClips.length,
      skippedSamples: frameErrors.length,
      perTask: Object.fromEntries(TASK_IDS.map((task) => [task, total.samples[task]])),
      perSource: sources,
      candidates: total.candidates,
      rejected: total.rejected,
    },
    ...(textOnlySamples > 0
      ? { notes: [`${textOnlySamples} samples come from camera-free clips (visualPrompt: false, no frames): they serve text-only baselines and kinematics checks, not video training.`] }
      : {}),
    errors,
    failedClips,
    frameErrors,
  });
  return { clips, samples, errors: errors.length, counts: total, resumedShards, manifestPath };
}
