/** `stkit gt`: 3D-annotated dataset logs → Clips → QA samples (+ frames with the visual prompt). */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DatasetFormatError, InvalidArgumentError } from '@stkit/core';
import { prepareOutputDir } from '../atomic-write';
import { generateGt, type GtReadEvent } from '../gt';
import {
  findDatasetReader,
  listDatasetReaders,
  optionFlag,
  parseReaderOptions,
  type DatasetReaderDefinition,
} from '../dataset-readers';
import { createFrameRenderer } from '../frame-renderer';
import { createProgress } from '../progress';
import { formatRunReport } from '../summary';
import { parseFlags, parseIntegerOption, requireOption } from './options';

/** The usage text, with the registered readers and their own options. */
export async function gtUsage(): Promise<string> {
  const readers = await listDatasetReaders();
  const ids = readers.map((reader) => reader.id);
  return `Usage: stkit gt --dataset ${ids.join('|')} --root DIR --out DIR
                [--version V] [--split S] [--camera C] [--seed N] [--max-clips N] [--shard-size N]

Reads a 3D-annotated dataset as downloaded, cuts its logs into clips of up to
40 frames on the 0.5 s grid, and writes DIR/clips/*.jsonl, DIR/samples/*.jsonl,
DIR/frames/<clipId>/… (where images exist) and DIR/manifest.json.
A log that fails to parse is reported, counted in the manifest and skipped;
a root without any log of the dataset, or whose every log fails, is an error
(exit 2, nothing written). A rerun into the same DIR keeps the complete
shards (and their frames) and removes what the older run left beyond them.

  --dataset ID      ${ids.join(', ')}
  --root DIR        dataset root folder
  --version V       dataset version (nuScenes: v1.0-trainval, v1.0-mini, …)
  --split S         split (train, val, …)
  --camera C        camera to project boxes into and draw frames from
  --seed N          seed of every random choice (default 0)
  --max-clips N     stop after N clips
  --shard-size N    clips per output shard (default 100)
  --no-frames       do not draw frames even where images exist

Options of one reader (declared in its folder of @stkit/datasets):
${readers.flatMap((reader) => Object.entries(reader.options).map(([name, spec]) => `  --${optionFlag(name)} (${reader.id})  ${spec.type === 'enum' ? `${spec.values.join('|')}: ` : ''}${spec.description}`)).join('\n')}
`;
}

/** Every reader's own options as string flags (a flag two readers share is declared once). */
function readerArgOptions(readers: readonly DatasetReaderDefinition[]): Record<string, { type: 'string' }> {
  const options: Record<string, { type: 'string' }> = {};
  for (const reader of readers)
    for (const name of Object.keys(reader.options)) options[optionFlag(name)] = { type: 'string' };
  return options;
}

/** A parsed `stkit gt` command line with its reader's events opened (see {@link openGtCommand}). */
export interface GtCommandPlan {
  dataset: string;
  /** The dataset root, absolute (frames are drawn from the images under it). */
  root: string;
  outDir: string;
  seed: number;
  shardSize: number;
  maxClips: number | undefined;
  /** Frames are drawn (no `--no-frames`). */
  frames: boolean;
  /** The configuration echoed into the manifest. */
  config: Record<string, unknown>;
  /** The reader's events; at least one is a clip. */
  events: AsyncIterable<GtReadEvent>;
  /** Progress of the reader's units of work (logs, scenes): a fraction and a text such as `, 3/10 logs`. */
  units: () => { fraction: number | undefined; text: string };
}

/**
 * Parses the flags of `stkit gt`, checks them and the dataset root, and
 * opens the reader's events. Undefined when `--help` was printed.
 * @throws {@link InvalidArgumentError} for a bad flag, or `--root` without any log of the dataset
 * @throws {@link DatasetFormatError} naming the root when every log failed to read (nothing is written then)
 */
export async function openGtCommand(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WriteStream; signal?: AbortSignal },
  command = 'stkit gt',
): Promise<GtCommandPlan | undefined> {
  const readers = await listDatasetReaders();
  const readerFlags = readerArgOptions(readers);
  const { values } = parseFlags(
    {
      args: argv,
      allowPositionals: false,
      options: {
        ...readerFlags,
        dataset: { type: 'string' },
        root: { type: 'string' },
        out: { type: 'string' },
        version: { type: 'string' },
        split: { type: 'string' },
        camera: { type: 'string' },
        seed: { type: 'string' },
        'max-clips': { type: 'string' },
        'shard-size': { type: 'string' },
        'no-frames': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    },
    command,
  );
  if (values.help) {
    io.stdout.write(await gtUsage());
    return undefined;
  }
  const dataset = values.dataset as string | undefined;
  if (dataset === undefined)
    throw new InvalidArgumentError({
      argument: '--dataset',
      message: `is required: one of ${readers.map((reader) => reader.id).join(', ')}`,
    });
  const definition = await findDatasetReader(dataset);
  // The reader's own options, parsed by the schema it declares (a flag of another reader is an error).
  const rawReaderOptions: Record<string, string | undefined> = {};
  for (const flag of Object.keys(readerFlags)) {
    const value = (values as Record<string, unknown>)[flag];
    if (typeof value === 'string')
      rawReaderOptions[flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())] = value;
  }
  const readerOptions = parseReaderOptions(definition, rawReaderOptions);
  const rootFlag = requireOption('--root', values.root);
  const outFlag = requireOption('--out', values.out);
  const seed = parseIntegerOption('--seed', values.seed, 0);
  const maxClips =
    values['max-clips'] === undefined
      ? undefined
      : parseIntegerOption('--max-clips', values['max-clips'], 0, { min: 1 });
  const shardSize = parseIntegerOption('--shard-size', values['shard-size'], 100, { min: 1 });
  const root = resolve(rootFlag);
  const rootInfo = await stat(root).catch(() => undefined);
  if (rootInfo === undefined)
    throw new InvalidArgumentError({ argument: '--root', value: root, message: `${root}: no such folder` });
  if (!rootInfo.isDirectory())
    throw new InvalidArgumentError({ argument: '--root', value: root, message: `${root}: not a folder` });
  const outDir = resolve(outFlag);
  await prepareOutputDir(outDir, '--out');
  const reader = await definition.create();
  const warnings = new Set<string>();
  // Warnings wait until the first clip: a root without logs gets one line, the error, which includes them.
  let heldWarnings: string[] | undefined = [];
  let fraction: number | undefined;
  let text = '';
  const allEvents = reader.readClips({
    ...readerOptions,
    root,
    version: values.version,
    split: values.split,
    camera: values.camera,
    maxClips,
    signal: io.signal,
    onUnits: (units) => {
      fraction = units.total > 0 ? units.done / units.total : undefined;
      text = `, ${units.done}/${units.total} ${units.unit}`;
    },
    onWarning: (message) => {
      if (warnings.has(message)) return;
      warnings.add(message);
      if (heldWarnings !== undefined) heldWarnings.push(message);
      else io.stderr.write(`warning: ${message}\n`);
    },
  });
  // A root without logs, or whose every log fails, is an error, found before anything is written:
  // the events up to the first clip are held back (failed logs are cheap to hold).
  const iterator = allEvents[Symbol.asyncIterator]();
  const held: GtReadEvent[] = [];
  for (let next = await iterator.next(); ; next = await iterator.next()) {
    if (next.done) {
      const failed = held.flatMap((event) => (event.kind === 'error' ? [event] : []));
      if (failed.length === 0) {
        throw new InvalidArgumentError({
          argument: '--root',
          value: root,
          message: `${root}: no ${dataset} logs found${heldWarnings.length > 0 ? ` (${heldWarnings.join(' ')})` : ''}`,
        });
      }
      for (const event of failed) io.stderr.write(`skipped: ${event.error.message}\n`);
      throw allLogsFailed(root, dataset, failed.length, failed[0]!.error.message);
    }
    held.push(next.value);
    if (next.value.kind === 'clip') break;
  }
  for (const message of heldWarnings) io.stderr.write(`warning: ${message}\n`);
  heldWarnings = undefined;
  const events = (async function* (): AsyncGenerator<GtReadEvent> {
    yield* held;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
  return {
    dataset,
    root,
    outDir,
    seed,
    shardSize,
    maxClips,
    frames: !values['no-frames'],
    config: {
      dataset,
      root: rootFlag,
      version: values.version ?? null,
      split: values.split ?? null,
      camera: values.camera ?? null,
      maxClips: maxClips ?? null,
      ...(Object.keys(readerOptions).length ? { readerOptions } : {}),
    },
    events,
    units: () => ({ fraction, text }),
  };
}

/** The error of a run in which no log could be read (exit code 2). */
export function allLogsFailed(root: string, dataset: string, failed: number, first: string): DatasetFormatError {
  return new DatasetFormatError({
    file: root,
    reason: `every ${dataset} log failed to read (${failed} failed; the first: ${first}); no clip to label`,
  });
}

/** Runs `stkit gt`; returns the exit code. */
export async function runGtCommand(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WriteStream; signal?: AbortSignal },
): Promise<number> {
  const plan = await openGtCommand(argv, io);
  if (plan === undefined) return 0;
  const { outDir, root } = plan;
  const progress = createProgress({ unit: 'clips', total: plan.maxClips, stream: io.stderr });
  const result = await generateGt({
    events: plan.events,
    outDir,
    seed: plan.seed,
    shardSize: plan.shardSize,
    renderFrames: plan.frames
      ? createFrameRenderer({ datasetRoot: root, onWarning: (message) => io.stderr.write(`warning: ${message}\n`) })
      : undefined,
    config: plan.config,
    onProgress: (state) => {
      const units = plan.units();
      progress.update(
        state.clips,
        `${state.samples} samples${state.errors ? `, ${state.errors} failed logs` : ''}${units.text}`,
        units.fraction,
      );
    },
    onError: (error) => io.stderr.write(`skipped: ${error.message}\n`),
    signal: io.signal,
  });
  progress.finish();
  // Every clip the reader gave was invalid: the manifest lists why, and the run failed.
  if (result.clips === 0 && result.errors > 0)
    throw allLogsFailed(root, plan.dataset, result.errors, `see ${result.manifestPath}`);
  io.stdout.write(
    formatRunReport({
      ...result,
      notes: [
        result.errors > 0 && `${result.errors} failed logs skipped`,
        result.resumedShards > 0 && `${result.resumedShards} shards kept from an earlier run`,
      ],
      wrote: `${outDir}/clips/, ${outDir}/samples/ and ${result.manifestPath}`,
    }),
  );
  return 0;
}
