/**
 * Reads Sample JSONL files and folders (recursively, `*.jsonl` in name
 * order). Lines that are not valid Samples are reported with file and line
 * and skipped, so one bad line does not sink a pool of thousands.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DatasetFormatError, InvalidArgumentError, parseJsonLine, safeParseSample, type Sample } from '@stkit/core';
import { readLines } from './jsonl-lines';

/** A skipped line. */
export interface InvalidLine {
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
  /** The error naming file, line and field. */
  readonly error: DatasetFormatError;
}

/** Options of {@link readSamples}. */
export interface ReadSamplesOptions {
  /** Files and folders; folders are searched recursively for `*.jsonl`. */
  readonly paths: readonly string[];
  readonly signal?: AbortSignal | undefined;
}

/** Result of {@link readSamples}. */
export interface ReadSamplesResult {
  /** Valid samples, in file and line order; a repeated id keeps its first occurrence. */
  readonly samples: Sample[];
  /** Lines skipped as invalid (malformed JSON or not a Sample). */
  readonly invalid: InvalidLine[];
  /** The file each sample was read from (same order as `samples`). */
  readonly sampleFiles: string[];
  /** Ids seen more than once (later copies skipped). */
  readonly duplicateIds: string[];
  /** The JSONL files read. */
  readonly files: string[];
}

async function listJsonl(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new InvalidArgumentError({
      argument: 'paths',
      value: path,
      message: `cannot read '${path}': ${(error as Error).message}`,
      cause: error,
    });
  }
  if (info.isFile()) return [path];
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  const out: string[] = [];
  for (const entry of entries) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await listJsonl(child)));
    else if (entry.isFile() && entry.name.endsWith('.jsonl')) out.push(child);
  }
  return out;
}

/** Reads every valid Sample of `options.paths`, skipping and reporting invalid lines. */
export async function readSamples(options: ReadSamplesOptions): Promise<ReadSamplesResult> {
  const files: string[] = [];
  for (const path of options.paths) files.push(...(await listJsonl(path)));
  const samples: Sample[] = [];
  const sampleFiles: string[] = [];
  const invalid: InvalidLine[] = [];
  const duplicateIds: string[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    for await (const { text, line } of readLines(file, options.signal)) {
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = parseJsonLine(text, { file, line });
      } catch (error) {
        invalid.push({ file, line, error: error as DatasetFormatError });
        continue;
      }
      const parsed = safeParseSample(value, { file, line });
      if (!parsed.success) {
        invalid.push({ file, line, error: parsed.error });
        continue;
      }
      if (seen.has(parsed.value.id)) {
        duplicateIds.push(parsed.value.id);
        continue;
      }
      seen.add(parsed.value.id);
      samples.push(parsed.value);
      sampleFiles.push(file);
    }
  }
  return { samples, sampleFiles, invalid, duplicateIds, files };
}

/**
 * Reads a benchmark file strictly: every non-blank line must be a valid
 * Sample with a unique id, else a {@link DatasetFormatError} names the line.
 */
export async function readBench(file: string, signal?: AbortSignal): Promise<Sample[]> {
  const result = await readSamples({ paths: [file], signal });
  const first = result.invalid[0];
  if (first !== undefined) throw first.error;
  if (result.duplicateIds.length > 0)
    throw new DatasetFormatError({ file, field: 'id', reason: `duplicate sample id '${result.duplicateIds[0]}'` });
  return result.samples;
}
