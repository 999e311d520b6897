/**
 * A custom ground-truth pipeline of the kind users write, composed from the
 * public APIs of `@stkit/datasets`, `@stkit/kinematics` and `@stkit/templates`
 * (no CLI):
 *
 *   dataset reader → Clip → (customisation) → selectFacts → buildSample → JSONL (+ frames)
 *
 * The customisation: questions only about **vulnerable road users**
 * (pedestrians, cyclists, people), and only about objects the camera sees
 * when the clip has a camera.
 *
 *   node --conditions=@stkit/source --import tsx src/main.ts [--data DIR] [--out DIR] [--seed N] [--smoke]
 *
 * `--data` is the folder holding `argoverse2/`, `kitti/` and `projectaria/`
 * (default: $STKIT_SHARED_DATA, else the repository's `../shared/data`).
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRandom, TASK_IDS, type Clip, type Sample, type TaskId } from '@stkit/core';
import type { ClipReadEvent, ReadClipsOptions } from '@stkit/datasets';
import { createArgoverse2Reader } from '@stkit/datasets/argoverse2';
import { createAriaReader } from '@stkit/datasets/aria';
import { createKittiReader } from '@stkit/datasets/kitti';
import { writeClipFrames } from '@stkit/datasets/frames';
import { selectFacts } from '@stkit/kinematics';
import { buildSample, colorByName } from '@stkit/templates';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string' },
    out: { type: 'string', default: join(tmpdir(), 'stkit-example-gt-pipeline') },
    seed: { type: 'string', default: '7' },
    smoke: { type: 'boolean', default: false },
  },
});

const here = dirname(fileURLToPath(import.meta.url));
const dataRoot = args.data ?? process.env.STKIT_SHARED_DATA ?? resolve(here, '../../../../shared/data');
if (!existsSync(dataRoot)) {
  console.log(`skipped: no dataset folder at ${dataRoot} (pass --data DIR or set STKIT_SHARED_DATA)`);
  process.exit(0);
}

/** The customisation: keep vulnerable road users, and (with a camera) only those the camera sees. */
const VULNERABLE = /pedestrian|cyclist|bicycl|person|wheelchair|stroller/i;
function vulnerableRoadUsers(clip: Clip): Clip {
  const tracks = clip.tracks.filter(
    (track) =>
      VULNERABLE.test(track.category) &&
      (clip.camera === undefined || track.samples.some((sample) => sample.box2d !== undefined)),
  );
  return { ...clip, tracks };
}

const sources: { name: string; root: string; read(options: ReadClipsOptions): AsyncIterable<ClipReadEvent> }[] = [
  { name: 'argoverse2', root: join(dataRoot, 'argoverse2'), read: (o) => createArgoverse2Reader().readClips(o) },
  { name: 'kitti', root: join(dataRoot, 'kitti'), read: (o) => createKittiReader().readClips(o) },
  { name: 'aria', root: join(dataRoot, 'projectaria'), read: (o) => createAriaReader().readClips(o) },
];

const random = createRandom(Number(args.seed));
const samples: Sample[] = [];
const perTask = Object.fromEntries(TASK_IDS.map((task) => [task, 0])) as Record<TaskId, number>;
let clipCount = 0;
let failedLogs = 0;
let framesWritten = 0;

for (const source of sources) {
  if (!existsSync(source.root)) {
    console.log(`${source.name}: not found at ${source.root}, skipped`);
    continue;
  }
  for await (const event of source.read({
    root: source.root,
    onWarning: (message) => console.warn(`warning: ${message}`),
  })) {
    if (event.kind === 'error') {
      failedLogs++;
      console.error(`${source.name} ${event.log ?? ''}: ${event.error.message}`);
      continue;
    }
    clipCount++;
    const clip = vulnerableRoadUsers(event.clip);
    const clipRandom = random.fork(clip.id);
    const { facts } = selectFacts(clip, { random: clipRandom.fork('facts') });
    for (const fact of facts) {
      const sampleRandom = clipRandom.fork(`${fact.task}:${fact.trackIds.join('+')}`);
      const sample = buildSample({ clip, fact, random: sampleRandom });
      samples.push(sample);
      perTask[sample.task]++;
      // Frames with the visual prompt, where the dataset has images (none in the shared test data).
      if (clip.frames.some((frame) => frame.image !== undefined)) {
        const colors = new Map(
          sample.objects.map((object) => [object.trackId, colorByName(object.color)!.rgb] as const),
        );
        const result = await writeClipFrames({
          clip,
          root: source.root,
          outDir: args.out,
          folder: `${clip.id}/${sample.id}`,
          colors,
        });
        framesWritten += result.files.filter(Boolean).length;
      }
    }
  }
}

// Written to a temporary name and renamed: an interrupted run never leaves a half-written file.
await mkdir(args.out, { recursive: true });
const file = join(args.out, 'samples.jsonl');
await writeFile(`${file}.tmp`, samples.map((sample) => JSON.stringify(sample)).join('\n') + '\n');
await rename(`${file}.tmp`, file);

console.log(
  `${clipCount} clips, ${failedLogs} failed logs, ${samples.length} samples, ${framesWritten} frames → ${file}`,
);
for (const task of TASK_IDS) console.log(`  ${task.padEnd(32)} ${perTask[task]}`);
// As a smoke test (CI), the shared driving logs must give every task at least once.
const missing = TASK_IDS.filter((task) => perTask[task] === 0);
if (args.smoke && (clipCount === 0 || failedLogs > 0 || missing.length > 0)) {
  console.error(
    `smoke test failed: ${clipCount} clips, ${failedLogs} failed logs, tasks without samples: ${missing.join(', ') || 'none'}`,
  );
  process.exit(1);
}
