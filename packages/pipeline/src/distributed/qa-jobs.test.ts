import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { qaConfigKey } from '../qa';
import { readLineRange } from '../read-lines';
import { createShardDigest } from '../shards';
import { isBlankLine, planQaShards } from './qa-jobs';

const work = await mkdtemp(join(tmpdir(), 'stkit-qa-plan-'));
afterAll(() => rm(work, { recursive: true, force: true }));

describe('planQaShards', () => {
  it('tells blank lines exactly as String.prototype.trim does, Unicode whitespace included', () => {
    const lines = ['', ' \t\r\v\f', '\u00a0', '\u3000 ', '\ufeff', '\u2028', ' x', '{}', '\u00e9', '\u00a0\u00e9'];
    for (const line of lines) expect(isBlankLine(Buffer.from(line)), JSON.stringify(line)).toBe(line.trim() === '');
    // Bytes that are not UTF-8 decode to U+FFFD, which is not whitespace.
    expect(isBlankLine(Buffer.from([0x20, 0xff]))).toBe(false);
  });

  it('cuts the shards a worker reads back: same lines, same digests (BOM, CRLF, Unicode blanks, bytes that are not UTF-8)', async () => {
    const file = join(work, 'clips.jsonl');
    const parts = [
      Buffer.from('\ufeff{"id":"a"}\r\n'),
      Buffer.from('\u00a0\n'),
      Buffer.from('{"id":"b","note":"caf\u00e9 \u2192 \ud83d\ude00"}\n'),
      Buffer.from('\n   \n'),
      Buffer.concat([Buffer.from('{"id":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')]),
      Buffer.from('{"id":"d"}\r\n\u3000\n{"id":"e"}'),
    ];
    await writeFile(file, Buffer.concat(parts));
    const config = { seed: 1, shardSize: 2, versions: { '@stkit/pipeline': '0.0.0' } };
    const shards = await planQaShards([file], config);
    expect(shards.map((shard) => shard.items)).toEqual([2, 2, 1]);
    // The worker's reading, written out independently: decoded text, `trim` for blanks, the text digested.
    for (const shard of shards) {
      const digest = createShardDigest(qaConfigKey(config));
      let items = 0;
      for (const segment of shard.segments) {
        const end = segment.end < 0 ? Number.POSITIVE_INFINITY : segment.end;
        for await (const { text } of readLineRange(segment.file, segment.start, end, segment.firstLine)) {
          if (text.trim() === '') continue;
          items++;
          digest.update(text);
        }
      }
      expect(items).toBe(shard.items);
      expect(shard.digest).toBe(digest.digest());
    }
  });
});
