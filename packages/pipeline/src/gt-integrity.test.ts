import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
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

/** Every file under OUT/frames, relative to OUT, sorted. */
async function frameFiles(out: string): Promise<string[]> {
  const entries = await readdir(join(out, 'frames'), { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(out, join(entry.parentPath, entry.name)))
    .sort();
}

/** The frame paths the samples of OUT name, sorted. */
async function listedFrames(out: string): Promise<string[]> {
  const frames: string[] = [];
  for (const name of (await readdir(join(out, 'samples'))).filter((file) => file.endsWith('.jsonl'))) {
    for (const line of (await readFile(join(out, 'samples', name), 'utf8')).split('\n').filter(Boolean))
      frames.push(...((JSON.parse(line) as { frames?: string[] }).frames ?? []));
  }
  return frames.sort();
}

describe('generateGt on bad data and hostile folders', () => {
  it('validates clips before kinematics: a NaN quaternion or zero focal length is an error event, never written', async () => {
    const [good, other] = createDemoClips({ count: 2, seed: 7 });
    const nanPose = {
      ...other!,
      id: 'nan-pose',
      camera: {
        intrinsics: { fx: 500, fy: 500, cx: 1, cy: 1, width: 2, height: 2 },
        poses: [{ rotation: [Number.NaN, 0, 0, 0], translation: [0, 0, 0] }],
      },
    } as unknown as Clip;
    const zeroFocal = {
      ...other!,
      id: 'zero-focal',
      camera: { intrinsics: { fx: 0, fy: 500, cx: 1, cy: 1, width: 2, height: 2 } },
    } as Clip;
    const out = await mkdtemp(join(tmpdir(), 'stkit-gt-invalid-'));
    const errors: string[] = [];
    const result = await generateGt({
      events: eventsOf([good!, nanPose, zeroFocal]),
      outDir: out,
      onError: (error) => errors.push(error.message),
    });
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
    const result = await generateGt({
      events: eventsOf(clips),
      outDir: out,
      renderFrames: renderer,
      cameraViewOnly: false,
      onError: (error) => errors.push(error.message),
    });
    const plain = await generateGt({
      events: eventsOf(clips),
      outDir: await mkdtemp(join(tmpdir(), 'stkit-gt-image-')),
      cameraViewOnly: false,
    });
    expect(result.samples).toBe(plain.samples - 1);
    expect(errors).toEqual(['/data/img/0001.jpg: cannot decode the image']);
    const manifest = JSON.parse(await readFile(result.manifestPath, 'utf8'));
    expect(manifest.counts.skippedSamples).toBe(1);
    expect(Object.values(manifest.counts.perTask as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(
      result.samples,
    );
  });

  it('a resumed run removes the temporary frames a killed run left, and frames no sample names', async () => {
    const clips = createDemoClips({ count: 1, seed: 9 });
    const out = await mkdtemp(join(tmpdir(), 'stkit-gt-tmp-'));
    await mkdir(join(out, 'frames', 'clip', 'abc'), { recursive: true });
    await writeFile(join(out, 'frames', 'clip', 'abc', '3.jpg.4242.tmp'), 'half a jpeg');
    await writeFile(join(out, 'frames', 'clip', 'abc', '2.jpg'), 'a jpeg');
    await generateGt({ events: eventsOf(clips), outDir: out });
    // No sample of this run (drawn without frames) names a frame: the folder holds none.
    expect(await frameFiles(out)).toEqual([]);
  });

  it('a rerun into the same folder keeps the frames of the shards it resumes and removes the older run’s other frames', async () => {
    const clips = createDemoClips({ count: 3, seed: 11 });
    const out = await mkdtemp(join(tmpdir(), 'stkit-gt-frames-'));
    let drawn = 0;
    // Writes one small file per frame time, as the real renderer does (OUT/frames/<clip>/<sample>/<k>.jpg).
    const renderer: FrameRenderer = async ({ clip, sample, outDir }) => {
      drawn++;
      const folder = join('frames', clip.id, createHash('sha1').update(sample.id).digest('hex').slice(0, 12));
      await mkdir(join(outDir, folder), { recursive: true });
      const paths = sample.frameTimes.map((_, index) => join(folder, `${index}.jpg`));
      for (const path of paths) await writeFile(join(outDir, path), `${sample.id} ${path}`);
      return paths;
    };
    const first = await generateGt({
      events: eventsOf(clips),
      outDir: out,
      shardSize: 1,
      renderFrames: renderer,
      cameraViewOnly: false,
    });
    expect(first.samples).toBeGreaterThan(0);
    const all = await frameFiles(out);
    expect(all).toEqual(await listedFrames(out));
    expect(new Set(all.map((path) => path.split('/')[1]))).toEqual(new Set(clips.map((clip) => clip.id)));
    // A killed writer's temporary frame and a stray file from another tool.
    await writeFile(join(out, 'frames', clips[0]!.id, 'x.jpg.77.tmp'), 'half');
    await mkdir(join(out, 'frames', 'gone-clip'), { recursive: true });
    await writeFile(join(out, 'frames', 'gone-clip', '0.jpg'), 'older');

    // Rerun over the first two clips with the same configuration: both shards resume (nothing redrawn), their frames stay.
    drawn = 0;
    const second = await generateGt({
      events: eventsOf(clips.slice(0, 2)),
      outDir: out,
      shardSize: 1,
      renderFrames: renderer,
      cameraViewOnly: false,
    });
    expect(second.resumedShards).toBe(2);
    expect(drawn).toBe(0);
    const kept = await frameFiles(out);
    expect(kept).toEqual(await listedFrames(out));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((path) => all.includes(path))).toBe(true);
    expect(kept.some((path) => path.startsWith(`frames/${clips[2]!.id}/`))).toBe(false);
    expect(await readdir(join(out, 'frames'))).toEqual(expect.not.arrayContaining(['gone-clip', clips[2]!.id]));

    // Rerun without frames: no sample names a frame, so none stays.
    await generateGt({ events: eventsOf(clips.slice(0, 2)), outDir: out, shardSize: 1, cameraViewOnly: false });
    expect(await frameFiles(out)).toEqual([]);
  });

  it('a rerun over fewer clips removes the older run’s extra clip and sample shards', async () => {
    const clips = createDemoClips({ count: 3, seed: 10 });
    const out = await mkdtemp(join(tmpdir(), 'stkit-gt-rerun-'));
    await generateGt({ events: eventsOf(clips), outDir: out, shardSize: 1 });
    await generateGt({ events: eventsOf(clips.slice(0, 1)), outDir: out, shardSize: 1 });
    expect((await readdir(join(out, 'clips'))).filter((name) => name.endsWith('.jsonl'))).toEqual(['part-00000.jsonl']);
    expect((await readdir(join(out, 'samples'))).filter((name) => name.endsWith('.jsonl'))).toEqual([
      'part-00000.jsonl',
    ]);
    expect(await clipLines(out)).toHaveLength(1);
  });
});
