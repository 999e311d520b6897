/**
 * Extraction of typed values from the byte spans of a streamed JSON record
 * (see `json-array-stream.ts`), with `DatasetFormatError`s that name the
 * file, the record and the field.
 */
import { DatasetFormatError } from '@stkit/core';
import { JsonKind, type JsonRecordSpans } from './json-array-stream';

/** Names the file and keys of a record being read, for error messages. */
export interface FieldContext {
  readonly file: string;
  readonly keys: readonly string[];
}

/** A `DatasetFormatError` at field `slot` of the current record. */
export function fieldError(context: FieldContext, record: JsonRecordSpans, slot: number, reason: string): DatasetFormatError {
  return new DatasetFormatError({ file: context.file, row: record.row, field: context.keys[slot], reason: `${reason} (record at byte offset ${record.byteOffset})` });
}

/** The string at `slot`; throws when absent or not a string. */
export function stringAt(context: FieldContext, record: JsonRecordSpans, slot: number): string {
  if (record.kind[slot] !== JsonKind.string) throw fieldError(context, record, slot, record.kind[slot] === JsonKind.absent ? 'missing field' : 'expected a string');
  const { buffer } = record;
  const start = record.start[slot]!;
  const end = record.end[slot]!;
  if (record.escaped[slot] === 0) return buffer.toString('utf8', start, end);
  try {
    return JSON.parse(buffer.toString('utf8', start - 1, end + 1)) as string;
  } catch {
    throw fieldError(context, record, slot, 'invalid escape in string');
  }
}

/** Parses a number span `[start, end)`; NaN/Infinity literals map to their values, anything malformed to `undefined`. */
export function parseNumberSpan(buffer: Buffer, start: number, end: number): number | undefined {
  // Fast path, exact: up to 15 digits of an integer (every such integer is a double).
  let p = start;
  const negative = buffer[p] === 0x2d;
  if (negative) p++;
  if (end - p > 0 && end - p <= 15) {
    let value = 0;
    let q = p;
    while (q < end) {
      const d = buffer[q]! - 0x30;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
      q++;
    }
    if (q === end && !(buffer[p] === 0x30 && end - p > 1)) return negative ? -value : value;
  }
  const text = buffer.toString('latin1', start, end);
  if (text === 'NaN') return Number.NaN;
  if (text === 'Infinity') return Number.POSITIVE_INFINITY;
  if (text === '-Infinity') return Number.NEGATIVE_INFINITY;
  if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

/** The number at `slot` (may be non-finite; callers check); throws when absent or malformed. */
export function numberAt(context: FieldContext, record: JsonRecordSpans, slot: number): number {
  if (record.kind[slot] !== JsonKind.number) throw fieldError(context, record, slot, record.kind[slot] === JsonKind.absent ? 'missing field' : 'expected a number');
  const value = parseNumberSpan(record.buffer, record.start[slot]!, record.end[slot]!);
  if (value === undefined) throw fieldError(context, record, slot, `malformed number '${record.buffer.toString('latin1', record.start[slot]!, record.end[slot]!)}'`);
  return value;
}

/** A finite number at `slot`. */
export function finiteAt(context: FieldContext, record: JsonRecordSpans, slot: number): number {
  const value = numberAt(context, record, slot);
  if (!Number.isFinite(value)) throw fieldError(context, record, slot, `non-finite value ${value}`);
  return value;
}

/** A µs integer timestamp at `slot` (non-negative safe integer). */
export function timestampAt(context: FieldContext, record: JsonRecordSpans, slot: number): number {
  const value = numberAt(context, record, slot);
  if (!Number.isSafeInteger(value) || value < 0) throw fieldError(context, record, slot, `expected an integer timestamp, got ${value}`);
  return value;
}

/** The boolean at `slot`. */
export function booleanAt(context: FieldContext, record: JsonRecordSpans, slot: number): boolean {
  const kind = record.kind[slot];
  if (kind === JsonKind.true) return true;
  if (kind === JsonKind.false) return false;
  throw fieldError(context, record, slot, kind === JsonKind.absent ? 'missing field' : 'expected true or false');
}

/**
 * Reads the numbers of the array at `slot` (nested arrays are flattened, so a
 * 3×3 matrix gives 9 numbers) into `out` from `outOffset`. Throws unless
 * exactly `count` finite numbers are found.
 */
export function finiteArrayAt(context: FieldContext, record: JsonRecordSpans, slot: number, count: number, out: Float64Array | number[], outOffset = 0): void {
  if (record.kind[slot] !== JsonKind.array) throw fieldError(context, record, slot, record.kind[slot] === JsonKind.absent ? 'missing field' : 'expected an array');
  const { buffer } = record;
  const end = record.end[slot]!;
  let p = record.start[slot]!;
  let found = 0;
  while (p < end) {
    const c = buffer[p]!;
    if (c === 0x5b || c === 0x5d || c === 0x2c || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      p++;
      continue;
    }
    let q = p;
    while (q < end) {
      const b = buffer[q]!;
      if (b === 0x2c || b === 0x5d || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) break;
      q++;
    }
    const value = parseNumberSpan(buffer, p, q);
    if (value === undefined) throw fieldError(context, record, slot, `malformed number '${buffer.toString('latin1', p, q)}' in array`);
    if (!Number.isFinite(value)) throw fieldError(context, record, slot, `non-finite value ${value} at index ${found}`);
    if (found < count) out[outOffset + found] = value;
    found++;
    p = q;
  }
  if (found !== count) throw fieldError(context, record, slot, `expected ${count} numbers, found ${found}`);
}
