import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readClipsJsonl, type ClipLine } from './clip-input';

const good = { id: 'c1', source: { dataset: 'demo', log: 'l' }, up: [0, 0, 1], frames: [{ t: 0 }], tracks: [] };

describe('readClipsJsonl', () => {
  it('yields valid clips and located errors for invalid lines', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stkit-clips-'));
    const file = join(dir, 'clips.jsonl');
    const lines = [
      JSON.stringify(good),
      '',
      '{"id": "c2", "source": ',
      JSON.stringify({ ...good, id: 'c3', up: [0, 0, 'z'] }),
      JSON.stringify({ ...good, id: 'c4' }),
    ];
    await writeFile(file, `${lines.join('\n')}\n`);
    const items: ClipLine[] = [];
    for await (const item of readClipsJsonl(file)) items.push(item);
    expect(items.map((item) => [item.kind, item.line])).toEqual([
      ['clip', 1],
      ['invalid', 3],
      ['invalid', 4],
      ['clip', 5],
    ]);
    const malformed = items[1]!;
    const wrongField = items[2]!;
    if (malformed.kind !== 'invalid' || wrongField.kind !== 'invalid') throw new Error('expected invalid lines');
    expect(malformed.error.message).toMatch(/clips\.jsonl \(row 3\): malformed JSON/);
    expect(wrongField.error.field).toBe('up[2]');
  });

  it('names a missing file', async () => {
    const iterate = async () => {
      for await (const _ of readClipsJsonl('/nonexistent/clips.jsonl')) void _;
    };
    await expect(iterate()).rejects.toThrow(/\/nonexistent\/clips\.jsonl: file not found/);
  });
});
