/**
 * Corruption targets of `stkit pseudo`'s inputs, run in-process through
 * `generatePseudo` (what the command calls) on a small generated scene in the
 * tools' real formats (bench/pseudo-scenes: a MonST3R folder — pred_traj.txt,
 * pred_intrinsics.txt, frame_%04d.npy depth, conf_%d.npy —, Metric3D
 * frame_%04d.npy metric depth, a Grounded-SAM-2 tracking folder written by
 * `@stkit/segment`), plus the frames folder and the video file that
 * `stkit pseudo --frames/--video` reads (ffmpeg).
 *
 * Beside the generic mutations: `.npy` header damage (dtype, shape), depth
 * values (NaN, 0, huge, negative), zero intrinsics, frame counts that disagree
 * between video, reconstruction, depth and masks, a cropped depth (another
 * aspect ratio), missing frames, an empty mask folder, a folder where a file
 * belongs, a BOM or malformed JSON in json_data.
 *
 * A case passes as the others do (a located one-line typed error, or a
 * correct result), and additionally: after an error nothing is in the output
 * folder; after a result every written clip and sample line is schema-valid
 * and a manifest exists.
 */
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { safeParseClip, safeParseSample } from '@stkit/core';
import { encodeNpy, parseNpy } from '@stkit/geometry';
import { PROCESS_TIMEOUT_MS, runProcess } from '@stkit/test-data';
import { benchmarkScene } from '../../bench/pseudo-scenes/scene-spec';
import { writeScene } from '../../bench/pseudo-scenes/write-scene';
import { npyHeaderMutations } from './format-targets';
import type { Mutation } from './mutations';
import { freshRoot, place, type ReadResult, type Target } from './targets';

/** Frames of the generated scene (2 fps: 3 s, one clip of 6 grid frames). */
export const PSEUDO_FRAMES = 6;

/** The generated scene, written once: a car pulling away past a parked car. */
let scene: Promise<{ dir: string; video: string | undefined }> | undefined;

/** Writes (once) the scene the pseudo targets and the `stkit pseudo` kill test use; returns its folder and video (absent without ffmpeg). */
export function pseudoScene(): Promise<{ dir: string; video: string | undefined }> {
  scene ??= (async () => {
    const dir = join(await freshRoot(), 'scene');
    const base = benchmarkScene(3, { frameCount: PSEUDO_FRAMES });
    await writeScene({ ...base, objects: base.objects.filter((object) => [1, 6].includes(object.instanceId)) }, dir, {
      images: true,
    });
    let video: string | undefined = join(dir, 'video.mp4');
    try {
      await runProcess(
        'ffmpeg',
        [
          '-nostdin',
          '-loglevel',
          'error',
          '-framerate',
          '2',
          '-i',
          join(dir, 'frames', '%05d.jpg'),
          '-c:v',
          'mpeg4',
          '-q:v',
          '5',
          '-s',
          '256x144',
          video,
        ],
        { timeoutMs: PROCESS_TIMEOUT_MS },
      );
    } catch {
      video = undefined;
    }
    return { dir, video };
  })();
  return scene;
}

/** Removes everything but the frame files whose index is below `count`… the folder's own files stay. */
const frameName = (k: number) => `frame_${String(k).padStart(4, '0')}.npy`;

/** Runs the pipeline on `root/scene` (with `images` when the frames come from a video or a frames folder) and judges the output folder. */
async function runPseudo(
  root: string,
  signal: AbortSignal,
  frames?: (outDir: string) => Promise<string[]>,
): Promise<ReadResult> {
  const { generatePseudo, gsam2MaskSource } = await import('../../src/pseudo');
  const dir = join(root, 'scene');
  const outDir = join(root, 'out');
  const errors: Error[] = [];
  let items = 0;
  let invalid: string | undefined;
  try {
    const images = frames
      ? (await frames(outDir)).map((path) => (path.startsWith(`${outDir}/`) ? path.slice(outDir.length + 1) : path))
      : undefined;
    const result = await generatePseudo({
      outDir,
      monst3rDir: join(dir, 'monst3r'),
      metricDepthDir: join(dir, 'metric3d'),
      masks: await gsam2MaskSource(join(dir, 'gsam2')),
      source: { dataset: 'synthetic', log: 'drive-3', domain: 'driving' },
      ...(images ? { images } : {}),
      signal,
    });
    items = result.clips + result.samples;
    invalid = await checkWritten(outDir);
  } catch (error) {
    if (signal.aborted) throw error;
    errors.push(error as Error);
    // Nothing half-written: a failed run leaves no clips, samples or manifest (decoded video frames may stay, they are reused).
    const left = (await readdir(outDir).catch(() => [] as string[])).filter((name) => name !== 'frames');
    if (left.length > 0) invalid = `after the error the output folder holds ${left.join(', ')}`;
  }
  return { clips: [], errors, items, ...(invalid !== undefined ? { invalid } : {}) };
}

/** Why the written output is not a complete, schema-valid run, or undefined. */
async function checkWritten(outDir: string): Promise<string | undefined> {
  const names = await readdir(outDir);
  if (!names.includes('manifest.json')) return 'no manifest.json after a run that returned';
  for (const [folder, parse] of [
    ['clips', safeParseClip],
    ['samples', safeParseSample],
  ] as const) {
    for (const name of await readdir(join(outDir, folder)).catch(() => [] as string[])) {
      if (name.endsWith('.tmp')) return `${folder}/${name}: a temporary file left behind`;
      // Shards; bookkeeping beside them (e.g. a resume record) is not judged here.
      if (!name.endsWith('.jsonl') || name.startsWith('.')) continue;
      const lines = (await readFile(join(outDir, folder, name), 'utf8')).split('\n').filter(Boolean);
      for (const [index, line] of lines.entries()) {
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          return `${folder}/${name} line ${index + 1}: not JSON`;
        }
        const parsed = parse(value);
        if (!parsed.success) return `${folder}/${name} line ${index + 1}: ${parsed.error.message.split('\n')[0]}`;
      }
    }
  }
  return undefined;
}

/** A target over one file of the scene (path relative to it). */
function sceneTarget(
  name: string,
  relative: string,
  format: Target['format'],
  base: Buffer,
  options: {
    extra?: () => Mutation[];
    bomIsSame?: boolean;
    frames?: (root: string) => (outDir: string) => Promise<string[]>;
  } = {},
): Target {
  return {
    name: `pseudo/${name}`,
    format,
    base,
    ...(options.bomIsSame ? { bomIsSame: true } : {}),
    ...(options.extra ? { extraMutations: options.extra } : {}),
    async build(mutation) {
      const root = await freshRoot();
      const { dir } = await pseudoScene();
      await cp(dir, join(root, 'scene'), {
        recursive: true,
        filter: (source) => !source.endsWith('.mp4') || source.endsWith(relative),
      });
      const file = join(root, 'scene', relative);
      await place(file, base, mutation);
      return { root, file };
    },
    read: (root, signal) => runPseudo(root, signal, options.frames?.(root)),
    cliArgs: (root, _file, out) => {
      const dir = join(root, 'scene');
      const frames =
        relative === 'video.mp4'
          ? ['--video', join(dir, 'video.mp4')]
          : options.frames
            ? ['--frames', join(dir, 'frames')]
            : [];
      return [
        'pseudo',
        ...frames,
        '--monst3r',
        join(dir, 'monst3r'),
        '--metric-depth',
        join(dir, 'metric3d'),
        '--gsam2',
        join(dir, 'gsam2'),
        '--out',
        out,
        '--log',
        'drive-3',
      ];
    },
  };
}

const edit = (id: string, family: Mutation['family'], apply: (file: string) => Promise<void>): Mutation => ({
  id,
  family,
  replacement: { kind: 'edit', edit: apply },
});

/** Replaces a float depth map's pixel `at` (or all pixels) with `value`. */
async function setDepth(file: string, value: number, at?: number): Promise<void> {
  const array = parseNpy(await readFile(file));
  const data = Float32Array.from(array.data as ArrayLike<number>);
  if (at === undefined) data.fill(value);
  else data[at] = value;
  await writeFile(file, encodeNpy(data, array.shape));
}

function depthValueMutations(): Mutation[] {
  return [
    edit('depth-nan-pixel', 'value', (file) => setDepth(file, Number.NaN, 1000)),
    edit('depth-inf-pixel', 'value', (file) => setDepth(file, Number.POSITIVE_INFINITY, 2000)),
    edit('depth-huge-pixel', 'value', (file) => setDepth(file, 3e38, 3000)),
    edit('depth-negative-pixel', 'value', (file) => setDepth(file, -5, 4000)),
    edit('depth-all-zero', 'value', (file) => setDepth(file, 0)),
    edit('depth-all-huge', 'value', (file) => setDepth(file, 1e30)),
  ];
}

/** Every depth frame of the folder cropped to a square (a reconstruction of a cropped video). */
async function cropFolder(dir: string, prefix: RegExp): Promise<void> {
  for (const name of await readdir(dir)) {
    if (!prefix.test(name)) continue;
    const array = parseNpy(await readFile(join(dir, name)));
    const [height] = array.shape as [number, number];
    const width = array.shape[1]!;
    const data = new Float32Array(height * height);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < height; x++) data[y * height + x] = Number((array.data as ArrayLike<number>)[y * width + x]);
    await writeFile(join(dir, name), encodeNpy(data, [height, height]));
  }
}

/** The folder-level mutations of a per-frame folder (`frame_%04d.npy`, `mask_%05d.json` …) whose frame `file` is. */
function frameFolderMutations(stem: (k: number) => string): Mutation[] {
  return [
    edit('missing-frame', 'structure', (file) => rm(file)),
    edit('missing-last-frame', 'structure', (file) => rm(join(file, '..', stem(PSEUDO_FRAMES - 1)))),
    edit('extra-frame', 'structure', async (file) => cp(file, join(file, '..', stem(PSEUDO_FRAMES)))),
  ];
}

/** The `stkit pseudo` targets (skipped when the scene cannot be rendered). */
export async function pseudoTargets(): Promise<Target[]> {
  const { dir, video } = await pseudoScene();
  const file = (relative: string) => readFile(join(dir, relative));
  const targets: Target[] = [];
  targets.push(
    sceneTarget('monst3r/pred_traj.txt', 'monst3r/pred_traj.txt', 'kitti', await file('monst3r/pred_traj.txt'), {
      extra: () => [
        edit('one-pose-less', 'structure', async (path) =>
          writeFile(path, (await readFile(path, 'utf8')).trim().split('\n').slice(0, -1).join('\n') + '\n'),
        ),
        edit('zero-quaternion', 'value', async (path) =>
          writeFile(path, (await readFile(path, 'utf8')).replace(/^(\S+ \S+ \S+ \S+) \S+ \S+ \S+ \S+/m, '$1 0 0 0 0')),
        ),
      ],
    }),
    sceneTarget(
      'monst3r/pred_intrinsics.txt',
      'monst3r/pred_intrinsics.txt',
      'kitti',
      await file('monst3r/pred_intrinsics.txt'),
      {
        extra: () => [
          edit('zero-intrinsics', 'value', async (path) => {
            const lines = (await readFile(path, 'utf8')).split('\n');
            lines[2] = '0 0 256 0 0 144 0 0 1';
            await writeFile(path, lines.join('\n'));
          }),
          edit('nan-focal', 'value', async (path) =>
            writeFile(path, (await readFile(path, 'utf8')).replace(/^\S+/, 'nan')),
          ),
          edit('one-row-less', 'structure', async (path) =>
            writeFile(path, (await readFile(path, 'utf8')).trim().split('\n').slice(0, -1).join('\n') + '\n'),
          ),
        ],
      },
    ),
  );
  const monst3rDepth = await file('monst3r/frame_0002.npy');
  targets.push(
    sceneTarget('monst3r/frame_0002.npy', 'monst3r/frame_0002.npy', 'binary', monst3rDepth, {
      extra: () => [
        ...npyHeaderMutations(monst3rDepth),
        ...depthValueMutations(),
        ...frameFolderMutations(frameName).slice(0, 1),
        edit('cropped-reconstruction', 'structure', (path) =>
          cropFolder(join(path, '..'), /^(frame_\d+|conf_\d+)\.npy$/),
        ),
      ],
    }),
  );
  const conf = await file('monst3r/conf_2.npy');
  targets.push(
    sceneTarget('monst3r/conf_2.npy', 'monst3r/conf_2.npy', 'binary', conf, {
      extra: () => [...npyHeaderMutations(conf), edit('conf-nan', 'value', (path) => setDepth(path, Number.NaN, 500))],
    }),
  );
  const metric = await file('metric3d/frame_0003.npy');
  targets.push(
    sceneTarget('metric3d/frame_0003.npy', 'metric3d/frame_0003.npy', 'binary', metric, {
      extra: () => [
        ...npyHeaderMutations(metric),
        ...depthValueMutations(),
        ...frameFolderMutations(frameName),
        edit('cropped-depth', 'structure', (path) => cropFolder(join(path, '..'), /^frame_\d+\.npy$/)),
      ],
    }),
  );
  const mask = (k: number) => `mask_${String(k).padStart(5, '0')}`;
  targets.push(
    sceneTarget(
      'gsam2/json_data/mask_00002.json',
      'gsam2/json_data/mask_00002.json',
      'json',
      await file('gsam2/json_data/mask_00002.json'),
      {
        extra: () => [
          ...frameFolderMutations((k) => `${mask(k)}.json`).slice(0, 2),
          edit('extra-mask-frame', 'structure', async (path) => {
            await cp(path, join(path, '..', `${mask(PSEUDO_FRAMES)}.json`));
            await cp(
              join(path, '..', '..', 'mask_data', `${mask(2)}.npy`),
              join(path, '..', '..', 'mask_data', `${mask(PSEUDO_FRAMES)}.npy`),
            );
          }),
          edit('empty-mask-folder', 'structure', async (path) => {
            await rm(join(path, '..', '..', 'mask_data'), { recursive: true });
            await mkdir(join(path, '..', '..', 'mask_data'));
          }),
          edit('empty-json-folder', 'structure', async (path) => {
            await rm(join(path, '..'), { recursive: true });
            await mkdir(join(path, '..'));
          }),
          edit('malformed-json', 'wrong-type', async (path) =>
            writeFile(path, (await readFile(path, 'utf8')).replace('{', '{,')),
          ),
        ],
      },
    ),
  );
  const maskNpy = await file('gsam2/mask_data/mask_00002.npy');
  targets.push(
    sceneTarget('gsam2/mask_data/mask_00002.npy', 'gsam2/mask_data/mask_00002.npy', 'binary', maskNpy, {
      extra: () => npyHeaderMutations(maskNpy),
    }),
  );

  // The frames folder (`--frames DIR`): the count must equal the reconstruction's.
  const frame2 = await file('frames/00002.jpg');
  targets.push(
    sceneTarget('frames/00002.jpg', 'frames/00002.jpg', 'binary', frame2, {
      extra: () => [...frameFolderMutations((k) => `${String(k).padStart(5, '0')}.jpg`)],
      frames: (root) => async () => {
        const { listFrameImages } = await import('../../src/pseudo/video-frames');
        return listFrameImages(join(root, 'scene', 'frames'));
      },
    }),
  );
  if (video !== undefined) {
    const videoBytes = await readFile(video);
    targets.push(
      sceneTarget('video.mp4', 'video.mp4', 'binary', videoBytes, {
        extra: () => [
          edit('video-one-frame-short', 'structure', async (path) => {
            await runProcess(
              'ffmpeg',
              [
                '-nostdin',
                '-loglevel',
                'error',
                '-y',
                '-framerate',
                '2',
                '-i',
                join(path, '..', 'frames', '%05d.jpg'),
                '-frames:v',
                String(PSEUDO_FRAMES - 1),
                '-c:v',
                'mpeg4',
                '-s',
                '256x144',
                path,
              ],
              { timeoutMs: PROCESS_TIMEOUT_MS },
            );
          }),
        ],
        frames: (root) => async (outDir) => {
          const { decodeVideoFrames } = await import('../../src/pseudo/video-frames');
          return decodeVideoFrames(join(root, 'scene', 'video.mp4'), 2, join(outDir, 'frames', 'video'));
        },
      }),
    );
  }
  return targets;
}
