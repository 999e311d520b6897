/**
 * Per-clip resume of `generatePseudo`: one clip window's outcome of stages 1–2
 * and sample generation (the expensive part: lifting, DBSCAN, smoothing, the
 * VLM judge) as a record `OUT/intermediate/clips/clip-%05d.json`, keyed by the digest
 * of everything that decides it — the run's options and package versions, the
 * canonical scale and up vector, and the bytes of the clip's frames (the
 * reconstruction's depth file and camera, the mask files, the image paths)
 * plus the first frame's intrinsics (every clip's camera takes them).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { TASK_IDS, type Clip, type Sample, type TaskId } from '@stkit/core';
import { filterPseudoLabels, type FilterReport, type PseudoScene } from '@stkit/filters';
import type { Monst3rStream } from '@stkit/geometry';
import { generateClipSamples, type TaskCounts } from '../clip-samples';
import { restrictToCameraView } from '../gt';
import type { GeneratePseudoOptions, PseudoMaskSource, PseudoObjectYield } from '../pseudo';

/** One clip window's outcome of stages 1–2 and sample generation. */
export interface PseudoClipRecord {
  /** Digest of the clip's inputs and the run's options (see the module comment). */
  digest: string;
  clipId: string;
  /** The clip with its smoothed tracks, or null when stage 1 or 2 dropped it. */
  clip: Clip | null;
  /** Candidate samples (before stage 3). */
  samples: Sample[];
  /** Fact-selection counts of the clip (absent when it made no samples). */
  counts: TaskCounts | null;
  /** Per-object yield (`samples` filled in after stage 3). */
  objects: PseudoObjectYield[];
  /** Clip seconds of the frames whose camera pose was a glitch. */
  poseGlitches: number[] | null;
  /** The clip's stage 1–2 report (stage 3 not applied). */
  report: FilterReport;
}

/** File name of window `w`'s record. */
export const clipRecordName = (w: number): string => `clip-${String(w).padStart(5, '0')}.json`;

/** Digest of window `w`'s inputs under the run configuration `config`. */
export async function windowDigest(
  config: string,
  w: number,
  window: { firstFrame: number; lastFrame: number },
  reconstruction: Monst3rStream,
  masks: PseudoMaskSource,
  images: readonly string[] | undefined,
  signal: AbortSignal | undefined,
): Promise<string> {
  const hash = createHash('sha1').update(config).update(`\nwindow ${w}\n`);
  // Every clip's camera takes the video's first intrinsics.
  hash.update(JSON.stringify(reconstruction.cameras[0]?.intrinsics ?? null)).update('\n');
  for (let k = window.firstFrame; k <= window.lastFrame; k++) {
    signal?.throwIfAborted();
    const camera = reconstruction.cameras[k]!;
    hash
      .update(JSON.stringify([k, camera.intrinsics, camera.rotation, camera.translation, images?.[k] ?? null]))
      .update('\n');
    hash
      .update(
        await readFile(join(reconstruction.folder, `frame_${String(k).padStart(4, '0')}.npy`)).catch(() =>
          Buffer.alloc(0),
        ),
      )
      .update('\n');
    hash.update(await masks.digestFrame!(k)).update('\n');
  }
  return hash.digest('hex');
}

/** An empty report (stage 2 applied when a judge is given, stage 3 when a scorer is). */
export function emptyFilterReport(judge: boolean, scorer: boolean): FilterReport {
  return {
    ruleBased: {
      stage: 'rule_based',
      unit: 'scene',
      applied: true,
      input: 0,
      kept: 0,
      reasons: {},
      observations: {},
      tracks: {},
    },
    generalModelBased: { stage: 'general_model_based', unit: 'scene', applied: judge, input: 0, kept: 0, reasons: {} },
    taskSpecificModelBased: {
      stage: 'task_specific_model_based',
      unit: 'sample',
      applied: scorer,
      input: 0,
      kept: 0,
      reasons: {},
    },
  };
}

function add(into: Record<string, number | undefined>, from: Record<string, number | undefined>): void {
  for (const [key, value] of Object.entries(from)) into[key] = (into[key] ?? 0) + (value ?? 0);
}

/** Adds a clip's stage 1–2 counts to `into` (stage 3 is filled in by the caller). */
export function mergeFilterReport(into: FilterReport, from: FilterReport): void {
  into.ruleBased.input += from.ruleBased.input;
  into.ruleBased.kept += from.ruleBased.kept;
  add(into.ruleBased.reasons, from.ruleBased.reasons);
  add(into.ruleBased.observations, from.ruleBased.observations);
  add(into.ruleBased.tracks, from.ruleBased.tracks);
  if (from.ruleBased.repaired) add((into.ruleBased.repaired ??= {}), from.ruleBased.repaired);
  into.generalModelBased.input += from.generalModelBased.input;
  into.generalModelBased.kept += from.generalModelBased.kept;
  add(into.generalModelBased.reasons, from.generalModelBased.reasons);
}

/** The direction tasks whose labels rest on a track's steps (reference and later steps, [definitions §2](docs/pages/definitions.md#clocks)). */
const STEP_DIRECTION_TASKS = ['movement_direction', 'direction_timestamp'] as const satisfies readonly TaskId[];

/**
 * Samples of a clip, where the tracks in `noDirection` (the default filters found their steps within their position
 * noise) are not candidates of the step-direction tasks: those tasks are selected over the other tracks, every other
 * task over all of them. Sample ids and templates depend only on the fact, so the samples equal a single selection's
 * when `noDirection` is empty; the dropped candidates are counted as `direction-below-noise`.
 */
function generateSamplesWithoutDirection(
  clip: Clip,
  noDirection: ReadonlySet<string>,
  seed: number,
  options: GeneratePseudoOptions,
): { samples: Sample[]; counts: TaskCounts } {
  const kinematics = options.kinematics ?? {};
  const excluded = clip.tracks.filter((track) => noDirection.has(track.id)).length;
  if (excluded === 0) return generateClipSamples(clip, { seed, kinematics });
  const tasks = kinematics.tasks ?? TASK_IDS;
  const rest = generateClipSamples(clip, {
    seed,
    kinematics: { ...kinematics, tasks: tasks.filter((task) => !STEP_DIRECTION_TASKS.some((name) => name === task)) },
  });
  const directionTasks = STEP_DIRECTION_TASKS.filter((task) => tasks.includes(task));
  if (directionTasks.length === 0) return rest;
  const direction = generateClipSamples(
    { ...clip, tracks: clip.tracks.filter((track) => !noDirection.has(track.id)) },
    { seed, kinematics: { ...kinematics, tasks: directionTasks } },
  );
  const counts = rest.counts;
  for (const task of directionTasks) {
    counts.samples[task] = direction.counts.samples[task];
    counts.candidates[task] = direction.counts.candidates[task] + excluded;
    counts.rejected[task] = { ...direction.counts.rejected[task], 'direction-below-noise': excluded };
  }
  // In task order, as one selection lists them.
  const order = (sample: Sample): number => TASK_IDS.indexOf(sample.task);
  const samples = [...rest.samples, ...direction.samples].sort((a, b) => order(a) - order(b));
  return { samples, counts };
}

/** Runs stages 1–2 and sample generation on one clip's scene. */
export async function filterClip(
  scene: PseudoScene,
  mode: 'default' | 'paper',
  seed: number,
  options: GeneratePseudoOptions,
): Promise<PseudoClipRecord> {
  const record: PseudoClipRecord = {
    digest: '',
    clipId: scene.clip.id,
    clip: null,
    samples: [],
    counts: null,
    objects: [],
    poseGlitches: null,
    report: emptyFilterReport(false, false),
  };
  const filtered = await filterPseudoLabels({
    scenes: [scene],
    concurrency: 1,
    ruleStage: mode === 'default' ? 'repair' : 'paper',
    ...(options.repair ? { repair: options.repair } : {}),
    ...(options.rules ? { rules: options.rules } : {}),
    ...(options.judge ? { judge: options.judge } : {}),
    ...(options.judgeFrames ? { frames: options.judgeFrames } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onRuleResult: (_scene, result) => {
      if ('yields' in result) {
        for (const entry of result.yields) record.objects.push({ ...entry, clipId: scene.clip.id, samples: 0 });
        if (result.poseGlitchTimes.length > 0) record.poseGlitches = result.poseGlitchTimes;
        return;
      }
      // The [definitions §4](docs/pages/definitions.md#filtering) stage reports verdicts only: a kept track kept all its usable frames.
      const kept = new Map(result.clip?.tracks.map((track) => [track.id, track.samples.length]) ?? []);
      for (const track of scene.tracks) {
        const verdict = result.trackVerdicts.find((entry) => entry.trackId === track.id)?.verdict ?? 'kept';
        record.objects.push({
          trackId: track.id,
          category: track.category,
          clipId: scene.clip.id,
          framesIn: track.observations.length,
          framesKept: kept.get(track.id) ?? 0,
          dropped: {},
          verdict,
          samples: 0,
        });
      }
    },
    generateSamples: (clip) => {
      const noDirection = new Set(
        record.objects.flatMap((entry) => (entry.direction && !entry.direction.reliable ? [entry.trackId] : [])),
      );
      const result = generateSamplesWithoutDirection(restrictToCameraView(clip), noDirection, seed, options);
      record.counts = result.counts;
      return result.samples;
    },
  });
  record.clip = filtered.clips[0] ?? null;
  record.samples = filtered.samples;
  record.report = filtered.report;
  return record;
}

/** Removes the records of windows `count` and beyond (an earlier run over a longer video left them). */
export async function removeClipRecordsFrom(dir: string, count: number): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const match = /^clip-(\d{5,})\.json$/.exec(name);
    if (match && Number(match[1]) >= count) await rm(join(dir, name), { force: true });
  }
}
