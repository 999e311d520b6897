import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetFormatError, safeParseClip, type Clip } from '@stkit/core';
import { createDemoClips } from './demo-scene';
import { generateGt, type FrameRenderer, type GtReadEvent } from './gt';

async function* eventsOf(clips: readonly Clip[]): AsyncGenerator<GtReadEvent> {
  for (const clip of clips) yield { kind: 'clip', clip };
}

async function clipLines(out: string): Promise<string[]> {
  const lines: string[] = [];
  for (const name of (await readdir(join(out, 'clips'))).filter((file) => file.endsWith('.jsonl')).sort()) {
    lines.push(...(await readFile(join(out, 'clips', name), 'utf8')).split('\n').filter(Boolean));
  }
  return lines;
}

describe('generateGt on bad data and hostile folders', () => {
  it('validates clips before kinematics: a NaN quaternion or zero focal length is an error event, never written', async () => {
    const [good, other] = createDemoClips({ count: 2, seed: 7 });
    const nanPose = { ...other!, id: 'nan-pose', camera: { intrinsics: { fx: 500, fy: 500, cx: 1, cy: 1, width: 2, height: 2 }, poses: [{ rotation: [Number.NaN, 0, 0, 0], translation: [0, 0, 0] }] } } as unknown as Clip;
    const zeroFocal = { ...other!, id: 'zero-focal', camera: { intrinsics: { fx: 0, fy: 500, cx: 1, cy: 1, width: 2, height: 2 } } } as Clip;
    const out = await mkdtemp(join(tmpdir(), 'stkit-gt-invalid-'));
    const errors: string[] = [];
    const result = await generateGt({ events: eventsOf([good!, nanPose, zeroFocal]), outDir: out, onError: (error) => errors.push(error.message) });
    expect(result.errors).toBe(2);
    expect(errors[0]).toMatch(/nan-pose.*not a valid Clip/);
    expect(errors[1]).toMatch(/zero-focal.*not a valid Clip/);
    const lines = await clipLines(out);
    expect(lines).toHaveLength(1);
    for (const line of lines) expect(safeParseClip(JSON.parse(line)).success).toBe(true);
  });

  it('an unreadable image skips the samples showing it with an error event; the run goes on', async () => {
    const clips = createDemoClips({ count: 2, seed: 8 });
    let calls = 0;
    const renderer: FrameRenderer = async ({ sample }) => {
      calls++;
      if (calls === 1) throw new DatasetFormatError({ file: '/data/img/0001.jpg', reason: 'cannot decode the image' });
      return sample.frameTimes.map((_, index) => `frames/${index}.jpg`);
    };
    const out = await mkdtemp(join(tmpdir(), 'stkit-gt-image-'));
    const errors: string[] = [];
    const result = await generateGt({ events: eventsOf(clips), outDir: out, renderFrames: renderer, cameraViewOnly: false, onError: (error) => errors.push(error.message) });
    const plain = await generateGt({ events: eventsOf(clips), outDir: await mkdtemp(join(tmpdir(), 'stkit-gt-image-')), cameraViewOnly: false });
    expect(result.samples).toBe(plain.samples - 1);
    expect(errors).toEqual(['/data/img/0001.jpg: cannot decode the image']);
    const manifest = JSON.parse(await readFile(result.manifestPath, 'utf8'));
    expect(manifest.counts.skippedSamples).toBe(1);
    expect(Object.values(manifest.counts.perTask as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(result.samples);
  });

  it('a resumed run removes the temporary frames a killed run left', async () => {
    const clips = createDemoClips({ count: 1, seed: 9 });
    const out = await mkdtemp(join(tmpdir(), 'stkit-gt-tmp-'));
    await mkdir(join(out, 'frames', 'clip', 'abc'), { recursive: true });
    await writeFile(join(out, 'frames', 'clip', 'abc', '3.jpg.4242.tmp'), 'half a jpeg');
    await writeFile(join(out, 'frames', 'clip', 'abc', '2.jpg'), 'a jpeg');
    await generateGt({ events: eventsOf(clips), outDir: out });
    expect((await readdir(join(out, 'frames', 'clip', 'abc'))).sort()).toEqual(['2.jpg']);
  });

  it('a rerun over fewer clips removes the older run’s extra clip and sample shards', async () => {
    const clips = createDemoClips({ count: 3, seed: 10 });
    const out = await mkdtemp(join(tmpdir(), 'stkit-gt-rerun-'));
    await generateGt({ events: eventsOf(clips), outDir: out, shardSize: 1 });
    await generateGt({ events: eventsOf(clips.slice(0, 1)), outDir: out, shardSize: 1 });
    expect((await readdir(join(out, 'clips'))).filter((name) => name.endsWith('.jsonl'))).toEqual(['part-00000.jsonl']);
    expect((await readdir(join(out, 'samples'))).filter((name) => name.endsWith('.jsonl'))).toEqual(['part-00000.jsonl']);
    expect(await clipLines(out)).toHaveLength(1);
  });
});
