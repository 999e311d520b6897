import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPredictions } from './predictions-file';

describe('a UTF-8 byte-order mark before the first prediction', () => {
  it('is skipped: the predictions equal those of the file without it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stkit-bom-'));
    const text = `${JSON.stringify({ id: 'a', response: 'About 3 meters.' })}\n${JSON.stringify({ id: 'b', response: 'Slower.' })}\n`;
    await writeFile(join(dir, 'plain.jsonl'), text);
    await writeFile(join(dir, 'bom.jsonl'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    const plain = await readPredictions(join(dir, 'plain.jsonl'));
    const bom = await readPredictions(join(dir, 'bom.jsonl'));
    expect([...bom.predictions.keys()]).toEqual(['a', 'b']);
    expect([...bom.predictions.entries()]).toEqual([...plain.predictions.entries()]);
    expect(bom.tornTail).toBe(false);
  });
});
