import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write';

describe('writeFileAtomic', () => {
  it('writes strings, bytes and chunk lists, creating the folder, and replaces an existing file whole', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stkit-atomic-'));
    const file = join(dir, 'a', 'b.txt');
    await writeFileAtomic(file, 'first version, longer than the second');
    await writeFileAtomic(file, ['x', new TextEncoder().encode('y'), 'z']);
    expect(await readFile(file, 'utf8')).toBe('xyz');
    await writeFileAtomic(file, new Uint8Array([65, 66]));
    expect(await readFile(file, 'utf8')).toBe('AB');
    expect(await readdir(join(dir, 'a'))).toEqual(['b.txt']);
  });

  it('leaves the old file and no temporary file when a chunk fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stkit-atomic-'));
    const file = join(dir, 'c.txt');
    await writeFile(file, 'old');
    function* failing(): Generator<string> {
      yield 'new part';
      throw new Error('source broke');
    }
    await expect(writeFileAtomic(file, failing())).rejects.toThrow('source broke');
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['c.txt']);
  });

  it('fails on a folder where the file belongs, leaving nothing behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stkit-atomic-'));
    await expect(writeFileAtomic(dir, 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });
});
