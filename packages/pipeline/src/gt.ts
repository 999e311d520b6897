/**
 * The ground-truth pipeline as a function: a dataset reader's Clips →
 * `OUT/clips/part-*.jsonl` + `OUT/samples/part-*.jsonl` (+ frames with the
 * visual prompt where images exist) + `OUT/manifest.json`. Shards of a fixed
 * number of clips are written atomically; a rerun keeps complete shards and
 * gives byte-identical files.
 */
import type { Dirent } from 'node:fs';
import { mkdir, readdir, readFile, rm, rmdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DatasetFormatError, StkitError, safeParseClip, TASK_IDS, type Clip, type Sample } from '@stkit/core';
import { prepareOutputDir } from './atomic-write';
import type { ClipReadEvent } from '@stkit/datasets/registry';
import type { FactSelectionOptions } from '@stkit/kinematics';
import { addTaskCounts, emptyTaskCounts, generateClipSamples, type TaskCounts } from './clip-samples';
import { packageVersions, writeManifest } from './manifest';
import {
  createShardDigest,
  readCompleteShard,
  removeShardsFrom,
  removeStaleTemporaryFiles,
  shardPaths,
  writeShard,
} from './shards';

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
  return tracks.length === clip.tracks.length && tracks.every((track, index) => track === clip.tracks[index])
    ? clip
    : { ...clip, tracks };
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

/** Counts kept in the sidecar of a `gt` samples shard (a resumed run or a distributed run's status rebuilds the manifest from them). */
export interface GtShardCounts {
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

/** A failed log, an invalid clip or an unreadable frame, as the manifest lists it. */
export interface GtErrorRecord {
  file: string;
  row: number | undefined;
  field: string | undefined;
  log: string | undefined;
  message: string;
}

/** Packages whose versions decide a `gt` run's bytes (recorded in the manifest and the shard digests). */
export const GT_PACKAGES = [
  '@stkit/core',
  '@stkit/datasets',
  '@stkit/kinematics',
  '@stkit/templates',
  '@stkit/pipeline',
] as const;

/** What decides a `gt` run's output bytes besides the clips. */
export interface GtRunConfig {
  seed: number;
  shardSize: number;
  maxFrames: number;
  cameraViewOnly: boolean;
  /** Frames are drawn (where the clips have images). */
  frames: boolean;
  kinematics: Omit<FactSelectionOptions, 'random'>;
  versions: Record<string, string>;
  /** Configuration echoed into the manifest (not part of the digest). */
  echo: Record<string, unknown>;
}

/** The configuration of a run of {@link generateGt} with `options`. */
export function gtRunConfig(
  options: Omit<GenerateGtOptions, 'events' | 'outDir' | 'renderFrames'> & { frames: boolean },
): GtRunConfig {
  return {
    seed: options.seed ?? 0,
    shardSize: options.shardSize ?? 100,
    maxFrames: options.maxFrames ?? 32,
    cameraViewOnly: options.cameraViewOnly ?? true,
    frames: options.frames,
    kinematics: options.kinematics ?? {},
    versions: packageVersions(GT_PACKAGES),
    echo: options.config ?? {},
  };
}

/** The configuration part of every `gt` shard digest: everything besides the clips that decides the output bytes. */
export function gtConfigKey(run: GtRunConfig): string {
  return JSON.stringify({
    command: 'gt',
    seed: run.seed,
    kinematics: run.kinematics,
    maxFrames: run.maxFrames,
    shardSize: run.shardSize,
    frames: run.frames,
    cameraViewOnly: run.cameraViewOnly,
    versions: run.versions,
  });
}

/** The digest of a `gt` shard: the run's configuration and the shard's clip lines (`JSON.stringify(clip)`). */
export function gtShardDigest(configKey: string, clipLines: readonly string[]): string {
  const digest = createShardDigest(configKey);
  for (const line of clipLines) digest.update(line);
  return digest.digest();
}

/**
 * The valid clips of a reader's events in shards of `shardSize`, in input
 * order (the shard boundaries of `stkit gt`). Failed logs and clips the
 * Clip schema rejects are appended to `errors` (and passed to `onError`).
 */
export async function* gtShardBatches(
  events: AsyncIterable<GtReadEvent>,
  shardSize: number,
  errors: GtErrorRecord[],
  onError?: (error: DatasetFormatError) => void,
  signal?: AbortSignal,
): AsyncGenerator<Clip[]> {
  let batch: Clip[] = [];
  for await (const event of events) {
    signal?.throwIfAborted();
    if (event.kind === 'error') {
      errors.push({
        file: event.error.file,
        row: event.error.row,
        field: event.error.field,
        log: event.log,
        message: event.error.message,
      });
      onError?.(event.error);
      continue;
    }
    const parsed = safeParseClip(event.clip);
    if (!parsed.success) {
      // Validated before kinematics: a schema-invalid clip is neither labelled nor written.
      const error = invalidClipError(event.clip, parsed.error);
      errors.push({
        file: error.file,
        row: error.row,
        field: error.field,
        log: event.clip.source?.log,
        message: error.message,
      });
      onError?.(error);
      continue;
    }
    batch.push(event.clip);
    if (batch.length >= shardSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Options of {@link processGtShard}. */
export interface GtShardOptions {
  run: GtRunConfig;
  outDir: string;
  renderFrames?: FrameRenderer;
  onError?: (error: DatasetFormatError) => void;
  signal?: AbortSignal;
}

/** Turns one shard's clips into its sample lines (drawing their frames) and sidecar counts. */
export async function processGtShard(
  batch: readonly Clip[],
  options: GtShardOptions,
): Promise<{ lines: string[]; counts: GtShardCounts }> {
  const { run } = options;
  const counts: GtShardCounts = { tasks: emptyTaskCounts(), sources: {}, clips: 0, failed: [], frameErrors: [] };
  const sampleLines: string[] = [];
  for (const clip of batch) {
    options.signal?.throwIfAborted();
    let result: ReturnType<typeof generateClipSamples>;
    try {
      result = generateClipSamples(run.cameraViewOnly ? restrictToCameraView(clip) : clip, {
        seed: run.seed,
        kinematics: run.kinematics,
        maxFrames: run.maxFrames,
      });
    } catch (error) {
      if (!StkitError.isInstance(error)) throw error;
      const field = (error as { field?: unknown }).field;
      counts.failed.push({
        clipId: clip.id,
        field: typeof field === 'string' ? field : undefined,
        message: error.message,
      });
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
          counts.frameErrors!.push({
            file: error.file,
            row: error.row,
            field: error.field,
            log: clip.source.log,
            message: `sample ${sample.id} skipped: ${error.message}`,
          });
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
  return { lines: sampleLines, counts };
}

/** Running totals of a `gt` run, summed shard by shard in shard order. */
export interface GtTotals {
  tasks: TaskCounts;
  sources: Record<string, number>;
  failedClips: GtShardCounts['failed'];
  frameErrors: GtErrorRecord[];
  textOnly: number;
  clips: number;
  samples: number;
  shards: number;
}

/** Zeroed {@link GtTotals}. */
export function emptyGtTotals(): GtTotals {
  return {
    tasks: emptyTaskCounts(),
    sources: {},
    failedClips: [],
    frameErrors: [],
    textOnly: 0,
    clips: 0,
    samples: 0,
    shards: 0,
  };
}

/** Adds a finished shard (its counts and line count) to the totals; shards must be added in shard order. */
export function addGtShardToTotals(totals: GtTotals, counts: GtShardCounts, lines: number): void {
  addTaskCounts(totals.tasks, counts.tasks);
  for (const [dataset, count] of Object.entries(counts.sources))
    totals.sources[dataset] = (totals.sources[dataset] ?? 0) + count;
  totals.failedClips.push(...counts.failed);
  totals.frameErrors.push(...(counts.frameErrors ?? []));
  totals.textOnly += counts.textOnly ?? 0;
  totals.clips += counts.clips;
  totals.samples += lines;
  totals.shards++;
}

/**
 * Makes the folder hold exactly what the manifest lists: removes the clips
 * and samples shards numbered `plannedShards` or more (an older run's over
 * more clips) and every file under `frames/` that no sample of the shards
 * `0 … plannedShards-1` names (an older run's frames, a frame of a skipped
 * sample, a killed run's `.tmp`). Frames of kept (resumed) shards stay.
 * Returns how many frame files were removed.
 */
export async function pruneGtOutput(outDir: string, plannedShards: number): Promise<number> {
  const samplesDir = join(outDir, 'samples');
  await removeShardsFrom(join(outDir, 'clips'), plannedShards);
  await removeShardsFrom(samplesDir, plannedShards);
  const framesDir = join(outDir, 'frames');
  let entries: Dirent[];
  try {
    entries = await readdir(framesDir, { recursive: true, withFileTypes: true });
  } catch {
    return 0;
  }
  const files = entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(outDir, join(entry.parentPath, entry.name)));
  if (files.length === 0) return 0;
  const listed = new Set<string>();
  for (let index = 0; index < plannedShards; index++) {
    let text: string;
    try {
      text = await readFile(shardPaths(samplesDir, index).shard, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      if (!line.includes('"frames"')) continue;
      const frames = (JSON.parse(line) as { frames?: unknown }).frames;
      if (Array.isArray(frames)) for (const frame of frames) if (typeof frame === 'string') listed.add(frame);
    }
  }
  let removed = 0;
  for (const file of files) {
    if (listed.has(file)) continue;
    await rm(join(outDir, file), { force: true });
    removed++;
  }
  // Folders left empty (an older run's clips, a removed sample's folder), deepest first.
  const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => join(entry.parentPath, entry.name));
  folders.sort((a, b) => b.length - a.length);
  for (const folder of folders) await rmdir(folder).catch(() => {});
  return removed;
}

/**
 * Writes a `gt` run's `manifest.json` in `outDir` from its totals and the
 * reader's errors; `extra` fields (e.g. the failed shards of a distributed
 * run) follow the standard ones. Returns its path.
 */
export async function writeGtManifest(
  outDir: string,
  run: GtRunConfig,
  totals: GtTotals,
  errors: readonly GtErrorRecord[],
  extra: Record<string, unknown> = {},
): Promise<string> {
  const manifestPath = join(outDir, 'manifest.json');
  await writeManifest(manifestPath, {
    command: 'gt',
    seed: run.seed,
    config: {
      shardSize: run.shardSize,
      maxFrames: run.maxFrames,
      cameraViewOnly: run.cameraViewOnly,
      kinematics: run.kinematics,
      ...run.echo,
    },
    versions: run.versions,
    counts: {
      clips: totals.clips,
      samples: totals.samples,
      shards: totals.shards,
      failedLogs: errors.length,
      failedClips: totals.failedClips.length,
      skippedSamples: totals.frameErrors.length,
      perTask: Object.fromEntries(TASK_IDS.map((task) => [task, totals.tasks.samples[task]])),
      perSource: totals.sources,
      candidates: totals.tasks.candidates,
      rejected: totals.tasks.rejected,
    },
    ...(totals.textOnly > 0
      ? {
          notes: [
            `${totals.textOnly} samples come from camera-free clips (visualPrompt: false, no frames): they serve text-only baselines and kinematics checks, not video training.`,
          ],
        }
      : {}),
    errors,
    failedClips: totals.failedClips,
    frameErrors: totals.frameErrors,
    ...extra,
  });
  return manifestPath;
}

/** Removes the temporary files a killed run left in `clips/`, `samples/` and anywhere under `frames/`. */
export async function removeStaleGtFiles(outDir: string): Promise<void> {
  await removeStaleTemporaryFiles(join(outDir, 'clips'));
  await removeStaleTemporaryFiles(join(outDir, 'samples'));
  await removeStaleFrameFiles(join(outDir, 'frames'));
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
  return new DatasetFormatError({
    file,
    field: error.field,
    reason: `clip '${String((clip as { id?: unknown }).id)}' is not a valid Clip: ${error.reason}`,
    cause: error,
  });
}

/** Runs the ground-truth pipeline (see the package README). */
export async function generateGt(options: GenerateGtOptions): Promise<GenerateGtResult> {
  const run = gtRunConfig({ ...options, frames: options.renderFrames !== undefined });
  await prepareOutputDir(options.outDir);
  const clipsDir = join(options.outDir, 'clips');
  const samplesDir = join(options.outDir, 'samples');
  await mkdir(clipsDir, { recursive: true });
  await mkdir(samplesDir, { recursive: true });
  // Until this run completes the folder has no manifest, so a manifest never describes a mix of two runs.
  await rm(join(options.outDir, 'manifest.json'), { force: true });
  await removeStaleGtFiles(options.outDir);

  // Everything besides the clips that decides the output bytes (frames drawn or not included).
  const configKey = gtConfigKey(run);
  const totals = emptyGtTotals();
  const errors: GtErrorRecord[] = [];
  let resumedShards = 0;
  let shardIndex = 0;

  for await (const batch of gtShardBatches(options.events, run.shardSize, errors, options.onError, options.signal)) {
    const existing = await readCompleteShard<GtShardCounts>(samplesDir, shardIndex);
    const existingClips = await readCompleteShard<Record<string, never>>(clipsDir, shardIndex);
    const clipLines = batch.map((clip) => JSON.stringify(clip));
    const inputDigest = gtShardDigest(configKey, clipLines);
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
      const shard = await processGtShard(batch, {
        run,
        outDir: options.outDir,
        renderFrames: options.renderFrames,
        onError: options.onError,
        signal: options.signal,
      });
      counts = shard.counts;
      await writeShard(clipsDir, shardIndex, batch.length, clipLines, {}, inputDigest);
      const meta = await writeShard(samplesDir, shardIndex, batch.length, shard.lines, counts, inputDigest);
      lineCount = meta.lines;
    }
    addGtShardToTotals(totals, counts, lineCount);
    shardIndex++;
    options.onProgress?.({ clips: totals.clips, samples: totals.samples, errors: errors.length });
  }
  // A rerun over fewer clips or other frames: the older run's shards and frames go.
  await pruneGtOutput(options.outDir, shardIndex);
  const manifestPath = await writeGtManifest(options.outDir, run, totals, errors);
  return {
    clips: totals.clips,
    samples: totals.samples,
    errors: errors.length,
    counts: totals.tasks,
    resumedShards,
    manifestPath,
  };
}
