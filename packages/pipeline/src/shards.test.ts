import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyTaskCounts } from './clip-samples';
import type { ClipOutcome } from './clip-outcome';
import { collectQaShard } from './qa';
import {
  acquireShardBody,
  encodeLines,
  readCompleteShard,
  releaseShardBody,
  shardFileName,
  writeShard,
} from './shards';
import { writeFileAtomic } from './atomic-write';

describe('shards', () => {
  it('names shards with a fixed width', () => {
    expect(shardFileName(0)).toBe('part-00000.jsonl');
    expect(shardFileName(123)).toBe('part-00123.jsonl');
  });

  it('writes a shard and its sidecar, and recognises it as complete', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stkit-shards-'));
    await writeShard(dir, 2, 3, ['{"a":1}', '{"b":2}'], { n: 5 });
    expect(await readFile(join(dir, 'part-00002.jsonl'), 'utf8')).toBe('{"a":1}\n{"b":2}\n');
    const meta = await readCompleteShard<{ n: number }>(dir, 2);
    // 16 bytes: two lines of 7 characters plus two newlines.
    expect(meta).toEqual({ index: 2, items: 3, lines: 2, bytes: 16, inputDigest: '', counts: { n: 5 } });
    // No temporary files remain.
    expect((await readdir(dir)).sort()).toEqual(['.part-00002.jsonl.meta.json', 'part-00002.jsonl']);
  });

  it('encodes lines as UTF-8 with a newline each, also when non-ASCII text outgrows the first buffer', () => {
    // Hand-counted bytes: 'é' is 2 bytes, '→' 3, '😀' (a surrogate pair) 4.
    expect(encodeLines(['é→😀'])).toEqual(Buffer.from([0xc3, 0xa9, 0xe2, 0x86, 0x92, 0xf0, 0x9f, 0x98, 0x80, 0x0a]));
    expect(encodeLines([])).toEqual(Buffer.alloc(0));
    expect(encodeLines(['', 'a'])).toEqual(Buffer.from('\na\n', 'latin1'));
    // Many short lines of 3-byte characters after a long ASCII one: the buffer must grow several times.
    const lines = ['x'.repeat(50), ...Array.from({ length: 400 }, (_, index) => '→'.repeat(index % 7) + String(index))];
    const encoded = encodeLines(lines);
    expect(encoded.toString('utf8')).toBe(`${lines.join('\n')}\n`);
    expect(encoded.length).toBe(lines.reduce((bytes, line) => bytes + new TextEncoder().encode(line).length + 1, 0));
  });

  it('reuses a shard body without leaking the previous shard into the next', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stkit-shards-'));
    const first = acquireShardBody();
    // Long enough to grow the body past its first megabyte, with multi-byte characters.
    const long = Array.from({ length: 3000 }, (_, index) => `{"n":${index},"t":"${'é→😀'.repeat(60)}"}`);
    first.appendAll(long);
    await writeShard(dir, 0, long.length, first, {});
    releaseShardBody(first);
    const second = acquireShardBody();
    expect(second).toBe(first);
    expect(second.lines).toBe(0);
    second.appendAll(['{"a":1}', '{"ü":2}']);
    const meta = await writeShard(dir, 1, 2, second, {});
    releaseShardBody(second);
    expect(await readFile(join(dir, 'part-00000.jsonl'), 'utf8')).toBe(`${long.join('\n')}\n`);
    expect(await readFile(join(dir, 'part-00001.jsonl'))).toEqual(Buffer.from('{"a":1}\n{"ü":2}\n', 'utf8'));
    expect(meta).toMatchObject({ lines: 2, bytes: 17 });
  });

  it('collects outcomes in the order pushed, whatever order they are ready in', async () => {
    const ok = (lines: string[]): ClipOutcome => ({ kind: 'ok', lines, counts: emptyTaskCounts(), dataset: 'demo' });
    let releaseSlow!: (outcomes: ClipOutcome[]) => void;
    const slow = new Promise<ClipOutcome[]>((resolve) => (releaseSlow = resolve));
    const collected = collectQaShard();
    void collected.push([ok(['1'])]);
    void collected.push(slow);
    void collected.push(Promise.resolve([ok(['3a', '3b'])]));
    // Ready, but behind the slow batch: it must wait for it.
    void collected.push([ok(['4'])]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(collected.body.bytes().toString()).toBe('1\n');
    releaseSlow([ok(['2']), { kind: 'invalid', record: { file: 'f', line: 2, field: undefined, message: 'bad' } }]);
    await collected.drained();
    expect(collected.body.bytes().toString()).toBe('1\n2\n3a\n3b\n4\n');
    expect(collected.counts.clips).toBe(4);
    expect(collected.counts.invalid).toHaveLength(1);
    expect(collected.counts.sources).toEqual({ demo: 5 });
    // With the chain empty again, a ready batch is added at once.
    void collected.push([ok(['5'])]);
    expect(collected.body.lines).toBe(6);
    collected.release();
  });

  it('keeps the first failure of a batch for drained()', async () => {
    const collected = collectQaShard();
    void collected.push(Promise.reject(new Error('clip worker failed')));
    void collected.push([{ kind: 'ok', lines: ['x'], counts: emptyTaskCounts(), dataset: 'demo' }]);
    await expect(collected.drained()).rejects.toThrow('clip worker failed');
    expect(collected.body.lines).toBe(0);
    collected.release();
  });

  it('treats a truncated or missing shard as incomplete', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stkit-shards-'));
    await writeShard(dir, 0, 1, ['{"a":1}'], {});
    await writeFile(join(dir, 'part-00000.jsonl'), '{"a"');
    expect(await readCompleteShard(dir, 0)).toBeUndefined();
    expect(await readCompleteShard(dir, 1)).toBeUndefined();
  });

  it('leaves the previous file intact when an atomic write fails midway', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stkit-atomic-'));
    const file = join(dir, 'out.jsonl');
    await writeFileAtomic(file, 'old\n');
    function* failing(): Generator<string> {
      yield 'new line 1\n';
      throw new Error('disk on fire');
    }
    await expect(writeFileAtomic(file, failing())).rejects.toThrow('disk on fire');
    expect(await readFile(file, 'utf8')).toBe('old\n');
    expect(await readdir(dir)).toEqual(['out.jsonl']);
  });
});

describe('removeStaleTemporaryFiles', () => {
  it('removes what a killed run left, and nothing else', async () => {
    const { removeStaleTemporaryFiles } = await import('./shards');
    const dir = await mkdtemp(join(tmpdir(), 'stkit-stale-'));
    await writeShard(dir, 0, 1, ['{"a":1}'], {});
    await writeFile(join(dir, '.part-00001.jsonl.4242.7.tmp'), '{"half": ');
    expect(await removeStaleTemporaryFiles(dir)).toBe(1);
    expect((await readdir(dir)).sort()).toEqual(['.part-00000.jsonl.meta.json', 'part-00000.jsonl']);
  });
});
