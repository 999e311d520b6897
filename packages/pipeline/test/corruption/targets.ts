/**
 * What the corruption suite breaks: one valid base file per reader input —
 * the real files of the shared data where they exist (Argoverse 2 feather
 * tables, KITTI label/oxts/calib text, the Aria MPS trajectory CSV, clips cut
 * from the real KITTI log), synthetic ones where the data set is not public
 * here (nuScenes tables, a nuPlan log database) — and how to run the reader
 * in-process on a root holding a mutated copy.
 */
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { DatasetFormatError, StkitError, safeParseClip, type Clip } from '@stkit/core';
import { sharedDataPath } from '@stkit/test-data';
import { readClipsJsonl } from '../../src/clip-input';
import { loadDatasetReader } from '../../src/dataset-readers';

type DatasetId = string;
import { mutationsOf, type InputFormat, type Mutation } from './mutations';

/** One reader input that the suite mutates. */
export interface Target {
  /** e.g. `argoverse2/annotations.feather`. */
  name: string;
  format: InputFormat;
  /** The valid file. */
  base: Buffer;
  /** Bit flips only here (e.g. past a header), when set. */
  flipRange?: readonly [number, number];
  /** Writes a root with the valid inputs and `replacement` in place of the target file; returns the root and the target path. */
  build(mutation: Mutation | undefined): Promise<{ root: string; file: string }>;
  /** Reads the root in-process. */
  read(root: string, signal: AbortSignal): Promise<ReadResult>;
  /** A UTF-8 BOM must give the unmutated result (CSV and other text formats whose reader skips it; JSON always does). */
  bomIsSame?: boolean;
  /** The `stkit` arguments that read this input from `root` (the mutated file is `file`) into `out`, when it is not a `stkit gt` / `stkit qa` input. */
  cliArgs?(root: string, file: string, out: string): string[];
  /** Mutations only this input has (npy headers, depth values, missing frames…), beside the generic ones. */
  extraMutations?: () => Mutation[];
}

/** Every mutation of `target`: the generic ones of its format, then its own. */
export function targetMutations(target: Target, bitflips: number): Mutation[] {
  return [
    ...mutationsOf(target.base, { format: target.format, seed: 14, bitflips, flipRange: target.flipRange }),
    ...(target.extraMutations?.() ?? []),
  ];
}

/** What a reader gave. */
export interface ReadResult {
  clips: Clip[];
  /** Located errors (events, or the error that ended the read). */
  errors: Error[];
  /** Readers whose result is not clips (mask frames, box tracks, pseudo-label samples): what they gave, summarised for the BOM comparison. */
  digest?: string;
  /** Number of items (frames, boxes, samples) a non-clip reader gave; replaces `clips.length` in the empty-result check. */
  items?: number;
  /** Why the (non-clip) result is invalid or partial, when it is. */
  invalid?: string;
}

let scratch: string | undefined;
async function scratchDir(): Promise<string> {
  scratch ??= await mkdtemp(join(tmpdir(), 'stkit-corruption-'));
  return scratch;
}

/** Removes every root the targets wrote. */
export async function cleanTargets(): Promise<void> {
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
}

let counter = 0;
export async function freshRoot(): Promise<string> {
  const root = join(await scratchDir(), String(counter++));
  await mkdir(root, { recursive: true });
  return root;
}

/** Puts `mutation`'s replacement (or `base`) at `file`. */
export async function place(file: string, base: Buffer, mutation: Mutation | undefined): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await rm(file, { recursive: true, force: true });
  const replacement = mutation?.replacement ?? { kind: 'bytes' as const, bytes: base };
  if (replacement.kind === 'bytes') await writeFile(file, replacement.bytes);
  else if (replacement.kind === 'edit') {
    await writeFile(file, base);
    await replacement.edit(file);
  } else if (replacement.kind === 'directory') await mkdir(file);
  else await symlink(replacement.path, file);
}

export async function readDataset(dataset: DatasetId, root: string, signal: AbortSignal): Promise<ReadResult> {
  const reader = await loadDatasetReader(dataset);
  const clips: Clip[] = [];
  const errors: Error[] = [];
  try {
    for await (const event of reader.readClips({ root, signal, onWarning: () => {} })) {
      if (event.kind === 'clip') clips.push(event.clip);
      else errors.push(event.error);
    }
  } catch (error) {
    if (signal.aborted) throw error;
    errors.push(error as Error);
  }
  return { clips, errors };
}

/** A target over files of a real log folder: the others are copied unchanged. */
export function folderTarget(options: {
  name: string;
  dataset: DatasetId;
  format: InputFormat;
  sourceDir: string;
  files: readonly string[];
  target: string;
  layout: string;
  base?: Buffer;
  flipRange?: readonly [number, number];
}): Promise<Target> {
  return (async () => {
    const base = options.base ?? (await readFile(join(options.sourceDir, options.target)));
    return {
      name: options.name,
      format: options.format,
      base,
      flipRange: options.flipRange,
      async build(mutation) {
        const root = await freshRoot();
        const dir = join(root, options.layout);
        for (const file of options.files)
          if (file !== options.target) await cp(join(options.sourceDir, file), join(dir, file), { recursive: true });
        const file = join(dir, options.target);
        await place(file, base, mutation);
        return { root, file };
      },
      read: (root, signal) => readDataset(options.dataset, root, signal),
    };
  })();
}

/** Offset of the first LZ4 frame (a compressed Arrow body) in a feather file, to aim bit flips at compressed data. */
function lz4BodyRange(bytes: Buffer): readonly [number, number] {
  const at = bytes.indexOf(Buffer.from([0x04, 0x22, 0x4d, 0x18]));
  return at < 0 ? [0, bytes.length] : [at + 7, Math.max(at + 8, bytes.length - 1024)];
}

/** Clips JSONL cut from the real KITTI log (the first two clips), read as `stkit qa` reads them. */
async function clipsTarget(): Promise<Target> {
  const kitti = sharedDataPath('kitti');
  let lines: string[];
  if (kitti !== undefined) {
    const result = await readDataset('kitti', kitti, new AbortController().signal);
    lines = result.clips.slice(0, 2).map((clip) => JSON.stringify(clip));
  } else {
    const { createDemoClips } = await import('../../src/demo-scene');
    lines = createDemoClips({ count: 2, seed: 1 }).map((clip) => JSON.stringify(clip));
  }
  const base = Buffer.from(`${lines.join('\n')}\n`);
  return {
    name: 'clips.jsonl',
    format: 'jsonl',
    base,
    async build(mutation) {
      const root = await freshRoot();
      const file = join(root, 'clips.jsonl');
      await place(file, base, mutation);
      return { root, file };
    },
    async read(root, signal) {
      const clips: Clip[] = [];
      const errors: Error[] = [];
      try {
        for await (const line of readClipsJsonl(join(root, 'clips.jsonl'), { signal })) {
          if (line.kind === 'clip') clips.push(line.clip);
          else errors.push(line.error);
        }
      } catch (error) {
        if (signal.aborted) throw error;
        errors.push(error as Error);
      }
      return { clips, errors };
    },
  };
}

/** A synthetic nuScenes root (the fixture tables of `@stkit/datasets`); the target is one table. */
async function nuScenesTarget(table: string): Promise<Target> {
  const { buildTables, writeTables } = await import('../../../datasets/src/nuscenes/__fixtures__/nuscenes-tables');
  const template = await freshRoot();
  const tableDir = await writeTables(template, buildTables());
  const base = await readFile(join(tableDir, `${table}.json`));
  return {
    name: `nuscenes/${table}.json`,
    format: 'json',
    base,
    async build(mutation) {
      const root = await freshRoot();
      const dir = join(root, basename(tableDir));
      await cp(tableDir, dir, { recursive: true });
      const file = join(dir, `${table}.json`);
      await rm(file);
      await place(file, base, mutation);
      return { root, file };
    },
    read: (root, signal) => readDataset('nuscenes', root, signal),
  };
}

/** A synthetic nuPlan log database (the fixture of `@stkit/datasets`). */
async function nuPlanTarget(): Promise<Target> {
  const { buildNuPlanDb } = await import('../../../datasets/src/nuplan/__fixtures__/nuplan-db');
  const template = join(await freshRoot(), 'log.db');
  buildNuPlanDb(template);
  const base = await readFile(template);
  return {
    name: 'nuplan/log.db',
    format: 'binary',
    base,
    async build(mutation) {
      const root = await freshRoot();
      const file = join(root, 'mini', '2021.03.31.22.13.46_veh-38_01234_01567.db');
      await place(file, base, mutation);
      return { root, file };
    },
    read: (root, signal) => readDataset('nuplan', root, signal),
  };
}

/** Every target (those over real data only when the shared data is present). */
export async function loadTargets(): Promise<Target[]> {
  const targets: Target[] = [await clipsTarget()];
  const av2 = sharedDataPath('argoverse2', 'sensor', 'val', '7fab2350-7eaf-3b7e-a39d-6937a4c1bede');
  if (av2 !== undefined) {
    const files = ['annotations.feather', 'city_SE3_egovehicle.feather', 'calibration'];
    for (const target of ['annotations.feather', 'city_SE3_egovehicle.feather', 'calibration/intrinsics.feather']) {
      const base = await readFile(join(av2, target));
      targets.push(
        await folderTarget({
          name: `argoverse2/${target}`,
          dataset: 'argoverse2',
          format: 'binary',
          sourceDir: av2,
          files,
          target,
          layout: 'val/log-a',
          base,
          flipRange: lz4BodyRange(base),
        }),
      );
    }
  }
  const kitti = sharedDataPath('kitti', 'tracking', 'training');
  if (kitti !== undefined) {
    const files = ['label_02/0001.txt', 'oxts/0001.txt', 'calib/0001.txt'];
    for (const target of files)
      targets.push(
        await folderTarget({
          name: `kitti/${target}`,
          dataset: 'kitti',
          format: 'kitti',
          sourceDir: kitti,
          files,
          target,
          layout: 'training',
        }),
      );
  }
  const aria = sharedDataPath('projectaria', 'gen1', 'mps_sample', 'trajectory');
  if (aria !== undefined) {
    // The first 2,400 rows of the real trajectory (two minutes at ~20 Hz … the whole file is 3.6 MB).
    const head = (await readFile(join(aria, 'closed_loop_trajectory.csv'), 'utf8'))
      .split('\n')
      .slice(0, 2401)
      .join('\n');
    targets.push(
      await folderTarget({
        name: 'aria/closed_loop_trajectory.csv',
        dataset: 'aria',
        format: 'csv',
        sourceDir: aria,
        files: ['closed_loop_trajectory.csv'],
        target: 'closed_loop_trajectory.csv',
        layout: 'rec/trajectory',
        base: Buffer.from(`${head}\n`),
      }),
    );
  }
  targets.push(await nuScenesTarget('sample_annotation'), await nuScenesTarget('ego_pose'), await nuPlanTarget());
  const { segmentTargets, waymoTargets } = await import('./format-targets');
  const { pseudoTargets } = await import('./pseudo-targets');
  targets.push(...(await segmentTargets()), ...(await waymoTargets()), ...(await pseudoTargets()));
  return targets;
}

/** How one case ended. */
export type Verdict =
  | { ok: true; outcome: 'error' | 'result' | 'same-result' | 'no-input' }
  | {
      ok: false;
      outcome: 'hang' | 'crash' | 'unlocated-error' | 'invalid-output' | 'silent-empty' | 'wrong-result';
      detail: string;
    };

/** Runs `target` on `mutation` and judges the outcome (see the README of the suite in RELIABILITY.md). */
export async function judge(
  target: Target,
  mutation: Mutation,
  baseline: ReadResult | undefined,
  timeoutMs = 10_000,
): Promise<Verdict> {
  const { root, file } = await target.build(mutation);
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve('hang');
    }, timeoutMs);
  });
  let result: ReadResult | 'hang';
  try {
    result = await Promise.race([target.read(root, controller.signal), timeout]);
  } catch (error) {
    return { ok: false, outcome: 'crash', detail: String((error as Error)?.stack ?? error) };
  } finally {
    clearTimeout(timer);
  }
  if (result === 'hang') return { ok: false, outcome: 'hang', detail: `no answer in ${timeoutMs} ms` };
  for (const error of result.errors) {
    if (!StkitError.isInstance(error)) return { ok: false, outcome: 'crash', detail: String(error.stack ?? error) };
    const message = error.message;
    // A structural mutation (a missing frame, an emptied folder) may be reported at another file of the input: one under the root.
    const named =
      message.includes(file) ||
      message.includes(basename(file)) ||
      (DatasetFormatError.isInstance(error) && (error.file === file || file.startsWith(error.file))) ||
      (mutation.family === 'structure' && message.includes(root));
    if (!named || message.includes('\n')) return { ok: false, outcome: 'unlocated-error', detail: message };
  }
  for (const clip of result.clips) {
    const parsed = safeParseClip(clip);
    if (!parsed.success) return { ok: false, outcome: 'invalid-output', detail: parsed.error.message };
  }
  if (result.invalid !== undefined) return { ok: false, outcome: 'invalid-output', detail: result.invalid };
  if ((mutation.sameResult || (mutation.family === 'bom' && target.bomIsSame)) && baseline !== undefined) {
    const same =
      result.errors.length === 0 &&
      JSON.stringify(result.clips) === JSON.stringify(baseline.clips) &&
      result.digest === baseline.digest;
    return same
      ? { ok: true, outcome: 'same-result' }
      : {
          ok: false,
          outcome: 'wrong-result',
          detail: `${result.clips.length} clips, ${result.errors.length} errors; expected the unmutated result`,
        };
  }
  if (result.errors.length > 0) return { ok: true, outcome: 'error' };
  if (
    (result.items ?? result.clips.length) === 0 &&
    baseline !== undefined &&
    (baseline.items ?? baseline.clips.length) > 0
  ) {
    // A file cut at a line boundary is a shorter valid input (too short for a clip is a correct result), and a
    // reader that finds no log at all leaves it to `stkit gt`, which reports "no logs found" (exit 2).
    if (mutation.family === 'truncation') return { ok: true, outcome: 'result' };
    if (
      target.name !== 'clips.jsonl' &&
      result.items === undefined &&
      (mutation.family === 'special' || mutation.family === 'empty')
    )
      return { ok: true, outcome: 'no-input' };
    return { ok: false, outcome: 'silent-empty', detail: 'no clip and no error' };
  }
  return { ok: true, outcome: 'result' };
}

/** The unmutated read of a target (for `sameResult` cases). */
export async function baselineOf(target: Target): Promise<ReadResult> {
  const { root } = await target.build(undefined);
  return target.read(root, new AbortController().signal);
}
