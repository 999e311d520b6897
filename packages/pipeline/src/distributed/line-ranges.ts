/**
 * Lines of a byte range of a file, with the byte offset where each starts.
 * The split is the one of `readLines` (`\n`, a trailing `\r` dropped, a
 * UTF-8 BOM skipped on line 1, bounded line length), so a shard read by a
 * worker from its byte range has exactly the lines `stkit qa` reads.
 */
import { createReadStream } from 'node:fs';
import { DatasetFormatError } from '@stkit/core';
import { MAX_LINE_BYTES } from '../read-lines';

/** A line: its 1-based number, its text and the byte offset of its first byte. */
export interface OffsetLine {
  line: number;
  text: string;
  offset: number;
}

/**
 * Yields the lines of `file` between byte `start` (the first byte of line
 * `firstLine`) and byte `end` (exclusive; `Infinity` = end of file).
 */
export async function* readLineRange(
  file: string,
  start = 0,
  end = Number.POSITIVE_INFINITY,
  firstLine = 1,
  signal?: AbortSignal,
): AsyncGenerator<OffsetLine> {
  if (end <= start) return;
  const stream = createReadStream(file, {
    start,
    end: Number.isFinite(end) ? end - 1 : undefined,
    highWaterMark: 1 << 20,
    signal,
  });
  let carry: Buffer[] = [];
  let carryBytes = 0;
  let line = firstLine - 1;
  let lineStart = start;
  let position = start;
  const tooLong = (): DatasetFormatError =>
    new DatasetFormatError({
      file,
      row: line + 1,
      reason: `line longer than ${MAX_LINE_BYTES} bytes (is this a JSONL file?)`,
    });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let from = 0;
      let newline = chunk.indexOf(10, from);
      while (newline !== -1) {
        if (carryBytes + newline - from > MAX_LINE_BYTES) throw tooLong();
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
        yield { line, text: decode(bytes, line), offset: lineStart };
        lineStart = position + newline + 1;
        from = newline + 1;
        newline = chunk.indexOf(10, from);
      }
      if (from < chunk.length) {
        carry.push(Buffer.from(chunk.subarray(from)));
        carryBytes += chunk.length - from;
        if (carryBytes > MAX_LINE_BYTES) throw tooLong();
      }
      position += chunk.length;
    }
    if (carryBytes > 0) {
      line++;
      yield { line, text: decode(Buffer.concat(carry), line), offset: lineStart };
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR')
      throw new DatasetFormatError({
        file,
        reason: code === 'ENOENT' ? 'file not found' : `cannot read (${code})`,
        cause: error,
      });
    throw error;
  } finally {
    stream.destroy();
  }
}

/** As `readLines`: a BOM before line 1 and a trailing `\r` are not part of the text. */
function decode(bytes: Buffer, line: number): string {
  const start = line === 1 && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const end = bytes.length > start && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
  return bytes.toString('utf8', start, end);
}
