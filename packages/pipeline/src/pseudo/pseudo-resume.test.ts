/**
 * Per-clip resume of `generatePseudo`: a run interrupted after its first clip,
 * then rerun, writes the bytes of an uninterrupted run without lifting or
 * filtering the finished clip again; a changed flag or input recomputes.
 * Scene: bench/pseudo-scenes in the real formats, 48 frames at 2 fps = 24 s,
 * i.e. two clip windows (0–19.5 s and 20–23.5 s).
 */
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchmarkScene } from '../../bench/pseudo-scenes/scene-spec';
import { writeScene } from '../../bench/pseudo-scenes/write-scene';
import { generatePseudo, gsam2MaskSource, type GeneratePseudoOptions } from '../pseudo';

const SCENE_TIMEOUT_MS = 240_000;
let root = '';
let scene: Awaited<ReturnType<typeof writeScene>>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'stkit-pseudo-resume-'));
  const base = benchmarkScene(5, { frameCount: 48 });
  scene = await writeScene(
    { ...base, objects: base.objects.filter((object) => [1, 5, 6].includes(object.instanceId)) },
    join(root, 'scene'),
  );
}, SCENE_TIMEOUT_MS);
afterAll(() => rm(root, { recursive: true, force: true }));

const run = async (outDir: string, overrides: Partial<GeneratePseudoOptions> = {}, gsam2Dir = scene.gsam2Dir) =>
  generatePseudo({
    outDir,
    monst3rDir: scene.monst3rDir,
    metricDepthDir: scene.metricDepthDir,
    masks: await gsam2MaskSource(gsam2Dir),
    source: { dataset: 'synthetic', log: 'drive-5', domain: 'driving' },
    ...overrides,
  });

/** Every file under `dir` (relative path → bytes). */
async function tree(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files.set(
        join(entry.parentPath, entry.name).slice(dir.length + 1),
        await readFile(join(entry.parentPath, entry.name)),
      );
  }
  return files;
}

describe('generatePseudo resumes clip by clip', () => {
  it(
    'an interrupted run, rerun, gives the uninterrupted bytes and does not recompute the finished clip',
    async () => {
      const whole = join(root, 'whole');
      const clipsProgress: number[] = [];
      const uninterrupted = await run(whole, { onProgress: (p) => p.stage === 'clips' && clipsProgress.push(p.total) });
      expect(uninterrupted.resumedClips).toBe(0);
      expect(clipsProgress).toEqual([2, 2]); // two clip windows
      expect([...new Set(uninterrupted.objects.map((object) => object.clipId))]).toEqual(['drive-5-w0', 'drive-5-w1']);

      // Interrupted (an AbortSignal) as soon as the first clip is done.
      const resumed = join(root, 'resumed');
      const controller = new AbortController();
      await expect(
        run(resumed, {
          signal: controller.signal,
          onProgress: (p) => p.stage === 'clips' && p.done === 1 && controller.abort(new Error('interrupted')),
        }),
      ).rejects.toThrow('interrupted');
      expect(await readdir(join(resumed, 'intermediate', 'clips'))).toEqual(['clip-00000.json']);
      await expect(stat(join(resumed, 'manifest.json'))).rejects.toThrow();
      const firstRecord = await stat(join(resumed, 'intermediate', 'clips', 'clip-00000.json'));

      const rerun = await run(resumed);
      expect(rerun.resumedClips).toBe(1);
      // The finished clip's record was read, not rewritten.
      expect((await stat(join(resumed, 'intermediate', 'clips', 'clip-00000.json'))).mtimeMs).toBe(firstRecord.mtimeMs);
      const a = await tree(whole),
        b = await tree(resumed);
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      for (const [path, bytes] of a) expect(b.get(path)!.equals(bytes), path).toBe(true);
      expect(a.get('samples/part-00000.jsonl')!.length).toBeGreaterThan(0);

      // Same inputs and flags again: both clips resumed, same bytes.
      expect((await run(resumed)).resumedClips).toBe(2);
      for (const [path, bytes] of await tree(resumed)) expect(a.get(path)!.equals(bytes), path).toBe(true);
    },
    SCENE_TIMEOUT_MS,
  );

  it(
    'a changed flag recomputes every clip; a changed mask file recomputes only its clip',
    async () => {
      const out = join(root, 'changes');
      await run(out);
      expect((await run(out, { seed: 1 })).resumedClips).toBe(0);
      expect((await run(out, { seed: 1 })).resumedClips).toBe(2);
      expect((await run(out, { seed: 1, filters: 'paper' })).resumedClips).toBe(0);

      // Frame 44 (clip window 1): one detection's score changes in the Grounded-SAM-2 json.
      const gsam2 = join(root, 'gsam2-changed');
      await cp(scene.gsam2Dir, gsam2, { recursive: true });
      const file = join(gsam2, 'json_data', 'mask_00044.json');
      const json = JSON.parse(await readFile(file, 'utf8')) as { labels: Record<string, { logit?: number }> };
      const first = Object.values(json.labels)[0]!;
      first.logit = 0.77;
      await writeFile(file, JSON.stringify(json));
      await run(out, { filters: 'paper' });
      const changed = await run(out, { filters: 'paper' }, gsam2);
      expect(changed.resumedClips).toBe(1);
    },
    SCENE_TIMEOUT_MS,
  );
});
