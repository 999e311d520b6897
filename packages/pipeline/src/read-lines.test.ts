import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetFormatError } from '@stkit/core';
import { readLines } from './read-lines';

async function linesOf(content: string | Buffer): Promise<[number, string][]> {
  const file = join(await mkdtemp(join(tmpdir(), 'stkit-lines-')), 'f.jsonl');
  await writeFile(file, content);
  const out: [number, string][] = [];
  for await (const entry of readLines(file)) out.push(entry);
  return out;
}

describe('readLines', () => {
  it('splits on LF and CRLF, keeps empty lines, and handles a missing final newline', async () => {
    expect(await linesOf('a\r\nb\n\nc')).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, ''],
      [4, 'c'],
    ]);
    await expect(linesOf('')).rejects.toThrow(/is empty/);
  });

  it('reassembles lines and multi-byte characters across 1 MiB chunk boundaries', async () => {
    // 'é' is two bytes in UTF-8; 700,000 of them (1.4 MB) straddle the first chunk boundary.
    const long = 'é'.repeat(700_000);
    const lines = await linesOf(`${long}\nx\n`);
    expect(lines.length).toBe(2);
    expect(lines[0]![1]).toBe(long);
    expect(lines[1]).toEqual([2, 'x']);
  });

  it('skips a UTF-8 byte-order mark before the first line only', async () => {
    expect(await linesOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}\n\ufeffb\n')]))).toEqual([
      [1, '{"a":1}'],
      [2, '\ufeffb'],
    ]);
  });

  it('refuses a line longer than the bound with the file and 1-based line', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'stkit-lines-')), 'long.jsonl');
    await writeFile(file, `ok\n${'x'.repeat(5000)}\n`);
    const out: string[] = [];
    const error = await (async () => {
      for await (const [, text] of readLines(file, { maxLineBytes: 1000 })) out.push(text);
    })().catch((caught: unknown) => caught);
    expect(out).toEqual(['ok']);
    expect(DatasetFormatError.isInstance(error)).toBe(true);
    expect((error as DatasetFormatError).row).toBe(2);
    expect((error as Error).message).toContain(file);
  });

  it('refuses special files and folders up front instead of hanging on /dev/zero', async () => {
    for (const [file, reason] of [
      ['/dev/zero', /not a regular file/],
      [tmpdir(), /is a folder/],
      [join(tmpdir(), 'no-such-stkit-file.jsonl'), /file not found/],
    ] as const) {
      const error = await (async () => {
        for await (const _ of readLines(file)) void _;
      })().catch((caught: unknown) => caught);
      expect(DatasetFormatError.isInstance(error), file).toBe(true);
      expect((error as Error).message).toMatch(reason);
    }
  }, 10_000);
});
