/// <reference path="./lz4js.d.ts" />
/**
 * Reads a Feather V2 file (Arrow IPC file format, optionally LZ4-frame
 * compressed) into plain columns. apache-arrow is imported lazily, and the
 * LZ4 codec registered with its compression registry on first use.
 */
import { readFile } from 'node:fs/promises';
import { DatasetFormatError } from '@stkit/core';
import { requireRegularFile } from '../shared/format-checks';
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
 * @param options - an optional `signal` to abort the read.
 */
export async function readFeather(
  file: string,
  wanted: Record<string, FeatherColumnKind>,
  options: { signal?: AbortSignal } = {},
): Promise<FeatherTable> {
  await requireRegularFile(file);
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
    throw new DatasetFormatError({
      file,
      reason: `not a readable Feather V2 / Arrow IPC file: ${(cause as Error).message}`,
      cause,
    });
  }
  if (table.numRows === 0 && table.schema.fields.length === 0)
    throw new DatasetFormatError({ file, reason: 'empty Arrow file (no schema)' });
  const columns = new Map<string, Float64Array | BigInt64Array | string[]>();
  for (const [name, kind] of Object.entries(wanted)) {
    const vector = table.getChild(name);
    if (!vector)
      throw new DatasetFormatError({
        file,
        field: name,
        reason: `column missing (columns: ${table.schema.fields.map((f) => f.name).join(', ')})`,
      });
    const typeId = vector.type.typeId;
    const ok =
      (kind === 'float' && arrow.DataType.isFloat(vector.type)) ||
      (kind === 'int64' &&
        arrow.DataType.isInt(vector.type) &&
        (vector.type as import('apache-arrow').Int).bitWidth === 64) ||
      (kind === 'uint' && arrow.DataType.isInt(vector.type)) ||
      (kind === 'string' &&
        (arrow.DataType.isUtf8(vector.type) ||
          arrow.DataType.isLargeUtf8(vector.type) ||
          arrow.DataType.isDictionary(vector.type)));
    if (!ok)
      throw new DatasetFormatError({
        file,
        field: name,
        reason: `expected a ${kind} column, found ${String(vector.type)} (type id ${typeId})`,
      });
    checkColumnBuffers(file, name, vector, table.numRows);
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
      throw new DatasetFormatError({
        file,
        field: name,
        reason: `corrupt column body: ${(cause as Error).message}`,
        cause,
      });
    }
  }
  return { file, numRows: table.numRows, columns };
}

/**
 * Checks a column's buffers against the schema and the row count before any
 * value is read: the chunks add up to the table's rows, a fixed-width chunk
 * holds a value per row, and a string chunk has one offset more than rows,
 * non-decreasing and within its data. (A decompressed buffer that is too
 * short would otherwise read as missing values, not as an error.)
 */
function checkColumnBuffers(file: string, name: string, vector: import('apache-arrow').Vector, numRows: number): void {
  const fail = (reason: string): never => {
    throw new DatasetFormatError({ file, field: name, reason: `column buffers do not match the schema: ${reason}` });
  };
  if (vector.length !== numRows) fail(`${vector.length} values for ${numRows} rows`);
  for (const data of vector.data) {
    const chunk = data as unknown as {
      length: number;
      offset: number;
      values?: ArrayLike<unknown>;
      valueOffsets?: ArrayLike<number | bigint>;
      stride?: number;
      dictionary?: unknown;
      type: { typeId: number };
    };
    if (chunk.dictionary !== undefined) continue; // dictionary indices are checked by Arrow against the dictionary on read
    if (chunk.valueOffsets !== undefined) {
      const offsets = chunk.valueOffsets;
      const bytes = chunk.values?.length ?? 0;
      if (offsets.length < chunk.offset + chunk.length + 1)
        fail(`${offsets.length} string offsets for ${chunk.length} rows`);
      let previous = Number(offsets[chunk.offset]);
      if (previous < 0) fail('negative string offset');
      for (let index = chunk.offset + 1; index <= chunk.offset + chunk.length; index++) {
        const next = Number(offsets[index]);
        if (next < previous) fail(`string offsets decrease at row ${index}`);
        previous = next;
      }
      if (previous > bytes) fail(`string data of ${bytes} bytes, offsets reach ${previous}`);
    } else if (chunk.values !== undefined) {
      const stride = chunk.stride ?? 1;
      if (chunk.values.length < (chunk.offset + chunk.length) * stride)
        fail(`${chunk.values.length} values for ${chunk.length} rows`);
    }
  }
}
