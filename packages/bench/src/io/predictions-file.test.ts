import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatasetFormatError } from '@stkit/core';
import { openPredictionWriter, readPredictions } from './predictions-file';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stkit-bench-pred-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('readPredictions', () => {
  it('reads lines by id, the last of a repeated id winning', async () => {
    const file = join(dir, 'p.jsonl');
    await writeFile(
      file,
      '{"id":"a","response":"1"}\n\n{"id":"b","response":"2","model":"m"}\r\n{"id":"a","response":"3"}\n',
    );
    const read = await readPredictions(file);
    expect(read.predictions.get('a')!.response).toBe('3');
    expect(read.predictions.get('b')).toEqual({ id: 'b', response: '2', model: 'm' });
    expect(read.duplicateIds).toEqual(['a']);
    expect(read.tornTail).toBe(false);
  });
  it('treats a missing file as empty', async () => {
    expect((await readPredictions(join(dir, 'none.jsonl'))).predictions.size).toBe(0);
  });
  it('discards a torn last line and reports where the valid part ends', async () => {
    const file = join(dir, 'p.jsonl');
    const good = '{"id":"a","response":"1"}\n';
    await writeFile(file, `${good}{"id":"b","resp`);
    const read = await readPredictions(file);
    expect(read).toMatchObject({ tornTail: true, validBytes: Buffer.byteLength(good) });
    expect([...read.predictions.keys()]).toEqual(['a']);
  });
  it('keeps a complete last line without a newline', async () => {
    const file = join(dir, 'p.jsonl');
    await writeFile(file, '{"id":"a","response":"1"}');
    const read = await readPredictions(file);
    expect(read.tornTail).toBe(false);
    const writer = await openPredictionWriter(file, read.validBytes);
    await writer.append({ id: 'b', response: '2' });
    await writer.close();
    expect(await readFile(file, 'utf8')).toBe('{"id":"a","response":"1"}\n{"id":"b","response":"2"}\n');
  });
  it('names file and line of a bad line in the middle', async () => {
    const file = join(dir, 'p.jsonl');
    await writeFile(file, '{"id":"a","response":"1"}\nnot json\n{"id":"c","response":"3"}\n');
    await expect(readPredictions(file)).rejects.toSatisfy(
      (error: unknown) => DatasetFormatError.isInstance(error) && error.row === 2 && error.file === file,
    );
    await writeFile(file, '{"id":"a","response":"1"}\n{"id":"b"}\n');
    await expect(readPredictions(file)).rejects.toThrow(/p\.jsonl \(row 2, field 'response'\)/);
  });
});

describe('openPredictionWriter', () => {
  it('cuts a torn tail, then appends whole lines concurrently without interleaving', async () => {
    const file = join(dir, 'p.jsonl');
    await writeFile(file, '{"id":"a","response":"1"}\n{"id":"b","re');
    const read = await readPredictions(file);
    const writer = await openPredictionWriter(file, read.validBytes);
    const long = 'x'.repeat(100_000);
    await Promise.all(Array.from({ length: 20 }, (_, index) => writer.append({ id: `n${index}`, response: long })));
    await writer.close();
    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(21);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });
});
