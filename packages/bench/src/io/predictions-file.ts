/**
 * The predictions file: one JSON object per line, `{ "id", "response", … }`
 * plus metadata (model, latency, usage). A torn last line (a write cut short
 * by a crash: no line terminator and not valid JSON) is discarded and
 * reported; a bad line elsewhere is an error naming it.
 */
import { open, readFile, truncate } from 'node:fs/promises';
import { z } from 'zod/v4';
import { DatasetFormatError, formatIssuePath } from '@stkit/core';

/** One line of a predictions file. */
export interface PredictionLine {
  readonly id: string;
  /** The model's raw response text. */
  readonly response: string;
  readonly [key: string]: unknown;
}

const PredictionLineSchema = z.looseObject({ id: z.string().min(1), response: z.string() });

/** Result of {@link readPredictions}. */
export interface ReadPredictionsResult {
  /** By sample id; a repeated id keeps its last line. */
  readonly predictions: Map<string, PredictionLine>;
  /** True when the last line was torn and ignored. */
  readonly tornTail: boolean;
  /** Length in bytes of the file up to the end of its last complete line. */
  readonly validBytes: number;
  /** Ids that occur on more than one line. */
  readonly duplicateIds: string[];
}

/**
 * Reads a predictions file; a missing file reads as empty.
 * @throws {@link DatasetFormatError} on bad input, naming the file: malformed JSON: …
 * @throws {@link DatasetFormatError}
 */
export async function readPredictions(file: string): Promise<ReadPredictionsResult> {
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { predictions: new Map(), tornTail: false, validBytes: 0, duplicateIds: [] };
    throw error;
  }
  const predictions = new Map<string, PredictionLine>();
  const duplicateIds: string[] = [];
  // A UTF-8 byte-order mark before the first line is not part of the data.
  let offset = buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  let line = 0;
  let tornTail = false;
  while (offset < buffer.length) {
    const newline = buffer.indexOf(0x0a, offset);
    const end = newline < 0 ? buffer.length : newline;
    const text = buffer.subarray(offset, end).toString('utf8').replace(/\r$/, '');
    line++;
    const isLast = newline < 0;
    if (text.trim() !== '') {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        if (isLast) {
          tornTail = true;
          break;
        }
        throw new DatasetFormatError({
          file,
          row: line,
          reason: `malformed JSON: ${(error as Error).message}`,
          cause: error,
        });
      }
      const parsed = PredictionLineSchema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new DatasetFormatError({
          file,
          row: line,
          field: formatIssuePath(issue.path),
          reason: issue.message,
          cause: parsed.error,
        });
      }
      if (predictions.has(parsed.data.id)) duplicateIds.push(parsed.data.id);
      predictions.set(parsed.data.id, parsed.data as PredictionLine);
    }
    if (isLast) {
      offset = buffer.length;
      break;
    }
    offset = newline + 1;
  }
  return { predictions, tornTail, validBytes: offset, duplicateIds };
}

/** An append-only writer of prediction lines; each line goes out in one `write` so lines never interleave. */
export interface PredictionWriter {
  append(line: PredictionLine): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens `file` for appending after cutting a torn tail off at `validBytes`
 * (from {@link readPredictions}); a complete last line without a terminator
 * gets one first.
 * @throws The file system's error (e.g. `EACCES`) when `file` exists but cannot be read, cut or appended to.
 */
export async function openPredictionWriter(file: string, validBytes: number): Promise<PredictionWriter> {
  let size = 0;
  try {
    const handle = await open(file, 'r');
    size = (await handle.stat()).size;
    await handle.close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (size > validBytes) await truncate(file, validBytes);
  const handle = await open(file, 'a');
  if (validBytes > 0) {
    const last = Buffer.alloc(1);
    const reader = await open(file, 'r');
    await reader.read(last, 0, 1, validBytes - 1);
    await reader.close();
    if (last[0] !== 0x0a) await handle.write('\n');
  }
  let queue: Promise<unknown> = Promise.resolve();
  return {
    append(line) {
      const text = `${JSON.stringify(line)}\n`;
      const next = queue.then(() => handle.write(text));
      queue = next.catch(() => undefined);
      return next.then(() => undefined);
    },
    async close() {
      await queue;
      await handle.close();
    },
  };
}
