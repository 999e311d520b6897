import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TASK_IDS, parseSample, type Sample } from '@stkit/core';
import { readClipsJsonl } from './clip-input';
import { createDemoClips } from './demo-scene';
import { generateQa } from './qa';

async function folderDigest(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (sub: string): Promise<void> => {
    for (const entry of (await readdir(join(dir, sub), { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
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

async function readSamples(dir: string): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const name of (await readdir(join(dir, 'samples'))).filter((file) => file.endsWith('.jsonl')).sort()) {
    const text = await readFile(join(dir, 'samples', name), 'utf8');
    for (const line of text.split('\n').filter(Boolean)) samples.push(parseSample(JSON.parse(line)));
  }
  return samples;
}

async function writeClips(clips: object[], extraLines: string[] = []): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'stkit-qa-in-'));
  const file = join(dir, 'clips.jsonl');
  await writeFile(file, [...clips.map((clip) => JSON.stringify(clip)), ...extraLines].join('\n') + '\n');
  return file;
}

describe('generateQa', () => {
  it('produces all seven tasks on the demo scene, every placeholder filled', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'stkit-qa-'));
    const result = await generateQa({ clips: createDemoClips({ count: 1, seed: 0 }), outDir, seed: 0 });
    for (const task of TASK_IDS) expect(result.counts.samples[task], task).toBeGreaterThan(0);
    const samples = await readSamples(outDir);
    expect(samples.length).toBe(result.samples);
    expect(new Set(samples.map((sample) => sample.id)).size).toBe(samples.length);
    for (const sample of samples) {
      expect(sample.conversations[0].value.startsWith('<video>\n')).toBe(true);
      for (const turn of sample.conversations) expect(turn.value).not.toMatch(/\[[A-Z0-9]+\]/);
    }
    const manifest = JSON.parse(await readFile(result.manifestPath, 'utf8'));
    expect(manifest.counts.samples).toBe(samples.length);
    expect(manifest.counts.perSource).toEqual({ demo: samples.length });
    expect(manifest.seed).toBe(0);
  });

  it('is byte-identical for the same seed, different for another, and resumes', async () => {
    const file = await writeClips(createDemoClips({ count: 5, seed: 3 }));
    const first = await mkdtemp(join(tmpdir(), 'stkit-qa-a-'));
    const second = await mkdtemp(join(tmpdir(), 'stkit-qa-b-'));
    const other = await mkdtemp(join(tmpdir(), 'stkit-qa-c-'));
    await generateQa({ clips: readClipsJsonl(file), outDir: first, seed: 7, shardSize: 2 });
    await generateQa({ clips: readClipsJsonl(file), outDir: second, seed: 7, shardSize: 2 });
    const digest = await folderDigest(first);
    expect(Object.keys(digest).filter((name) => name.endsWith('.jsonl'))).toEqual([
      'samples/part-00000.jsonl',
      'samples/part-00001.jsonl',
      'samples/part-00002.jsonl',
    ]);
    expect(await folderDigest(second)).toEqual(digest);
    await generateQa({ clips: readClipsJsonl(file), outDir: other, seed: 8, shardSize: 2 });
    const otherDigest = await folderDigest(other);
    expect(otherDigest['samples/part-00000.jsonl']).not.toBe(digest['samples/part-00000.jsonl']);

    // Resume: remove one shard and truncate another; the rerun restores identical bytes.
    await rm(join(first, 'samples', 'part-00001.jsonl'));
    await writeFile(join(first, 'samples', 'part-00002.jsonl'), '{"truncated": ');
    const resumed = await generateQa({ clips: readClipsJsonl(file), outDir: first, seed: 7, shardSize: 2 });
    expect(resumed.resumedShards).toBe(1);
    expect(await folderDigest(first)).toEqual(digest);
  });

  it('skips, reports and counts invalid clips while writing the valid ones', async () => {
    const [clip] = createDemoClips({ count: 1, seed: 0 });
    const broken = { ...clip!, id: 'broken', up: [0, 0, 'up'] };
    const file = await writeClips([clip!, broken], ['{"id": "cut', JSON.stringify({ ...clip!, id: 'again' })]);
    const outDir = await mkdtemp(join(tmpdir(), 'stkit-qa-'));
    const reported: string[] = [];
    const result = await generateQa({
      clips: readClipsJsonl(file),
      outDir,
      seed: 0,
      onInvalid: (error) => reported.push(error.message),
    });
    expect(result.clips).toBe(2);
    expect(result.invalidClips).toBe(2);
    const manifest = JSON.parse(await readFile(result.manifestPath, 'utf8'));
    expect(manifest.counts.invalidClips).toBe(2);
    expect(manifest.invalid.map((record: { line: number; field?: string }) => [record.line, record.field])).toEqual([
      [2, 'up[2]'],
      [3, undefined],
    ]);
    expect(reported[0]).toMatch(/clips\.jsonl \(row 2, field 'up\[2\]'\)/);
    const clipIds = new Set((await readSamples(outDir)).map((sample) => sample.clipId));
    expect([...clipIds].sort()).toEqual(['again', clip!.id].sort());
  });

  it('leaves no partial shard when aborted', async () => {
    const file = await writeClips(createDemoClips({ count: 4, seed: 1 }));
    const outDir = await mkdtemp(join(tmpdir(), 'stkit-qa-'));
    const controller = new AbortController();
    await expect(
      generateQa({
        clips: readClipsJsonl(file),
        outDir,
        shardSize: 1,
        signal: controller.signal,
        onProgress: (progress) => {
          if (progress.clips === 2) controller.abort();
        },
      }),
    ).rejects.toThrow();
    const names = await readdir(join(outDir, 'samples'));
    expect(names.filter((name) => name.endsWith('.jsonl')).sort()).toEqual(['part-00000.jsonl', 'part-00001.jsonl']);
    expect(names.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('generateQa with worker threads', () => {
  it('gives the same bytes as in-process generation, from files', async () => {
    const [clip] = createDemoClips({ count: 1, seed: 0 });
    const file = await writeClips(createDemoClips({ count: 6, seed: 9 }), [
      '{"cut',
      JSON.stringify({ ...clip!, id: 'last' }),
    ]);
    const inProcess = await mkdtemp(join(tmpdir(), 'stkit-qa-w0-'));
    const threaded = await mkdtemp(join(tmpdir(), 'stkit-qa-w2-'));
    const a = await generateQa({ files: [file], outDir: inProcess, seed: 4, shardSize: 3, workers: 0 });
    const b = await generateQa({ files: [file], outDir: threaded, seed: 4, shardSize: 3, workers: 2 });
    expect(b.invalidClips).toBe(1);
    expect(b.samples).toBe(a.samples);
    expect(await folderDigest(threaded)).toEqual(await folderDigest(inProcess));
    // …and the same as parsed clips given directly.
    const direct = await mkdtemp(join(tmpdir(), 'stkit-qa-direct-'));
    await generateQa({ clips: readClipsJsonl(file), outDir: direct, seed: 4, shardSize: 3 });
    const samplesOnly = (digest: Record<string, string>) =>
      Object.fromEntries(Object.entries(digest).filter(([name]) => name.startsWith('samples/part')));
    expect(samplesOnly(await folderDigest(direct))).toEqual(samplesOnly(await folderDigest(inProcess)));
  });
});

describe('generateQa on clips the schema accepts but kinematics rejects', () => {
  it('counts a clip with duplicate track ids as invalid, with its line', async () => {
    const [clip] = createDemoClips({ count: 1, seed: 0 });
    const duplicate = { ...clip!, id: 'dup', tracks: [clip!.tracks[0]!, clip!.tracks[0]!] };
    const file = await writeClips([duplicate, clip!]);
    for (const workers of [0, 1]) {
      const outDir = await mkdtemp(join(tmpdir(), 'stkit-qa-dup-'));
      const result = await generateQa({ files: [file], outDir, workers });
      expect(result.invalidClips).toBe(1);
      expect(result.clips).toBe(1);
      const manifest = JSON.parse(await readFile(result.manifestPath, 'utf8'));
      expect(manifest.invalid[0].line).toBe(1);
      expect(manifest.invalid[0].message).toMatch(/clips\.jsonl \(row 1\): .*dup/);
    }
  });
});

describe('generateQa resume safety', () => {
  it('recomputes kept shards when the seed, an option or an input line changed', async () => {
    const clips = createDemoClips({ count: 4, seed: 6 });
    const file = await writeClips(clips);
    const outDir = await mkdtemp(join(tmpdir(), 'stkit-qa-stale-'));
    await generateQa({ files: [file], outDir, seed: 1, shardSize: 2, workers: 0 });
    // Another seed into the same folder: nothing may be kept, and the bytes equal a clean run with that seed.
    const reseeded = await generateQa({ files: [file], outDir, seed: 2, shardSize: 2, workers: 0 });
    expect(reseeded.resumedShards).toBe(0);
    const clean = await mkdtemp(join(tmpdir(), 'stkit-qa-clean-'));
    await generateQa({ files: [file], outDir: clean, seed: 2, shardSize: 2, workers: 0 });
    expect(await folderDigest(outDir)).toEqual(await folderDigest(clean));
    // A changed threshold.
    const retuned = await generateQa({
      files: [file],
      outDir,
      seed: 2,
      shardSize: 2,
      workers: 0,
      kinematics: { comparisonRatio: 1.5 },
    });
    expect(retuned.resumedShards).toBe(0);
    // A changed clip in the second shard: the first shard is kept, the second recomputed.
    const edited = [...clips];
    edited[3] = { ...clips[3]!, id: 'renamed' };
    await writeFile(file, edited.map((clip) => JSON.stringify(clip)).join('\n') + '\n');
    const partial = await generateQa({
      files: [file],
      outDir,
      seed: 2,
      shardSize: 2,
      workers: 0,
      kinematics: { comparisonRatio: 1.5 },
    });
    expect(partial.resumedShards).toBe(1);
    const shard = await readFile(join(outDir, 'samples', 'part-00001.jsonl'), 'utf8');
    expect(shard).toContain('"clipId":"renamed"');
  });
});
