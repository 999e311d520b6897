/**
 * Reading Clips (and any other validated record: Samples for `stkit view`)
 * from JSONL files, one per line, with located errors.
 * Invalid lines are yielded as errors (file, line, field) so the caller can
 * report, count and skip them while valid clips go on.
 */
import {
  DatasetFormatError,
  parseJsonLine,
  safeParseClip,
  type Clip,
  type ParseLocation,
  type SafeParseResult,
} from '@stkit/core';
import { readLines } from './read-lines';

/** A line of a clips file: a valid clip or the error that rejected it. */
export type ClipLine =
  | { kind: 'clip'; clip: Clip; file: string; line: number }
  | { kind: 'invalid'; error: DatasetFormatError; file: string; line: number };

/** A line of a JSONL file of records: a valid record or the error that rejected it. */
export type JsonlRecordLine<T> =
  | { kind: 'record'; value: T; file: string; line: number }
  | { kind: 'invalid'; error: DatasetFormatError; file: string; line: number };

/**
 * Streams the records of a JSONL file, each line parsed as JSON and then
 * validated by `safeParse` (core's `safeParseClip`, `safeParseSample` …);
 * blank lines are skipped, a line that is not JSON or not valid is yielded
 * as `invalid` with its located error.
 * @param options - an optional `signal` to stop between lines.
 * @throws {@link DatasetFormatError} on bad input, naming the file: file not found
 */
export async function* readJsonlRecords<T>(
  file: string,
  safeParse: (json: unknown, location: ParseLocation) => SafeParseResult<T>,
  options: { signal?: AbortSignal } = {},
): AsyncGenerator<JsonlRecordLine<T>> {
  try {
    for await (const [line, text] of readLines(file, options)) {
      options.signal?.throwIfAborted();
      if (text.trim() === '') continue;
      let json: unknown;
      try {
        json = parseJsonLine(text, { file, line });
      } catch (error) {
        if (!DatasetFormatError.isInstance(error)) throw error;
        yield { kind: 'invalid', error, file, line };
        continue;
      }
      const result = safeParse(json, { file, line });
      if (result.success) yield { kind: 'record', value: result.value, file, line };
      else yield { kind: 'invalid', error: result.error, file, line };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new DatasetFormatError({ file, reason: 'file not found', cause: error });
    }
    throw error;
  }
}

/**
 * Streams the clips of a JSONL file; blank lines are skipped.
 * @param options - an optional `signal` to stop between lines.
 * @throws {@link DatasetFormatError} on bad input, naming the file: file not found
 */
export async function* readClipsJsonl(file: string, options: { signal?: AbortSignal } = {}): AsyncGenerator<ClipLine> {
  for await (const entry of readJsonlRecords(file, safeParseClip, options)) {
    yield entry.kind === 'record' ? { kind: 'clip', clip: entry.value, file: entry.file, line: entry.line } : entry;
  }
}
