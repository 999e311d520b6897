/**
 * Validation helpers that turn bad values read from a file into a
 * `DatasetFormatError` naming the file, the 1-based record and the field.
 */
import { DatasetFormatError } from '@stkit/core';

/** Where a value was read from. */
export interface RecordLocation {
  file: string;
  /** 1-based line or record number. */
  row?: number;
  field?: string;
}

/** Returns `value` if it is a finite number, else throws a `DatasetFormatError` at `location`. */
export function requireFinite(value: number, location: RecordLocation): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new DatasetFormatError({ ...location, reason: `expected a finite number, got ${String(value)}` });
  }
  return value;
}

/** Throws unless `quaternion` has a finite, non-zero norm. */
export function requireQuaternion(quaternion: readonly number[], location: RecordLocation): void {
  for (const c of quaternion) requireFinite(c, location);
  const norm = Math.hypot(...quaternion);
  if (!(norm > 1e-6)) throw new DatasetFormatError({ ...location, reason: `quaternion has zero norm` });
}

/** A `DatasetFormatError` for a timestamp that does not increase. */
export function nonMonotonicError(location: RecordLocation, previous: string, current: string): DatasetFormatError {
  return new DatasetFormatError({ ...location, reason: `timestamps must increase; ${current} follows ${previous}` });
}

/**
 * Throws a `DatasetFormatError` unless `file` is a regular file (core's
 * `requireRegularFile`, loaded on first use so this module stays free of
 * `node:fs` until a file is checked).
 */
export async function requireRegularFile(file: string): Promise<void> {
  const core = await import('@stkit/core/node');
  await core.requireRegularFile(file);
}
