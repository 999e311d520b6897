import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSample } from '../__fixtures__/samples';
import { readBench, readSamples } from './read-samples';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stkit-bench-read-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const line = (id: string) => JSON.stringify(makeSample('movement_direction', { clock: 4 }, { id }));

describe('readSamples', () => {
  it('reads folders recursively in name order, reporting and skipping bad lines', async () => {
    await mkdir(join(dir, 'b'));
    await writeFile(join(dir, 'a.jsonl'), `${line('s1')}\n{oops\n\n${line('s2')}\n`);
    await writeFile(
      join(dir, 'b', 'c.jsonl'),
      `${line('s3')}\n${JSON.stringify({ ...JSON.parse(line('s4')), label: { clock: 13 } })}\n${line('s1')}\n`,
    );
    await writeFile(join(dir, 'notes.txt'), 'ignored');
    const result = await readSamples({ paths: [dir] });
    expect(result.samples.map((sample) => sample.id)).toEqual(['s1', 's2', 's3']);
    expect(result.sampleFiles).toEqual([join(dir, 'a.jsonl'), join(dir, 'a.jsonl'), join(dir, 'b', 'c.jsonl')]);
    expect(result.invalid.map((entry) => [entry.file, entry.line])).toEqual([
      [join(dir, 'a.jsonl'), 2],
      [join(dir, 'b', 'c.jsonl'), 2],
    ]);
    expect(result.invalid[1]!.error.message).toContain("field 'label.clock'");
    expect(result.duplicateIds).toEqual(['s1']);
  });
  it('names a path that does not exist', async () => {
    await expect(readSamples({ paths: [join(dir, 'nope')] })).rejects.toThrow(/Invalid argument 'paths': cannot read/);
  });
  it('readBench is strict', async () => {
    await writeFile(join(dir, 'bench.jsonl'), `${line('s1')}\n{oops\n`);
    await expect(readBench(join(dir, 'bench.jsonl'))).rejects.toThrow(/bench\.jsonl \(row 2\): malformed JSON/);
    await writeFile(join(dir, 'bench.jsonl'), `${line('s1')}\n${line('s1')}\n`);
    await expect(readBench(join(dir, 'bench.jsonl'))).rejects.toThrow(/duplicate sample id 's1'/);
  });
});
