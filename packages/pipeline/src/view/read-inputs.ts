/**
 * Inputs of `stkit view`: the Sample JSONL files of a run (a file, or a folder
 * searched recursively for `*.jsonl`) and, optionally, its Clips (the clips
 * file or a run's `clips/` folder). Invalid lines are reported with file and
 * line and skipped, so one bad line does not hide a whole run.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError, safeParseSample, type Clip, type DatasetFormatError, type Sample } from '@stkit/core';
import { readClipsJsonl, readJsonlRecords } from '../clip-input';

/** A sample with the file it was read from (frame paths are relative to that run). */
export interface SampleRecord {
  readonly sample: Sample;
  readonly file: string;
}

/**
 * The JSONL files under `path`: `[path]` for a file, else every `*.jsonl`
 * below the folder, sorted by path (a run's shards in order).
 * @throws InvalidArgumentError naming `argument` when the path does not exist or holds no JSONL file.
 */
export async function listJsonlFiles(path: string, argument: string): Promise<string[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    throw new InvalidArgumentError({ argument, value: path, message: `'${path}' does not exist` });
  }
  if (info.isFile()) return [path];
  const files: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of (await readdir(folder, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )) {
      const child = join(folder, entry.name);
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile() && entry.name.endsWith('.jsonl') && !entry.name.startsWith('.')) files.push(child);
    }
  };
  await walk(path);
  if (files.length === 0)
    throw new InvalidArgumentError({ argument, value: path, message: `no *.jsonl file in '${path}'` });
  return files;
}

/** Reads every valid sample of `files`; each invalid line goes to `onInvalid` and is skipped. */
export async function readSampleRecords(
  files: readonly string[],
  onInvalid: (error: DatasetFormatError) => void,
  signal?: AbortSignal,
): Promise<SampleRecord[]> {
  const records: SampleRecord[] = [];
  for (const file of files) {
    for await (const entry of readJsonlRecords(file, safeParseSample, signal ? { signal } : {})) {
      if (entry.kind === 'record') records.push({ sample: entry.value, file });
      else onInvalid(entry.error);
    }
  }
  return records;
}

/** Reads the clips of `files` whose id is in `wanted` (all when absent); invalid lines go to `onInvalid`. */
export async function readClipsById(
  files: readonly string[],
  wanted: ReadonlySet<string> | undefined,
  onInvalid: (error: DatasetFormatError) => void,
  signal?: AbortSignal,
): Promise<Map<string, Clip>> {
  const clips = new Map<string, Clip>();
  for (const file of files) {
    for await (const line of readClipsJsonl(file, signal ? { signal } : {})) {
      if (line.kind === 'invalid') onInvalid(line.error);
      else if (wanted === undefined || wanted.has(line.clip.id)) clips.set(line.clip.id, line.clip);
    }
  }
  return clips;
}
