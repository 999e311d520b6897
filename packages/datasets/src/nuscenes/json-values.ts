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
export function fieldError(
  context: FieldContext,
  record: JsonRecordSpans,
  slot: number,
  reason: string,
): DatasetFormatError {
  return new DatasetFormatError({
    file: context.file,
    row: record.row,
    field: context.keys[slot],
    reason: `${reason} (record at byte offset ${record.byteOffset})`,
  });
}

/** The string at `slot`; throws when absent or not a string. */
export function stringAt(context: FieldContext, record: JsonRecordSpans, slot: number): string {
  if (record.kind[slot] !== JsonKind.string)
    throw fieldError(
      context,
      record,
      slot,
      record.kind[slot] === JsonKind.absent ? 'missing field' : 'expected a string',
    );
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

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Parses a JSON number span `[start, end)` strictly; NaN/Infinity literals
 * (as Python writes them) map to their values, anything malformed to
 * `undefined`. Fast path (Clinger): a mantissa ≤ 2^53 and ≤ 22 decimals
 * without exponent is `m / 10^k`, one correctly rounded IEEE division of two
 * exact doubles — the same double `Number(text)` gives; otherwise `Number`.
 */
export function parseNumberSpan(buffer: Buffer, start: number, end: number): number | undefined {
  let p = start;
  const negative = buffer[p] === 0x2d;
  if (negative) p++;
  if (p >= end) return undefined;
  let c = buffer[p]!;
  if (c === 0x4e || c === 0x49) {
    const text = buffer.toString('latin1', p, end);
    if (text === 'NaN' && !negative) return Number.NaN;
    if (text === 'Infinity') return negative ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    return undefined;
  }
  let mantissa = 0;
  let decimals = 0;
  if (c === 0x30) {
    p++;
    if (p < end && buffer[p]! >= 0x30 && buffer[p]! <= 0x39) return undefined; // leading zero
  } else {
    if (c < 0x31 || c > 0x39) return undefined;
    while (p < end && (c = buffer[p]!) >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      p++;
    }
  }
  if (p < end && buffer[p] === 0x2e) {
    p++;
    if (!(p < end && buffer[p]! >= 0x30 && buffer[p]! <= 0x39)) return undefined;
    while (p < end && (c = buffer[p]!) >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      decimals++;
      p++;
    }
  }
  let exponent = false;
  if (p < end && (buffer[p] === 0x65 || buffer[p] === 0x45)) {
    exponent = true;
    p++;
    if (p < end && (buffer[p] === 0x2b || buffer[p] === 0x2d)) p++;
    if (!(p < end && buffer[p]! >= 0x30 && buffer[p]! <= 0x39)) return undefined;
    while (p < end && buffer[p]! >= 0x30 && buffer[p]! <= 0x39) p++;
  }
  if (p !== end) return undefined;
  if (!exponent && mantissa <= Number.MAX_SAFE_INTEGER && decimals <= 22) {
    const value = decimals === 0 ? mantissa : mantissa / POW10[decimals]!;
    return negative ? -value : value;
  }
  return Number(buffer.toString('latin1', start, end));
}

/** The number at `slot` (may be non-finite; callers check); throws when absent or malformed. */
export function numberAt(context: FieldContext, record: JsonRecordSpans, slot: number): number {
  if (record.kind[slot] !== JsonKind.number)
    throw fieldError(
      context,
      record,
      slot,
      record.kind[slot] === JsonKind.absent ? 'missing field' : 'expected a number',
    );
  const value = parseNumberSpan(record.buffer, record.start[slot]!, record.end[slot]!);
  if (value === undefined)
    throw fieldError(
      context,
      record,
      slot,
      `malformed number '${record.buffer.toString('latin1', record.start[slot]!, record.end[slot]!)}'`,
    );
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
  if (!Number.isSafeInteger(value) || value < 0)
    throw fieldError(context, record, slot, `expected an integer timestamp, got ${value}`);
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
export function finiteArrayAt(
  context: FieldContext,
  record: JsonRecordSpans,
  slot: number,
  count: number,
  out: Float64Array | number[],
  outOffset = 0,
): void {
  if (record.kind[slot] !== JsonKind.array)
    throw fieldError(
      context,
      record,
      slot,
      record.kind[slot] === JsonKind.absent ? 'missing field' : 'expected an array',
    );
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
    if (value === undefined)
      throw fieldError(context, record, slot, `malformed number '${buffer.toString('latin1', p, q)}' in array`);
    if (!Number.isFinite(value)) throw fieldError(context, record, slot, `non-finite value ${value} at index ${found}`);
    if (found < count) out[outOffset + found] = value;
    found++;
    p = q;
  }
  if (found !== count) throw fieldError(context, record, slot, `expected ${count} numbers, found ${found}`);
}
