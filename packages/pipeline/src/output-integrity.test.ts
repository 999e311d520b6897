import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, safeParseSample, type Clip } from '@stkit/core';
import { prepareOutputDir } from './atomic-write';
import { createDemoClips } from './demo-scene';
import { generateQa } from './qa';

async function linesOnDisk(dir: string): Promise<string[]> {
  const lines: string[] = [];
  for (const name of (await readdir(join(dir, 'samples'))).filter((file) => file.endsWith('.jsonl')).sort()) {
    lines.push(...(await readFile(join(dir, 'samples', name), 'utf8')).split('\n').filter(Boolean));
  }
  return lines;
}

async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

describe('output integrity', () => {
  it('a rerun over a shorter input leaves only the shards its manifest counts', async () => {
    const out = await tempDir('stkit-rerun-');
    const clips = createDemoClips({ count: 3, seed: 1 });
    await generateQa({ clips, outDir: out, shardSize: 1, workers: 0 });
    expect((await readdir(join(out, 'samples'))).filter((name) => name.endsWith('.jsonl'))).toHaveLength(3);
    const second = await generateQa({ clips: clips.slice(0, 1), outDir: out, shardSize: 1, workers: 0 });
    const names = (await readdir(join(out, 'samples'))).sort();
    expect(names).toEqual(['.part-00000.jsonl.meta.json', 'part-00000.jsonl']);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as {
      counts: { samples: number; shards: number };
    };
    expect(manifest.counts.shards).toBe(1);
    expect(manifest.counts.samples).toBe(second.samples);
    expect(await linesOnDisk(out)).toHaveLength(second.samples);
  });

  it('validates every sample before writing: overflowing values never become null', async () => {
    const out = await tempDir('stkit-overflow-');
    const [clip] = createDemoClips({ count: 1, seed: 2 });
    // Finite coordinates whose differences overflow: distances and speeds become Infinity (JSON null).
    const huge: Clip = {
      ...clip!,
      id: 'huge',
      tracks: clip!.tracks.map((track) => ({
        ...track,
        samples: track.samples.map((sample, index) => ({
          ...sample,
          center: [index % 2 === 0 ? 1e308 : -1e308, 0, 0] as [number, number, number],
        })),
      })),
    };
    const invalid: string[] = [];
    const result = await generateQa({
      clips: [huge],
      outDir: out,
      workers: 0,
      onInvalid: (error) => invalid.push(error.message),
    });
    for (const line of await linesOnDisk(out)) {
      expect(line).not.toContain('null');
      expect(safeParseSample(JSON.parse(line)).success).toBe(true);
    }
    expect(result.samples).toBe(0);
    expect(invalid.join('\n')).toMatch(/row 1/);
  });

  it('rejects clips given in code that break the schema (zero focal length, NaN in a rotation)', async () => {
    const out = await tempDir('stkit-degenerate-');
    const [clip] = createDemoClips({ count: 1, seed: 3 });
    const zeroFocal = {
      ...clip!,
      id: 'zero-focal',
      camera: { intrinsics: { fx: 0, fy: 0, cx: 1, cy: 1, width: 2, height: 2 } },
    } as Clip;
    const nanRotation = {
      ...clip!,
      id: 'nan-rotation',
      tracks: clip!.tracks.map((track) => ({
        ...track,
        samples: track.samples.map((sample) => ({
          ...sample,
          rotation: [Number.NaN, 0, 0, 1] as [number, number, number, number],
        })),
      })),
    } as Clip;
    const invalid: string[] = [];
    const result = await generateQa({
      clips: [zeroFocal, nanRotation],
      outDir: out,
      workers: 0,
      onInvalid: (error) => invalid.push(error.message),
    });
    expect(result.invalidClips).toBe(2);
    expect(result.samples).toBe(0);
    expect(invalid[0]).toMatch(/camera\.intrinsics\.fx/);
    expect(invalid[1]).toMatch(/rotation/);
  });

  it('a track with two samples at the same time is an error naming the clip and the track', async () => {
    const out = await tempDir('stkit-duplicate-time-');
    const [clip] = createDemoClips({ count: 1, seed: 4 });
    const track = clip!.tracks[0]!;
    const duplicated: Clip = {
      ...clip!,
      id: 'dup',
      tracks: [
        { ...track, samples: [...track.samples, { ...track.samples[1]!, center: [99, 99, 0] }] },
        ...clip!.tracks.slice(1),
      ],
    };
    const invalid: string[] = [];
    const result = await generateQa({
      clips: [duplicated],
      outDir: out,
      workers: 0,
      onInvalid: (error) => invalid.push(error.message),
    });
    expect(result.invalidClips).toBe(1);
    expect(invalid[0]).toContain("clip 'dup'");
    expect(invalid[0]).toContain(`track '${track.id}'`);
  });

  it('a UTF-8 byte-order mark before the first clip gives the same output as without it', async () => {
    const input = await tempDir('stkit-bom-in-');
    const text = `${createDemoClips({ count: 2, seed: 5 })
      .map((clip) => JSON.stringify(clip))
      .join('\n')}\n`;
    await writeFile(join(input, 'plain.jsonl'), text);
    await writeFile(join(input, 'bom.jsonl'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    const plain = await tempDir('stkit-bom-a-');
    const bom = await tempDir('stkit-bom-b-');
    const a = await generateQa({ files: [join(input, 'plain.jsonl')], outDir: plain, workers: 0 });
    const b = await generateQa({ files: [join(input, 'bom.jsonl')], outDir: bom, workers: 0 });
    expect(b.invalidClips).toBe(0);
    expect(b.samples).toBe(a.samples);
    expect(await linesOnDisk(bom)).toEqual(await linesOnDisk(plain));
  });

  it('caps worker threads at the machine parallelism instead of exhausting memory', async () => {
    const out = await tempDir('stkit-workers-');
    const input = join(await tempDir('stkit-workers-in-'), 'c.jsonl');
    await writeFile(input, `${JSON.stringify(createDemoClips({ count: 1, seed: 6 })[0])}\n`);
    const result = await generateQa({ files: [input], outDir: out, workers: 100_000 });
    expect(result.clips).toBe(1);
  }, 60_000);

  it('validates maxFrames up front', async () => {
    const out = await tempDir('stkit-maxframes-');
    await expect(generateQa({ clips: [], outDir: out, maxFrames: 0 })).rejects.toSatisfy((error: unknown) =>
      InvalidArgumentError.isInstance(error),
    );
  });
});

describe('prepareOutputDir', () => {
  const refusal = async (dir: string): Promise<string> => {
    const error = await prepareOutputDir(dir, '--out').then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(InvalidArgumentError.isInstance(error), `${dir} should be refused`).toBe(true);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain('--out');
    return message;
  };

  it('refuses an existing file, a path under a file and kernel file systems, in one line', async () => {
    const dir = await tempDir('stkit-out-');
    const file = join(dir, 'file.txt');
    await writeFile(file, 'x');
    expect(await refusal(file)).toMatch(/not a folder/);
    expect(await refusal(join(file, 'sub'))).toMatch(/parent of the path is a file/);
    expect(await refusal('/proc/x')).toMatch(/kernel or device/);
    expect(await refusal('/sys/stkit-out')).toMatch(/kernel or device/);
    expect(await refusal('/dev/null')).toMatch(/kernel or device/);
  });

  it('accepts a new or existing folder', async () => {
    const dir = await tempDir('stkit-out-');
    await prepareOutputDir(join(dir, 'a', 'b'));
    await mkdir(join(dir, 'c'));
    await prepareOutputDir(join(dir, 'c'));
  });
});
