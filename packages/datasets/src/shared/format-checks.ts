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
 * Throws a `DatasetFormatError` unless `file` is a regular file: a folder, a
 * device (`/dev/zero` never ends), a FIFO (blocks until a writer comes) or a
 * socket where a data file belongs is refused before it is opened.
 */
export async function requireRegularFile(file: string): Promise<void> {
  const { stat } = await import('node:fs/promises');
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new DatasetFormatError({
      file,
      reason: code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? (cause as Error).message})`,
      cause,
    });
  }
  if (info.isDirectory()) throw new DatasetFormatError({ file, reason: 'is a folder, expected a file' });
  if (!info.isFile())
    throw new DatasetFormatError({ file, reason: 'is not a regular file (a device, FIFO or socket)' });
}
