import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetFormatError } from '../errors';
import { readRegularFile } from './read-regular-file';

const dir = await mkdtemp(join(tmpdir(), 'stkit-regular-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('readRegularFile', () => {
  it('reads a regular file byte for byte', async () => {
    const file = join(dir, 'a.bin');
    await writeFile(file, Buffer.from([1, 2, 3, 250]));
    expect([...(await readRegularFile(file))]).toEqual([1, 2, 3, 250]);
  });

  it.each([
    ['/dev/zero', 'not a regular file'],
    [dir, 'is a folder'],
    [join(dir, 'absent.npy'), 'file not found'],
  ])('%s: a DatasetFormatError naming the file (%s), before any read', async (file, reason) => {
    const error = await readRegularFile(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatasetFormatError);
    expect((error as DatasetFormatError).file).toBe(file);
    expect((error as DatasetFormatError).message).toContain(reason);
  });
});
