import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetFormatError } from '@stkit/core';
import { hasSharedData, sharedDataPath, skipMessage } from '@stkit/test-data';
import { readAriaTrajectory } from './trajectory-csv';

const csv = join(sharedDataPath('projectaria', 'gen1', 'mps_sample') ?? '', 'trajectory', 'closed_loop_trajectory.csv');

/** The first `rows` rows of the real trajectory, with row `row` (1-based, after the header)'s timestamp replaced. */
function withTimestamp(row: number, timestamp: string): string {
  const lines = readFileSync(csv, 'utf8').split('\n').slice(0, 6);
  const header = lines[0]!.split(',');
  const column = header.indexOf('tracking_timestamp_us');
  const cells = lines[row]!.split(',');
  cells[column] = timestamp;
  lines[row] = cells.join(',');
  const file = join(mkdtempSync(join(tmpdir(), 'stkit-aria-ts-')), 'closed_loop_trajectory.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe.skipIf(!hasSharedData)(hasSharedData ? 'Aria timestamps' : `Aria timestamps: skipped, ${skipMessage}`, () => {
  it('rejects a 40-digit timestamp instead of wrapping it around', async () => {
    const huge = '9'.repeat(40);
    const file = withTimestamp(5, huge);
    const error = await readAriaTrajectory(file).catch((caught: unknown) => caught);
    expect(DatasetFormatError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ file, row: 6, field: 'tracking_timestamp_us' });
    expect((error as Error).message).toMatch(/does not fit a signed 64-bit/);
  });

  it('keeps the largest signed 64-bit timestamp exactly', async () => {
    const max = (2n ** 63n - 1n).toString();
    const trajectory = await readAriaTrajectory(withTimestamp(5, max));
    expect(trajectory.timestamps[trajectory.timestamps.length - 1]).toBe(2n ** 63n - 1n);
  });
});
