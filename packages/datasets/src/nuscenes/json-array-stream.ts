/**
 * A streaming tokenizer for files holding one top-level JSON array of
 * objects (the layout of every nuScenes table). It reads the file in chunks,
 * never holds more than one chunk plus one record, and hands each record to a
 * callback as byte spans of the fields the caller asked for — no JS object and
 * no string is created unless the caller extracts a value (see
 * `json-values.ts`). `sample_annotation.json` of v1.0-trainval is larger than
 * the longest string V8 can hold, so `JSON.parse` of the whole file is not an
 * option.
 *
 * Grammar checked: `ws [ ws (object (ws , ws object)*)? ws ] ws EOF`, each
 * object `{ "key" : value , … }`; nested arrays/objects are skipped with
 * bracket matching (their numbers are checked when extracted). Python's
 * `json.dump` writes `NaN`, `Infinity` and `-Infinity` for non-finite floats,
 * so those literals are accepted as numbers and reported by the semantic
 * checks, which know the field.
 */
import { createReadStream } from 'node:fs';
import { DatasetFormatError } from '@stkit/core';
import { requireRegularFile } from '../shared/format-checks';

/** Value kinds of a field span. */
export const JsonKind = Object.freeze({
  absent: 0,
  string: 1,
  number: 2,
  true: 3,
  false: 4,
  null: 5,
  array: 6,
  object: 7,
} as const);

/**
 * One record as spans into `buffer`. For wanted key `i`: `kind[i]` (see
 * {@link JsonKind}), `start[i]`/`end[i]` the value bytes (strings without their
 * quotes), `escaped[i]` 1 when a string holds a backslash escape. Valid only
 * during the callback: the buffer is reused.
 */
export interface JsonRecordSpans {
  buffer: Buffer;
  readonly kind: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly escaped: Uint8Array;
  /** 1-based record number in the array. */
  row: number;
  /** Absolute byte offset of the record's `{` in the file. */
  byteOffset: number;
}

/** Options of {@link streamJsonArray}. */
export interface StreamJsonArrayOptions {
  /** The file to read. */
  file: string;
  /** Keys whose values the callback needs, in slot order. */
  keys: readonly string[];
  /** Called once per record. Throwing stops the stream with that error. */
  onRecord: (record: JsonRecordSpans) => void;
  /** Checked between chunks. */
  signal?: AbortSignal;
  /** Chunk size in bytes. @default 8 MiB */
  chunkSize?: number;
}

const NEED_MORE = -1;

class SyntaxFault extends Error {
  constructor(
    readonly position: number,
    readonly what: string,
  ) {
    super(what);
  }
}

/** Streams the records of a top-level JSON array; resolves with the record count. */
export async function streamJsonArray(options: StreamJsonArrayOptions): Promise<number> {
  const { file, onRecord, signal } = options;
  const keyBytes = options.keys.map((key) => Buffer.from(key, 'utf8'));
  const slots = keyBytes.length;
  const record: JsonRecordSpans = {
    buffer: Buffer.alloc(0),
    kind: new Uint8Array(slots),
    start: new Int32Array(slots),
    end: new Int32Array(slots),
    escaped: new Uint8Array(slots),
    row: 0,
    byteOffset: 0,
  };
  // State between chunks: 0 = before '[', 1 = expecting first record or ']', 2 = expecting ',' or ']', 3 = after ']', 4 = expecting a record after ','.
  let state = 0;
  let carry: Buffer | undefined;
  let base = 0; // absolute file offset of buffer[0]
  const fail = (position: number, reason: string, row?: number): never => {
    throw new DatasetFormatError({ file, row, reason: `${reason} (byte offset ${position})` });
  };
  await requireRegularFile(file);
  const stream = createReadStream(file, { highWaterMark: options.chunkSize ?? 8 * 1024 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      signal?.throwIfAborted();
      const buffer = carry === undefined ? chunk : Buffer.concat([carry, chunk]);
      const length = buffer.length;
      let position = 0;
      record.buffer = buffer;
      for (;;) {
        position = skipWhitespace(buffer, position, length);
        if (position >= length) break;
        const byte = buffer[position]!;
        if (state === 0) {
          // A UTF-8 byte-order mark at the start of the file is skipped (the table reads as without it).
          if (base + position === 0 && byte === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
            position += 3;
            continue;
          }
          if (byte !== 0x5b) fail(base + position, `expected '[' at the start of the table, found ${describe(byte)}`);
          state = 1;
          position++;
        } else if (state === 2) {
          if (byte === 0x2c) {
            state = 4;
            position++;
          } else if (byte === 0x5d) {
            state = 3;
            position++;
          } else fail(base + position, `expected ',' or ']' after record ${record.row}, found ${describe(byte)}`);
        } else if (state === 3) {
          fail(base + position, `unexpected ${describe(byte)} after the end of the array`);
        } else {
          if (byte === 0x5d && state === 1) {
            state = 3;
            position++;
            continue;
          }
          if (byte !== 0x7b)
            fail(base + position, `expected '{' at record ${record.row + 1}, found ${describe(byte)}`, record.row + 1);
          let next: number;
          try {
            next = scanRecord(buffer, position, length, keyBytes, record);
          } catch (error) {
            if (error instanceof SyntaxFault) fail(base + error.position, error.what, record.row + 1);
            throw error;
          }
          if (next === NEED_MORE) break;
          record.row++;
          record.byteOffset = base + position;
          onRecord(record);
          state = 2;
          position = next;
        }
      }
      if (position < length) {
        carry = buffer.subarray(position);
        // Copy so the carried bytes do not pin the whole previous chunk.
        carry = Buffer.from(carry);
      } else carry = undefined;
      base += position;
    }
  } finally {
    stream.destroy();
  }
  if (carry !== undefined && carry.length > 0) {
    fail(base, `file ends inside record ${record.row + 1} (truncated or corrupt)`, record.row + 1);
  }
  if (state === 0) fail(base, 'empty file: expected a JSON array');
  if (state !== 3) fail(base, `file ends after record ${record.row} without closing ']' (truncated)`, record.row);
  return record.row;
}

function describe(byte: number): string {
  return byte >= 0x20 && byte < 0x7f
    ? `'${String.fromCharCode(byte)}'`
    : `byte 0x${byte.toString(16).padStart(2, '0')}`;
}

function skipWhitespace(buffer: Buffer, position: number, length: number): number {
  while (position < length) {
    const c = buffer[position]!;
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    position++;
  }
  return position;
}

/** Index of the byte after the closing quote of the string whose opening quote is at `position - 1`; NEED_MORE at buffer end. Sets `escapedOut[0]`. */
function scanString(buffer: Buffer, position: number, length: number, escapedOut: Uint8Array): number {
  escapedOut[0] = 0;
  while (position < length) {
    const c = buffer[position]!;
    if (c === 0x22) return position + 1;
    if (c === 0x5c) {
      escapedOut[0] = 1;
      position += 2;
      continue;
    }
    if (c < 0x20) throw new SyntaxFault(position, 'control character inside a string');
    position++;
  }
  return NEED_MORE;
}

const scratchEscaped = new Uint8Array(1);
const depthStack = new Uint8Array(256);

/** Scans one value; returns the index after it, NEED_MORE, and the kind through `kindOut[0]`. */
function scanValue(buffer: Buffer, position: number, length: number, kindOut: Uint8Array): number {
  const c = buffer[position]!;
  if (c === 0x22) {
    kindOut[0] = JsonKind.string;
    return scanString(buffer, position + 1, length, scratchEscaped);
  }
  if (c === 0x5b || c === 0x7b) {
    kindOut[0] = c === 0x5b ? JsonKind.array : JsonKind.object;
    let depth = 0;
    let p = position;
    while (p < length) {
      const b = buffer[p]!;
      if (b === 0x22) {
        p = scanString(buffer, p + 1, length, scratchEscaped);
        if (p === NEED_MORE) return NEED_MORE;
        continue;
      }
      if (b === 0x5b || b === 0x7b) {
        if (depth === depthStack.length) throw new SyntaxFault(p, 'nesting too deep');
        depthStack[depth++] = b;
      } else if (b === 0x5d || b === 0x7d) {
        const open = depthStack[--depth];
        if ((b === 0x5d && open !== 0x5b) || (b === 0x7d && open !== 0x7b))
          throw new SyntaxFault(p, `mismatched '${String.fromCharCode(b)}'`);
        if (depth === 0) return p + 1;
      }
      p++;
    }
    return NEED_MORE;
  }
  // Scalar: number, true, false, null, NaN, Infinity, -Infinity. Runs to the next delimiter.
  let p = position;
  while (p < length) {
    const b = buffer[p]!;
    if (b === 0x2c || b === 0x7d || b === 0x5d || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) break;
    p++;
  }
  if (p >= length) return NEED_MORE;
  const size = p - position;
  if (
    c === 0x74 &&
    size === 4 &&
    buffer[position + 1] === 0x72 &&
    buffer[position + 2] === 0x75 &&
    buffer[position + 3] === 0x65
  )
    kindOut[0] = JsonKind.true;
  else if (c === 0x66 && size === 5 && buffer.toString('latin1', position, p) === 'false') kindOut[0] = JsonKind.false;
  else if (c === 0x6e && size === 4 && buffer.toString('latin1', position, p) === 'null') kindOut[0] = JsonKind.null;
  else if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x4e || c === 0x49) {
    // Digits, sign, NaN, Infinity: validated when extracted (the field is known there).
    kindOut[0] = JsonKind.number;
  } else throw new SyntaxFault(position, `invalid value starting with ${describe(c)}`);
  return p;
}

const kindScratch = new Uint8Array(1);

/** Scans the object at `position` into `record`; returns the index after `}` or NEED_MORE. */
function scanRecord(
  buffer: Buffer,
  position: number,
  length: number,
  keys: readonly Buffer[],
  record: JsonRecordSpans,
): number {
  record.kind.fill(0);
  let p = position + 1;
  let first = true;
  for (;;) {
    p = skipWhitespace(buffer, p, length);
    if (p >= length) return NEED_MORE;
    let c = buffer[p]!;
    if (c === 0x7d && first) return p + 1;
    if (c !== 0x22) throw new SyntaxFault(p, `expected a key string, found ${describe(c)}`);
    const keyStart = p + 1;
    p = scanString(buffer, keyStart, length, scratchEscaped);
    if (p === NEED_MORE) return NEED_MORE;
    const keyEnd = p - 1;
    p = skipWhitespace(buffer, p, length);
    if (p >= length) return NEED_MORE;
    if (buffer[p] !== 0x3a) throw new SyntaxFault(p, `expected ':' after key, found ${describe(buffer[p]!)}`);
    p = skipWhitespace(buffer, p + 1, length);
    if (p >= length) return NEED_MORE;
    const valueStart = p;
    p = scanValue(buffer, p, length, kindScratch);
    if (p === NEED_MORE) return NEED_MORE;
    const slot = matchKey(buffer, keyStart, keyEnd, keys);
    if (slot >= 0) {
      const kind = kindScratch[0]!;
      record.kind[slot] = kind;
      record.start[slot] = kind === JsonKind.string ? valueStart + 1 : valueStart;
      record.end[slot] = kind === JsonKind.string ? p - 1 : p;
      record.escaped[slot] = kind === JsonKind.string ? scratchEscaped[0]! : 0;
    }
    first = false;
    p = skipWhitespace(buffer, p, length);
    if (p >= length) return NEED_MORE;
    c = buffer[p]!;
    if (c === 0x7d) return p + 1;
    if (c !== 0x2c) throw new SyntaxFault(p, `expected ',' or '}' in record, found ${describe(c)}`);
    p++;
  }
}

function matchKey(buffer: Buffer, start: number, end: number, keys: readonly Buffer[]): number {
  const size = end - start;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    if (key.length !== size) continue;
    let i = 0;
    while (i < size && buffer[start + i] === key[i]) i++;
    if (i === size) return k;
  }
  return -1;
}
