/**
 * Streams the lines of a file as strings, splitting raw buffers on `\n`
 * (a trailing `\r` is dropped). Faster than `node:readline` for large JSONL
 * files: no per-chunk string decoding of partial lines and no regex.
 *
 * Hostile input gets a located error instead of a hang: only regular files
 * and `-` (stdin) are read (`/dev/zero`, a FIFO or a directory is refused up
 * front), and a line longer than `maxLineBytes` is an error naming the file
 * and its 1-based line. A UTF-8 byte-order mark before the first line is
 * skipped, so the lines equal those of the file without it.
 *
 * {@link readLineRange} reads a byte range with the same split (the jobs of a
 * distributed run read their shard this way).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { DatasetFormatError } from '@stkit/core';

/** Default bound of one line: 64 MiB (a clip of 40 frames with thousands of tracks is a few MiB). */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** The name that stands for standard input. */
export const STDIN_FILE = '-';

/**
 * Checks that `file` can be read as a text file: it exists and is a
 * non-empty regular file, or is `-` (stdin). Throws a
 * {@link DatasetFormatError} naming it.
 */
export async function checkInputFile(file: string): Promise<void> {
  if (file === STDIN_FILE) return;
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'ENOTDIR'
            ? 'a parent of the path is not a folder'
            : `cannot read (${code ?? (error as Error).message})`;
    throw new DatasetFormatError({ file, reason, cause: error });
  }
  if (info.isDirectory()) throw new DatasetFormatError({ file, reason: 'is a folder, expected a file' });
  if (!info.isFile())
    throw new DatasetFormatError({
      file,
      reason: 'is not a regular file (a device, FIFO or socket); give a file, or - for stdin',
    });
  if (info.size === 0) throw new DatasetFormatError({ file, reason: 'is empty' });
}

/** Options of {@link readLines}. */
export interface ReadLinesOptions {
  signal?: AbortSignal;
  /** Longest accepted line, bytes. @default {@link MAX_LINE_BYTES} */
  maxLineBytes?: number;
}

/** Yields `[lineNumber, text]` for every line (1-based), including empty ones. */
export function readLines(file: string, options: ReadLinesOptions = {}): AsyncGenerator<[number, string]> {
  return splitLines(file, 0, Number.POSITIVE_INFINITY, 1, options, true, (line, bytes) => [line, bytes.toString()]);
}

/** A line of {@link readLineRange}: its 1-based number, its text and the byte offset of its first byte. */
export interface OffsetLine {
  line: number;
  text: string;
  offset: number;
}

/**
 * Yields the lines of `file` between byte `start` (the first byte of line
 * `firstLine`) and byte `end` (exclusive; `Infinity` = end of file), with
 * the byte offset where each starts. The split is the one of
 * {@link readLines}, so a shard read from its byte range (a distributed
 * job) has exactly the lines a whole-file read gives. Regular files only.
 */
export function readLineRange(
  file: string,
  start = 0,
  end = Number.POSITIVE_INFINITY,
  firstLine = 1,
  signal?: AbortSignal,
): AsyncGenerator<OffsetLine> {
  return splitLines(file, start, end, firstLine, { signal }, false, (line, bytes, offset) => ({
    line,
    text: bytes.toString(),
    offset,
  }));
}

/** A line of {@link readLineBytesRange}: its number, its bytes (no newline, BOM or CR) and its first byte's offset. */
export interface OffsetLineBytes {
  line: number;
  bytes: Buffer;
  offset: number;
}

/**
 * {@link readLineRange} without decoding: the bytes of each line (valid only
 * until the next line is requested), for a reader that only splits and
 * digests the input, such as the shard planner of a distributed run.
 */
export function readLineBytesRange(
  file: string,
  start = 0,
  end = Number.POSITIVE_INFINITY,
  firstLine = 1,
  signal?: AbortSignal,
): AsyncGenerator<OffsetLineBytes> {
  return splitLines(file, start, end, firstLine, { signal }, false, (line, bytes, offset) => ({ line, bytes, offset }));
}

/**
 * The one line splitter: `\n`, a trailing `\r` dropped, a BOM skipped on
 * line 1, lines bounded by `maxLineBytes`. `make` shapes each yielded line
 * (no second generator layer on the hot path).
 */
async function* splitLines<T>(
  file: string,
  start: number,
  end: number,
  firstLine: number,
  options: ReadLinesOptions,
  allowStdin: boolean,
  make: (line: number, bytes: Buffer, offset: number) => T,
): AsyncGenerator<T> {
  if (allowStdin || file !== STDIN_FILE) await checkInputFile(file);
  else throw new DatasetFormatError({ file, reason: 'a byte range of stdin cannot be read; give a file' });
  if (end <= start) return;
  const maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
  const stream =
    file === STDIN_FILE
      ? process.stdin
      : createReadStream(file, {
          start,
          end: Number.isFinite(end) ? end - 1 : undefined,
          highWaterMark: 1 << 20,
          signal: options.signal,
        });
  // The unfinished line, as chunks (concatenated once, when its newline arrives: no quadratic copying).
  let carry: Buffer[] = [];
  let carryBytes = 0;
  let line = firstLine - 1;
  let lineStart = start;
  let position = start;
  const tooLong = (): DatasetFormatError =>
    new DatasetFormatError({
      file,
      row: line + 1,
      reason: `line longer than ${maxLineBytes} bytes (is this a JSONL file?)`,
    });
  try {
    for await (const data of stream as AsyncIterable<Buffer | string>) {
      options.signal?.throwIfAborted();
      const chunk = typeof data === 'string' ? Buffer.from(data) : data;
      let from = 0;
      let newline = chunk.indexOf(10, from);
      while (newline !== -1) {
        if (carryBytes + newline - from > maxLineBytes) throw tooLong();
        let bytes: Buffer;
        if (carryBytes > 0) {
          carry.push(chunk.subarray(from, newline));
          bytes = Buffer.concat(carry);
          carry = [];
          carryBytes = 0;
        } else {
          bytes = chunk.subarray(from, newline);
        }
        line++;
        yield make(line, lineBytes(bytes, line), lineStart);
        lineStart = position + newline + 1;
        from = newline + 1;
        newline = chunk.indexOf(10, from);
      }
      if (from < chunk.length) {
        carry.push(Buffer.from(chunk.subarray(from)));
        carryBytes += chunk.length - from;
        if (carryBytes > maxLineBytes) throw tooLong();
      }
      position += chunk.length;
    }
    if (carryBytes > 0) {
      line++;
      yield make(line, lineBytes(Buffer.concat(carry), line), lineStart);
    }
  } catch (error) {
    // A file removed or made unreadable between the check and the read.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR')
      throw new DatasetFormatError({
        file,
        reason: code === 'ENOENT' ? 'file not found' : `cannot read (${code})`,
        cause: error,
      });
    throw error;
  } finally {
    if (stream !== process.stdin) (stream as ReturnType<typeof createReadStream>).destroy();
  }
}

/** A BOM before line 1 and a trailing `\r` are not part of the text. */
function lineBytes(bytes: Buffer, line: number): Buffer {
  const start = line === 1 && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const end = bytes.length > start && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
  return start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end);
}
