import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    expect(await linesOf('')).toEqual([]);
  });

  it('reassembles lines and multi-byte characters across 1 MiB chunk boundaries', async () => {
    // 'é' is two bytes in UTF-8; 700,000 of them (1.4 MB) straddle the first chunk boundary.
    const long = 'é'.repeat(700_000);
    const lines = await linesOf(`${long}\nx\n`);
    expect(lines.length).toBe(2);
    expect(lines[0]![1]).toBe(long);
    expect(lines[1]).toEqual([2, 'x']);
  });
});
