/// <reference path="./lz4js.d.ts" />
/**
 * Reads a Feather V2 file (Arrow IPC file format, optionally LZ4-frame
 * compressed) into plain columns. apache-arrow is imported lazily, and the
 * LZ4 codec registered with its compression registry on first use.
 */
import { readFile } from 'node:fs/promises';
import { DatasetFormatError } from '@stkit/core';
import { createLz4FrameCodec, type Lz4js } from './lz4-frame-codec';

/** The kinds of column the Argoverse 2 tables use. */
export type FeatherColumnKind = 'float' | 'int64' | 'string' | 'uint';

/** A table read from a feather file: columns by name, each of `numRows` values. */
export interface FeatherTable {
  file: string;
  numRows: number;
  /** Column values: `Float64Array` (float, uint), `BigInt64Array` (int64), `string[]` (string). */
  columns: Map<string, Float64Array | BigInt64Array | string[]>;
}

let registered = false;
async function loadArrow(): Promise<typeof import('apache-arrow')> {
  const arrow = await import('apache-arrow');
  if (!registered) {
    // lz4js is CommonJS: its exports arrive as the default export.
    const lz4 = ((await import('lz4js')) as { default: Lz4js }).default;
    arrow.compressionRegistry.set(arrow.CompressionType.LZ4_FRAME, createLz4FrameCodec(lz4));
    registered = true;
  }
  return arrow;
}

/**
 * Reads `file` and returns the `wanted` columns converted to plain arrays.
 * A missing, truncated or corrupt file, a missing column or a column of
 * another type is a `DatasetFormatError` naming the file and column.
 */
export async function readFeather(file: string, wanted: Record<string, FeatherColumnKind>, options: { signal?: AbortSignal } = {}): Promise<FeatherTable> {
  const arrow = await loadArrow();
  let bytes: Buffer;
  try {
    bytes = await readFile(file, { signal: options.signal });
  } catch (cause) {
    if ((cause as Error).name === 'AbortError') throw cause;
    throw new DatasetFormatError({ file, reason: `cannot read: ${(cause as Error).message}`, cause });
  }
  let table: import('apache-arrow').Table;
  try {
    table = arrow.tableFromIPC(bytes);
    // Materialise every batch now, so a corrupt body fails here and not later.
    for (const batch of table.batches) void batch.numRows;
  } catch (cause) {
    throw new DatasetFormatError({ file, reason: `not a readable Feather V2 / Arrow IPC file: ${(cause as Error).message}`, cause });
  }
  if (table.numRows === 0 && table.schema.fields.length === 0) throw new DatasetFormatError({ file, reason: 'empty Arrow file (no schema)' });
  const columns = new Map<string, Float64Array | BigInt64Array | string[]>();
  for (const [name, kind] of Object.entries(wanted)) {
    const vector = table.getChild(name);
    if (!vector) throw new DatasetFormatError({ file, field: name, reason: `column missing (columns: ${table.schema.fields.map((f) => f.name).join(', ')})` });
    const typeId = vector.type.typeId;
    const ok =
      (kind === 'float' && arrow.DataType.isFloat(vector.type)) ||
      (kind === 'int64' && arrow.DataType.isInt(vector.type) && (vector.type as import('apache-arrow').Int).bitWidth === 64) ||
      (kind === 'uint' && arrow.DataType.isInt(vector.type)) ||
      (kind === 'string' && (arrow.DataType.isUtf8(vector.type) || arrow.DataType.isLargeUtf8(vector.type) || arrow.DataType.isDictionary(vector.type)));
    if (!ok) throw new DatasetFormatError({ file, field: name, reason: `expected a ${kind} column, found ${String(vector.type)} (type id ${typeId})` });
    if (vector.nullCount > 0) {
      for (let i = 0; i < vector.length; i++) {
        if (!vector.isValid(i)) throw new DatasetFormatError({ file, field: name, row: i + 1, reason: 'null value' });
      }
    }
    try {
      if (kind === 'string') {
        const values: string[] = new Array(vector.length);
        for (let i = 0; i < vector.length; i++) values[i] = String(vector.get(i));
        columns.set(name, values);
      } else if (kind === 'int64') {
        columns.set(name, BigInt64Array.from(vector.toArray() as BigInt64Array));
      } else {
        columns.set(name, Float64Array.from(vector.toArray() as ArrayLike<number>, Number));
      }
    } catch (cause) {
      throw new DatasetFormatError({ file, field: name, reason: `corrupt column body: ${(cause as Error).message}`, cause });
    }
  }
  return { file, numRows: table.numRows, columns };
}
