/**
 * `stkit view`: writes `outDir/index.html`, a static page listing samples with
 * their question, answer, label, frames and a bird's-eye plot of the named
 * objects' trajectories (see page.ts and client-script.ts).
 *
 * Frame paths in a sample are relative to its run folder (the folder that
 * holds `samples/`, or the folder of the JSONL file when it is not inside a
 * `samples/` folder, as for a benchmark file); the page refers to them
 * relative to `outDir`. A sample whose first frame file is missing shows a
 * note instead of broken images.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { colorByName } from '@stkit/templates';
import { writeFileAtomic } from '../atomic-write';
import type { DatasetFormatError } from '@stkit/core';
import { renderViewerPage, type PageData, type PageSample } from './page';
import { listJsonlFiles, readClipsById, readSampleRecords, type SampleRecord } from './read-inputs';
import { clipPlot, type ClipPlot } from './trajectories';

/** Options of {@link writeSampleViewer}. */
export interface WriteSampleViewerOptions {
  /** A Sample JSONL file or a folder searched recursively for `*.jsonl` (e.g. a run's `samples/`). */
  samples: string;
  /** The Clips: a clips JSONL file or a folder of them (a run's `clips/`). Without it the page has no plots and says why. */
  clips?: string;
  /** Output folder; `index.html` is written there (atomically). */
  outDir: string;
  /** Page title. @default 'STKit samples' */
  title?: string;
  /** Called for every invalid input line (it is skipped). */
  onInvalid?: (error: DatasetFormatError) => void;
  signal?: AbortSignal;
}

/** What {@link writeSampleViewer} wrote. */
export interface WriteSampleViewerResult {
  /** Path of the written `index.html`. */
  readonly page: string;
  readonly samples: number;
  /** Clips with plot data (0 without `clips`). */
  readonly clips: number;
  /** Samples whose clip is not in the clips input. */
  readonly samplesWithoutClip: number;
  readonly invalidLines: number;
}

function runFolderOf(file: string): string {
  const folder = dirname(file);
  // OUT/samples/part-*.jsonl (possibly nested below samples/) → OUT.
  const parts = folder.split(sep);
  const index = parts.lastIndexOf('samples');
  if (index > 0) return parts.slice(0, index).join(sep) || sep;
  return basename(folder) === 'samples' ? dirname(folder) : folder;
}

function cssColor(name: string): string {
  const rgb = colorByName(name)?.rgb;
  return rgb ? `rgb(${rgb[0]}, ${rgb[1]}, ${rgb[2]})` : '#cccccc';
}

function pageSample(record: SampleRecord, outDir: string): PageSample {
  const { sample } = record;
  const base: PageSample = {
    i: sample.id,
    t: sample.task,
    d: sample.source.dataset,
    c: sample.clipId,
    q: sample.conversations[0].value,
    a: sample.conversations[1].value,
    l: sample.label as Record<string, unknown>,
    o: sample.objects.map((object) => [object.trackId, object.category, object.color]),
    ft: sample.frameTimes,
  };
  if (!sample.frames || sample.frames.length === 0) return base;
  const runFolder = runFolderOf(record.file);
  const absolute = sample.frames.map((frame) => resolve(runFolder, frame));
  if (!existsSync(absolute[0]!)) return { ...base, fn: `Frames not found (first: ${absolute[0]}).` };
  return { ...base, f: absolute.map((file) => relative(outDir, file).split(sep).join('/')) };
}

/**
 * Reads the samples (and clips) and writes the viewer page.
 * @throws InvalidArgumentError when `samples` or `clips` does not exist or holds no JSONL file.
 * @throws DatasetFormatError when an input file cannot be read.
 */
export async function writeSampleViewer(options: WriteSampleViewerOptions): Promise<WriteSampleViewerResult> {
  const outDir = resolve(options.outDir);
  const warnings: string[] = [];
  let invalidLines = 0;
  const onInvalid = (error: DatasetFormatError): void => {
    invalidLines++;
    if (warnings.length < 50) warnings.push(`skipped invalid line: ${error.message}`);
    options.onInvalid?.(error);
  };
  const sampleFiles = await listJsonlFiles(resolve(options.samples), '--samples');
  const clipFiles = options.clips === undefined ? undefined : await listJsonlFiles(resolve(options.clips), '--clips');
  const records = await readSampleRecords(sampleFiles, onInvalid, options.signal);

  let clips: Record<string, ClipPlot> | null = null;
  let samplesWithoutClip = 0;
  if (clipFiles) {
    const wanted = new Map<string, Set<string>>();
    for (const { sample } of records) {
      const tracks = wanted.get(sample.clipId) ?? new Set<string>();
      for (const object of sample.objects) tracks.add(object.trackId);
      wanted.set(sample.clipId, tracks);
    }
    const byId = await readClipsById(clipFiles, new Set(wanted.keys()), onInvalid, options.signal);
    clips = {};
    for (const [clipId, tracks] of wanted) {
      const clip = byId.get(clipId);
      if (!clip) continue;
      try {
        clips[clipId] = clipPlot(clip, tracks);
      } catch (error) {
        warnings.push(`clip ${clipId}: no plot (${(error as Error).message})`);
      }
    }
    for (const { sample } of records) if (!clips[sample.clipId]) samplesWithoutClip++;
    if (samplesWithoutClip > 0)
      warnings.push(`${samplesWithoutClip} samples have no clip in --clips ${options.clips}: their plots are missing.`);
  }
  const colors: Record<string, string> = {};
  for (const { sample } of records)
    for (const object of sample.objects) colors[object.color] ??= cssColor(object.color);

  const data: PageData = {
    samples: records.map((record) => pageSample(record, outDir)),
    clips,
    noClipsReason:
      'No trajectories: the page was written without --clips. Rerun stkit view with --clips RUN/clips (the clips file or folder of the run) to see the bird\u2019s-eye plots.',
    colors,
    warnings,
  };
  const page = join(outDir, 'index.html');
  await writeFileAtomic(page, renderViewerPage(data, options.title !== undefined ? { title: options.title } : {}));
  return {
    page,
    samples: records.length,
    clips: clips ? Object.keys(clips).length : 0,
    samplesWithoutClip,
    invalidLines,
  };
}
