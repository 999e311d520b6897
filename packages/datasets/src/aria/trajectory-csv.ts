/**
 * Streams a Project Aria MPS `closed_loop_trajectory.csv` (device poses in
 * the world frame at ~1 kHz). Columns are mapped by header name (the format
 * gained columns over time; extra ones are ignored). Quaternions in the file
 * are **w last** (`qx,qy,qz,qw_world_device`); they are returned w first.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { DatasetFormatError } from '@stkit/core';
import { nonMonotonicError, requireRegularFile } from '../shared/index';

/** Columns that must be present. */
export const ARIA_REQUIRED_COLUMNS = [
  'tracking_timestamp_us',
  'tx_world_device',
  'ty_world_device',
  'tz_world_device',
  'qx_world_device',
  'qy_world_device',
  'qz_world_device',
  'qw_world_device',
] as const;
const GRAVITY_COLUMNS = ['gravity_x_world', 'gravity_y_world', 'gravity_z_world'] as const;

/** A closed-loop trajectory as flat columns (row i of the file = data row i + 2, after the header). */
export interface AriaTrajectory {
  file: string;
  /** `tracking_timestamp_us` (device clock), µs. */
  timestamps: BigInt64Array;
  /** `world_from_device` translations, flat N×3, metres. */
  translations: Float64Array;
  /** `world_from_device` rotations `[w, x, y, z]`, flat N×4. */
  rotations: Float64Array;
  /** Mean gravity vector in the world frame (m/s²), when the file has gravity columns. */
  gravity?: [number, number, number];
  /** `graph_uid` of each row, when the column exists (rows of different graphs are in different world frames). */
  graphIds?: string[];
}

/** Largest timestamp kept exactly (BigInt64Array). */
const INT64_MAX = 2n ** 63n - 1n;

/** Growable Float64Array / BigInt64Array storage, so 1 kHz logs of an hour stay flat in memory. */
class Columns {
  length = 0;
  t = new BigInt64Array(1024);
  p = new Float64Array(3 * 1024);
  q = new Float64Array(4 * 1024);
  push(t: bigint, p: number[], q: number[]): void {
    if (this.length === this.t.length) {
      const grow = <T extends BigInt64Array | Float64Array>(a: T, n: number): T => {
        const b = new (a.constructor as new (n: number) => T)(n);
        b.set(a as never);
        return b;
      };
      this.t = grow(this.t, this.length * 2);
      this.p = grow(this.p, this.length * 6);
      this.q = grow(this.q, this.length * 8);
    }
    const i = this.length++;
    this.t[i] = t;
    this.p.set(p, 3 * i);
    this.q.set(q, 4 * i);
  }
}

/**
 * Reads and validates the whole file (broken rows, NaN, non-increasing timestamps are `DatasetFormatError`s).
 * @param options - an optional `signal` to abort the read.
 */
export async function readAriaTrajectory(
  file: string,
  options: { signal?: AbortSignal } = {},
): Promise<AriaTrajectory> {
  await requireRegularFile(file);
  const stream = createReadStream(file, { encoding: 'utf8', signal: options.signal });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let header: string[] | undefined;
  let index: Record<string, number> = {};
  const columns = new Columns();
  const graphIds: string[] = [];
  const gravity = [0, 0, 0];
  let gravityRows = 0;
  let row = 0;
  try {
    for await (const line of lines) {
      row++;
      if (line.trim() === '') continue;
      const cells = line.split(',');
      if (!header) {
        header = cells.map((c) => c.trim());
        index = Object.fromEntries(header.map((name, i) => [name, i]));
        for (const name of ARIA_REQUIRED_COLUMNS) {
          if (index[name] === undefined)
            throw new DatasetFormatError({ file, row, field: name, reason: 'column missing from the header' });
        }
        continue;
      }
      if (cells.length !== header.length) {
        throw new DatasetFormatError({
          file,
          row,
          field: header[Math.min(cells.length, header.length - 1)],
          reason: `expected ${header.length} columns, found ${cells.length}`,
        });
      }
      const num = (name: string): number => {
        const text = cells[index[name]!]!;
        const value = text.trim() === '' ? Number.NaN : Number(text);
        if (!Number.isFinite(value))
          throw new DatasetFormatError({ file, row, field: name, reason: `expected a finite number, got '${text}'` });
        return value;
      };
      const tsText = cells[index.tracking_timestamp_us!]!.trim();
      if (!/^\d+$/.test(tsText))
        throw new DatasetFormatError({
          file,
          row,
          field: 'tracking_timestamp_us',
          reason: `expected an integer, got '${tsText}'`,
        });
      const t = BigInt(tsText);
      // Stored as signed 64-bit: a longer integer would wrap around; parse exactly or reject.
      if (t > INT64_MAX)
        throw new DatasetFormatError({
          file,
          row,
          field: 'tracking_timestamp_us',
          reason: `timestamp ${tsText} does not fit a signed 64-bit integer of microseconds`,
        });
      if (columns.length > 0 && t <= columns.t[columns.length - 1]!) {
        throw nonMonotonicError(
          { file, row, field: 'tracking_timestamp_us' },
          String(columns.t[columns.length - 1]),
          tsText,
        );
      }
      const q = [num('qw_world_device'), num('qx_world_device'), num('qy_world_device'), num('qz_world_device')];
      if (!(Math.hypot(...q) > 1e-6))
        throw new DatasetFormatError({ file, row, field: 'qw_world_device', reason: 'quaternion has zero norm' });
      columns.push(t, [num('tx_world_device'), num('ty_world_device'), num('tz_world_device')], q);
      if (index.graph_uid !== undefined) graphIds.push(cells[index.graph_uid]!);
      if (GRAVITY_COLUMNS.every((c) => index[c] !== undefined)) {
        for (let d = 0; d < 3; d++) gravity[d]! += num(GRAVITY_COLUMNS[d]!);
        gravityRows++;
      }
    }
  } catch (cause) {
    if (DatasetFormatError.isInstance(cause) || (cause as Error).name === 'AbortError') throw cause;
    throw new DatasetFormatError({ file, reason: `cannot read: ${(cause as Error).message}`, cause });
  } finally {
    lines.close();
    stream.destroy();
  }
  if (!header) throw new DatasetFormatError({ file, reason: 'empty file (no header)' });
  const n = columns.length;
  const trajectory: AriaTrajectory = {
    file,
    timestamps: columns.t.slice(0, n),
    translations: columns.p.slice(0, 3 * n),
    rotations: columns.q.slice(0, 4 * n),
  };
  if (gravityRows > 0) trajectory.gravity = gravity.map((g) => g / gravityRows) as [number, number, number];
  if (index.graph_uid !== undefined) trajectory.graphIds = graphIds;
  return trajectory;
}
