/**
 * Reading Clips from JSONL files, one clip per line, with located errors.
 * Invalid lines are yielded as errors (file, line, field) so the caller can
 * report, count and skip them while valid clips go on.
 */
import { DatasetFormatError, parseJsonLine, safeParseClip, type Clip } from '@stkit/core';
import { readLines } from './read-lines';

/** A line of a clips file: a valid clip or the error that rejected it. */
export type ClipLine =
  | { kind: 'clip'; clip: Clip; file: string; line: number }
  | { kind: 'invalid'; error: DatasetFormatError; file: string; line: number };

/**
 * Streams the clips of a JSONL file; blank lines are skipped.
 * @param options - an optional `signal` to stop between lines.
 * @throws {@link DatasetFormatError} on bad input, naming the file: file not found
 */
export async function* readClipsJsonl(file: string, options: { signal?: AbortSignal } = {}): AsyncGenerator<ClipLine> {
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
      const result = safeParseClip(json, { file, line });
      if (result.success) yield { kind: 'clip', clip: result.value, file, line };
      else yield { kind: 'invalid', error: result.error, file, line };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new DatasetFormatError({ file, reason: 'file not found', cause: error });
    }
    throw error;
  }
}
