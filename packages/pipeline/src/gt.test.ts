import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataPath, skipMessage } from '@stkit/test-data';
import { DatasetFormatError, TASK_IDS, parseSample, type Clip } from '@stkit/core';
import { createDemoClips } from './demo-scene';
import { createFrameRenderer } from './frame-renderer';
import { generateGt, type GtReadEvent } from './gt';
import { loadDatasetReader } from './dataset-readers';

async function digest(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (sub: string): Promise<void> => {
    for (const entry of await readdir(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(rel);
      else
        out[rel] = createHash('sha256')
          .update(await readFile(join(dir, rel)))
          .digest('hex');
    }
  };
  await walk('');
  return out;
}

async function* eventsOf(items: GtReadEvent[]): AsyncGenerator<GtReadEvent> {
  yield* items;
}

describe('generateGt', () => {
  it('writes clips, samples and a manifest counting failed logs; reruns are byte-identical', async () => {
    const clips = createDemoClips({ count: 3, seed: 2 });
    const failure = new DatasetFormatError({
      file: '/data/log-b/annotations.feather',
      row: 17,
      field: 'tx_m',
      reason: 'NaN coordinate',
    });
    const events: GtReadEvent[] = [
      { kind: 'clip', clip: clips[0]! },
      { kind: 'error', error: failure, log: 'log-b' },
      { kind: 'clip', clip: clips[1]! },
      { kind: 'clip', clip: clips[2]! },
    ];
    const out = await mkdtemp(join(tmpdir(), 'stkit-gt-'));
    const errors: string[] = [];
    const result = await generateGt({
      events: eventsOf(events),
      outDir: out,
      seed: 5,
      shardSize: 2,
      onError: (error) => errors.push(error.message),
    });
    expect(result.clips).toBe(3);
    expect(result.errors).toBe(1);
    expect(errors).toEqual(["/data/log-b/annotations.feather (row 17, field 'tx_m'): NaN coordinate"]);
    const manifest = JSON.parse(await readFile(result.manifestPath, 'utf8'));
    expect(manifest.counts.failedLogs).toBe(1);
    expect(manifest.errors[0]).toMatchObject({
      file: '/data/log-b/annotations.feather',
      row: 17,
      field: 'tx_m',
      log: 'log-b',
    });
    const clipLines = (await readFile(join(out, 'clips', 'part-00000.jsonl'), 'utf8')).trim().split('\n');
    expect(clipLines.map((line) => (JSON.parse(line) as Clip).id)).toEqual([clips[0]!.id, clips[1]!.id]);
    const first = await digest(out);
    const again = await mkdtemp(join(tmpdir(), 'stkit-gt-'));
    await generateGt({ events: eventsOf(events), outDir: again, seed: 5, shardSize: 2 });
    expect(await digest(again)).toEqual(first);
    // Resume after losing a samples shard.
    await writeFile(join(out, 'samples', 'part-00001.jsonl'), '');
    const resumed = await generateGt({ events: eventsOf(events), outDir: out, seed: 5, shardSize: 2 });
    expect(resumed.resumedShards).toBe(1);
    expect(await digest(out)).toEqual(first);
  });

  it('draws each sample’s frames with its own colours where images exist', async () => {
    const sharp = (await import('sharp')).default;
    const root = await mkdtemp(join(tmpdir(), 'stkit-gt-img-'));
    const [clip] = createDemoClips({ count: 1, seed: 0 });
    // A 64×48 grey image per frame and a fixed 2D box on every annotation.
    for (let k = 0; k < clip!.frames.length; k++) {
      await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 128, g: 128, b: 128 } } })
        .jpeg()
        .toFile(join(root, `${k}.jpg`));
      clip!.frames[k]!.image = `${k}.jpg`;
    }
    clip!.camera = { intrinsics: { fx: 50, fy: 50, cx: 32, cy: 24, width: 64, height: 48 } };
    for (const track of clip!.tracks) for (const sample of track.samples) sample.box2d = [10, 10, 40, 30];
    const out = await mkdtemp(join(tmpdir(), 'stkit-gt-out-'));
    const result = await generateGt({
      events: eventsOf([{ kind: 'clip', clip: clip! }]),
      outDir: out,
      renderFrames: createFrameRenderer({ datasetRoot: root, lineWidth: 6 }),
    });
    expect(result.samples).toBeGreaterThan(0);
    const samples = (await readFile(join(out, 'samples', 'part-00000.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => parseSample(JSON.parse(line)));
    // A single-object sample (in comparisons both objects share this test's box, so one colour covers the other).
    const sample = samples.find((candidate) => candidate.objects.length === 1)!;
    expect(sample.frames).toHaveLength(sample.frameTimes.length);
    const framePath = join(out, sample.frames![0]!);
    const { data, info } = await sharp(framePath).raw().toBuffer({ resolveWithObject: true });
    // The 6-px box outline centred on x = 10 at mid height (y = 20) is drawn in the sample's colour, not grey
    // (JPEG's 4:2:0 chroma subsampling moves a saturated colour by up to ~60 per channel next to grey).
    const offset = (20 * info.width + 10) * info.channels;
    const pixel = [data[offset]!, data[offset + 1]!, data[offset + 2]!];
    const { colorByName } = await import('@stkit/templates');
    const expected = colorByName(sample.objects[0]!.color)!.rgb;
    for (let channel = 0; channel < 3; channel++)
      expect(Math.abs(pixel[channel]! - expected[channel]!), JSON.stringify({ pixel, expected })).toBeLessThan(70);
  });
});

describe('restrictToCameraView', () => {
  it('asks only about objects drawn in the frames when the clip has a camera', async () => {
    const [clip] = createDemoClips({ count: 1, seed: 0 });
    clip!.camera = { intrinsics: { fx: 500, fy: 500, cx: 320, cy: 240, width: 640, height: 480 } };
    // Every track is in view except car-1 (never) and the truck (only in its first 5 s).
    for (const track of clip!.tracks) {
      for (const sample of track.samples) {
        const visible = track.id === 'car-1' ? false : track.id === 'truck-6' ? sample.t <= 5 : true;
        if (visible) sample.box2d = [10, 10, 50, 50];
      }
    }
    const out = await mkdtemp(join(tmpdir(), 'stkit-gt-view-'));
    const result = await generateGt({ events: eventsOf([{ kind: 'clip', clip: clip! }]), outDir: out, maxFrames: 40 });
    expect(result.samples).toBeGreaterThan(0);
    const samples = (await readFile(join(out, 'samples', 'part-00000.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => parseSample(JSON.parse(line)));
    const named = new Set(samples.flatMap((sample) => sample.objects.map((object) => object.trackId)));
    expect(named.has('car-1')).toBe(false);
    for (const sample of samples) {
      if (
        (sample.task === 'traveled_distance' || sample.task === 'traveling_speed') &&
        sample.objects[0]!.trackId === 'truck-6'
      ) {
        expect(sample.label.end).toBeLessThanOrEqual(5);
      }
    }
    // The written clip keeps every track.
    const written = JSON.parse((await readFile(join(out, 'clips', 'part-00000.jsonl'), 'utf8')).trim()) as Clip;
    expect(written.tracks.map((track) => track.id)).toContain('car-1');
    // Without a camera nothing is removed.
    const [bare] = createDemoClips({ count: 1, seed: 0 });
    const { restrictToCameraView } = await import('./gt');
    expect(restrictToCameraView(bare!)).toBe(bare);
  });
});

describe.skipIf(!hasSharedData)(
  `stkit gt on the real Argoverse 2 and KITTI logs (${hasSharedData ? 'shared data present' : skipMessage})`,
  () => {
    it('produces all seven tasks on the driving logs, deterministically', async () => {
      const counts = Object.fromEntries(TASK_IDS.map((task) => [task, 0])) as Record<string, number>;
      for (const [dataset, root] of [
        ['argoverse2', sharedDataPath('argoverse2')!],
        ['kitti', sharedDataPath('kitti')!],
      ] as const) {
        const reader = await loadDatasetReader(dataset);
        const out = await mkdtemp(join(tmpdir(), `stkit-gt-${dataset}-`));
        const result = await generateGt({
          events: reader.readClips({ root, onWarning: () => {} }),
          outDir: out,
          seed: 0,
        });
        for (const task of TASK_IDS) counts[task] = (counts[task] ?? 0) + (result.counts.samples[task] ?? 0);
        const again = await mkdtemp(join(tmpdir(), `stkit-gt-${dataset}-`));
        await generateGt({
          events: (await loadDatasetReader(dataset)).readClips({ root, onWarning: () => {} }),
          outDir: again,
          seed: 0,
        });
        expect(await digest(again)).toEqual(await digest(out));
      }
      for (const task of TASK_IDS) expect(counts[task], task).toBeGreaterThan(0);
    });

    it('reports its units of work, for the ETA', async () => {
      const units: string[] = [];
      for (const [dataset, root, expected] of [
        ['argoverse2', sharedDataPath('argoverse2')!, ['0/2 logs', '1/2 logs']],
        ['kitti', sharedDataPath('kitti')!, ['0/1 sequences']],
        ['aria', sharedDataPath('projectaria')!, ['0/1 recordings']],
      ] as const) {
        units.length = 0;
        const reader = await loadDatasetReader(dataset);
        for await (const _ of reader.readClips({
          root,
          onWarning: () => {},
          onUnits: (u) => units.push(`${u.done}/${u.total} ${u.unit}`),
        }))
          void _;
        expect(units, dataset).toEqual(expected);
      }
    });

    it('skips a corrupt log, counts it, and still writes the good one', async () => {
      const root = await mkdtemp(join(tmpdir(), 'stkit-gt-corrupt-'));
      await cp(sharedDataPath('argoverse2', 'sensor')!, join(root, 'sensor'), { recursive: true });
      const log = join(root, 'sensor', 'val', '7fab2350-7eaf-3b7e-a39d-6937a4c1bede', 'annotations.feather');
      const bytes = await readFile(log);
      await writeFile(log, bytes.subarray(0, Math.floor(bytes.length / 2)));
      await cp(sharedDataPath('argoverse2', 'sensor_dataset_logs')!, join(root, 'logs'), { recursive: true });
      const reader = await loadDatasetReader('argoverse2');
      const out = await mkdtemp(join(tmpdir(), 'stkit-gt-out-'));
      const result = await generateGt({ events: reader.readClips({ root, onWarning: () => {} }), outDir: out });
      expect(result.errors).toBe(1);
      expect(result.clips).toBeGreaterThan(0);
      const manifest = JSON.parse(await readFile(result.manifestPath, 'utf8'));
      expect(manifest.errors[0].file).toBe(log);
      expect((await readdir(join(out, 'samples'))).filter((name) => name.includes('.tmp'))).toEqual([]);
    });
  },
);
