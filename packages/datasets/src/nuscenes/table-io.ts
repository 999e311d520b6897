/**
 * Reading one nuScenes table (`<version>/<table>.json`) through the streaming
 * tokenizer, and interning its token fields.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DatasetFormatError } from '@stkit/core';
import { streamJsonArray, type JsonRecordSpans } from './json-array-stream';
import { fieldError, type FieldContext } from './json-values';
import type { TokenTable } from './token-table';

/** A table file path, checked to exist. */
export async function tablePath(tableDir: string, table: string): Promise<string> {
  const file = join(tableDir, `${table}.json`);
  try {
    await stat(file);
  } catch {
    throw new DatasetFormatError({ file, reason: `table '${table}' is missing` });
  }
  return file;
}

/** Streams one table with `keys`, calling `onRecord` with the field context. */
export async function readTable(
  tableDir: string,
  table: string,
  keys: readonly string[],
  onRecord: (record: JsonRecordSpans, context: FieldContext) => void,
  signal?: AbortSignal,
): Promise<number> {
  const file = await tablePath(tableDir, table);
  const context: FieldContext = { file, keys };
  return streamJsonArray({ file, keys, signal, onRecord: (record) => onRecord(record, context) });
}

/** Interns the token string at `slot` (may be empty: returns -1). */
export function tokenAt(
  table: TokenTable,
  record: JsonRecordSpans,
  slot: number,
  context: FieldContext,
  intern: boolean,
): number {
  if (record.kind[slot] !== 1)
    throw fieldError(context, record, slot, record.kind[slot] === 0 ? 'missing field' : 'expected a token string');
  const start = record.start[slot]!;
  const end = record.end[slot]!;
  if (end === start) return -1;
  return intern ? table.intern(record.buffer, start, end) : table.find(record.buffer, start, end);
}
