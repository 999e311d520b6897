/**
 * `stkit export`: samples → a training file in the LLaVA-Video / OneVision
 * or ShareGPT / messages format (templates' `toLlavaImagesRecord`,
 * `toLlavaRecord`, `toShareGptRecord`).
 *
 * Media: `--media frames` (default) lists each sample's frame images;
 * `--media video` encodes them into one H.264 MP4 per distinct frame list
 * with the system ffmpeg (Debian package `ffmpeg`), timed by the sample's
 * frame times, under `videos/` beside the output file. Every path is written
 * relative to the output file's folder and checked to exist before the file
 * is written (atomically). A `.jsonl` output gets one record per line, any
 * other name a JSON array (LLaVA's loader reads a list).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  BackendLoadError,
  DatasetFormatError,
  InvalidArgumentError,
  parseJsonLine,
  parseSample,
  type Sample,
} from '@stkit/core';
import { toLlavaImagesRecord, toLlavaRecord, toShareGptRecord } from '@stkit/templates';
import { writeFileAtomic } from '../atomic-write';
import { readLines } from '../read-lines';
import { parseFlags } from './options';

export const exportUsage = `Usage: stkit export --format llava|sharegpt --samples DIR --out FILE [--media frames|video]

Writes the samples as training records:
  llava      LLaVA-Video / OneVision: {id, image: [frames], conversations} with one
             <image> per frame, or {id, video, conversations} with --media video
  sharegpt   {id, messages: [{role: user}, {role: assistant}], images | videos}
             as LLaMA-Factory, ms-swift and Axolotl read them

  --format F          llava or sharegpt
  --samples PATH      sample JSONL file or folder (searched recursively for *.jsonl)
  --out FILE          output file: .jsonl for JSON lines, else a JSON array
  --media M           frames (default) or video: encode each sample's frames into
                      videos/*.mp4 beside FILE with the system ffmpeg
  --frames-root DIR   folder relative frame paths start from (default: the parent
                      of a samples/ folder, as stkit qa/gt write, else the file's folder)
  --ffmpeg PATH       ffmpeg executable (default: ffmpeg on PATH)

Media paths are written relative to FILE's folder; every one is checked to exist.
`;

/** One sample with where its relative paths start from. */
interface LocatedSample {
  readonly sample: Sample;
  readonly root: string;
}

const REMOTE = /^[a-z][a-z0-9+.-]*:/i;

async function sampleFiles(path: string): Promise<string[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    throw new InvalidArgumentError({
      argument: '--samples',
      value: path,
      message: `cannot read: ${(error as Error).message}`,
    });
  }
  if (info.isFile()) return [path];
  const out: string[] = [];
  for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await sampleFiles(child)));
    else if (entry.name.endsWith('.jsonl')) out.push(child);
  }
  return out;
}

/** The folder a sample file's relative frame paths start from (see `--frames-root`). */
export function framesRootOf(file: string): string {
  const folder = dirname(resolve(file));
  return basename(folder) === 'samples' ? dirname(folder) : folder;
}

async function readAllSamples(
  path: string,
  framesRoot: string | undefined,
  signal?: AbortSignal,
): Promise<LocatedSample[]> {
  const files = await sampleFiles(path);
  if (files.length === 0)
    throw new InvalidArgumentError({ argument: '--samples', value: path, message: 'no *.jsonl sample files found' });
  const out: LocatedSample[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const root = framesRoot ?? framesRootOf(file);
    for await (const [line, text] of readLines(file, { signal })) {
      if (text.trim() === '') continue;
      const sample = parseSample(parseJsonLine(text, { file, line }), { file, line });
      if (seen.has(sample.id)) continue;
      seen.add(sample.id);
      out.push({ sample, root });
    }
  }
  if (out.length === 0)
    throw new InvalidArgumentError({ argument: '--samples', value: path, message: 'the sample files hold no samples' });
  return out;
}

function absoluteMedia(path: string, root: string): string {
  return isAbsolute(path) ? path : resolve(root, path);
}

function relativeTo(outDir: string, path: string): string {
  return relative(outDir, path).split(sep).join('/');
}

async function mustExist(path: string, sample: Sample, field: string): Promise<void> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
  } catch (error) {
    throw new DatasetFormatError({
      file: path,
      field: `sample '${sample.id}' ${field}`,
      reason: `media file missing: ${(error as Error).message}`,
      cause: error,
    });
  }
}

function runFfmpeg(ffmpeg: string, args: readonly string[], signal?: AbortSignal): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    execFile(ffmpeg, args, { timeout: 600_000, signal, maxBuffer: 1 << 22 }, (error, _stdout, stderr) => {
      if (error) reject(Object.assign(error, { stderr: String(stderr ?? '') }));
      else resolvePromise();
    });
  });
}

/** Seconds each frame is shown: the gap to the next frame time; the last frame the median gap (0.5 s for one frame). */
export function frameDurations(times: readonly number[]): number[] {
  const gaps = times.slice(1).map((time, index) => time - times[index]!);
  const sorted = gaps.filter((gap) => gap > 0).sort((a, b) => a - b);
  const median = sorted.length > 0 ? sorted[Math.floor(sorted.length / 2)]! : 0.5;
  return times.map((_, index) => {
    const gap = gaps[index];
    return gap !== undefined && gap > 0 ? gap : median;
  });
}

/**
 * Encodes `frames` (absolute paths) shown for `durations` seconds into an
 * H.264 MP4 (yuv420p, even dimensions, constant rate of one frame per median
 * duration) at `target`, through a temporary name.
 */
export async function encodeFramesToVideo(options: {
  frames: readonly string[];
  durations: readonly number[];
  target: string;
  ffmpeg?: string;
  signal?: AbortSignal;
}): Promise<void> {
  const ffmpeg = options.ffmpeg ?? 'ffmpeg';
  const work = await mkdtemp(join(tmpdir(), 'stkit-export-'));
  const quote = (path: string) => `'${path.replace(/'/g, "'\\''")}'`;
  // A constant rate of one frame per median gap (the 0.5 s grid → 2 fps); uneven gaps repeat frames to keep the timing.
  const sorted = [...options.durations].sort((a, b) => a - b);
  const fps = 1 / (sorted[Math.floor(sorted.length / 2)] ?? 0.5);
  try {
    // ffmpeg's concat demuxer: each file with its duration; the last file repeated so its duration counts.
    const lines = ['ffconcat version 1.0'];
    options.frames.forEach((frame, index) =>
      lines.push(`file ${quote(frame)}`, `duration ${options.durations[index]!.toFixed(6)}`),
    );
    lines.push(`file ${quote(options.frames[options.frames.length - 1]!)}`);
    const list = join(work, 'frames.ffconcat');
    await writeFile(list, `${lines.join('\n')}\n`);
    await mkdir(dirname(options.target), { recursive: true });
    const temporary = join(dirname(options.target), `.${basename(options.target)}.${process.pid}.tmp.mp4`);
    try {
      await runFfmpeg(
        ffmpeg,
        [
          '-nostdin',
          '-v',
          'error',
          '-y',
          '-f',
          'concat',
          '-safe',
          '0',
          '-i',
          list,
          '-vf',
          `pad=ceil(iw/2)*2:ceil(ih/2)*2,fps=${fps}`,
          '-pix_fmt',
          'yuv420p',
          '-c:v',
          'libx264',
          '-movflags',
          '+faststart',
          temporary,
        ],
        options.signal,
      );
      await rename(temporary, options.target);
    } catch (error) {
      await rm(temporary, { force: true });
      options.signal?.throwIfAborted();
      const code = (error as { code?: unknown }).code;
      if (code === 'ENOENT' || code === 'EACCES') {
        throw new BackendLoadError({
          backend: ffmpeg,
          message: 'ffmpeg is needed for --media video and was not found',
          hint: 'install the system ffmpeg (Debian/Ubuntu: apt-get install ffmpeg) or pass --ffmpeg PATH',
          cause: error,
        });
      }
      const stderr = String((error as { stderr?: unknown }).stderr ?? '')
        .trim()
        .split('\n')
        .slice(-3)
        .join(' ');
      throw new DatasetFormatError({
        file: options.frames[0]!,
        field: 'frames',
        reason: `ffmpeg could not encode the frames into ${options.target}: ${stderr || (error as Error).message}`,
        cause: error,
      });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Options of {@link exportTrainingRecords}. */
export interface ExportTrainingOptions {
  readonly format: 'llava' | 'sharegpt';
  readonly samples: string;
  readonly out: string;
  /** @default 'frames' */
  readonly media?: 'frames' | 'video';
  readonly framesRoot?: string;
  readonly ffmpeg?: string;
  readonly signal?: AbortSignal;
  /** Called after each encoded video. */
  readonly onVideo?: (done: number) => void;
}

/** Writes the training file; resolves to the record count and the videos encoded. */
export async function exportTrainingRecords(
  options: ExportTrainingOptions,
): Promise<{ records: number; videos: number; out: string }> {
  const out = resolve(options.out);
  const outDir = dirname(out);
  const media = options.media ?? 'frames';
  const located = await readAllSamples(
    options.samples,
    options.framesRoot === undefined ? undefined : resolve(options.framesRoot),
    options.signal,
  );
  const records: unknown[] = [];
  const encoded = new Map<string, string>();
  for (const { sample, root } of located) {
    options.signal?.throwIfAborted();
    const frames = (sample.frames ?? [])
      .filter((frame) => !REMOTE.test(frame))
      .map((frame) => absoluteMedia(frame, root));
    if (frames.length !== (sample.frames ?? []).length)
      throw new DatasetFormatError({
        file: options.samples,
        field: `sample '${sample.id}' frames`,
        reason: 'frame URLs cannot be exported for training; download them first',
      });
    if (media === 'frames') {
      if (frames.length === 0)
        throw new DatasetFormatError({
          file: options.samples,
          field: `sample '${sample.id}' frames`,
          reason:
            'the sample has no frames (run stkit qa/gt with frames, or use --media video for samples with a video)',
        });
      for (const frame of frames) await mustExist(frame, sample, 'frames');
      const images = frames.map((frame) => relativeTo(outDir, frame));
      records.push(
        options.format === 'llava' ? toLlavaImagesRecord(sample, images) : toShareGptRecord(sample, { images }),
      );
      continue;
    }
    let video: string;
    if (frames.length > 0) {
      for (const frame of frames) await mustExist(frame, sample, 'frames');
      const key = createHash('sha1')
        .update(JSON.stringify([frames, sample.frameTimes]))
        .digest('hex')
        .slice(0, 12);
      video =
        encoded.get(key) ?? join(outDir, 'videos', `${sample.clipId.replace(/[^A-Za-z0-9._-]+/g, '_')}-${key}.mp4`);
      if (!encoded.has(key)) {
        const durations = frameDurations(
          sample.frameTimes.length === frames.length ? sample.frameTimes : frames.map((_, index) => index * 0.5),
        );
        await encodeFramesToVideo({ frames, durations, target: video, ffmpeg: options.ffmpeg, signal: options.signal });
        encoded.set(key, video);
        options.onVideo?.(encoded.size);
      }
    } else if (sample.video !== undefined && sample.video !== '' && !REMOTE.test(sample.video)) {
      video = absoluteMedia(sample.video, root);
      await mustExist(video, sample, 'video');
    } else {
      throw new DatasetFormatError({
        file: options.samples,
        field: `sample '${sample.id}' frames`,
        reason: 'the sample has neither frames nor a local video',
      });
    }
    const path = relativeTo(outDir, video);
    records.push(
      options.format === 'llava'
        ? toLlavaRecord(sample, { videoPath: path })
        : toShareGptRecord(sample, { video: path }),
    );
  }
  const jsonLines = out.endsWith('.jsonl');
  await writeFileAtomic(
    out,
    jsonLines ? records.map((record) => `${JSON.stringify(record)}\n`) : `${JSON.stringify(records, null, 1)}\n`,
  );
  return { records: records.length, videos: encoded.size, out };
}

/** Runs `stkit export`; returns the exit code. */
export async function runExportCommand(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; signal?: AbortSignal },
): Promise<number> {
  const { values } = parseFlags(
    {
      args: argv,
      allowPositionals: false,
      strict: true,
      options: {
        format: { type: 'string' },
        samples: { type: 'string' },
        out: { type: 'string' },
        media: { type: 'string' },
        'frames-root': { type: 'string' },
        ffmpeg: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    'stkit export',
  );
  if (values.help) {
    io.stdout.write(exportUsage);
    return 0;
  }
  const format = values.format;
  if (format !== 'llava' && format !== 'sharegpt')
    throw new InvalidArgumentError({ argument: '--format', value: format, message: 'expected llava or sharegpt' });
  const media = values.media ?? 'frames';
  if (media !== 'frames' && media !== 'video')
    throw new InvalidArgumentError({ argument: '--media', value: media, message: 'expected frames or video' });
  if (values.samples === undefined)
    throw new InvalidArgumentError({ argument: '--samples', message: 'is required (see --help)' });
  if (values.out === undefined)
    throw new InvalidArgumentError({ argument: '--out', message: 'is required (see --help)' });
  const result = await exportTrainingRecords({
    format,
    samples: values.samples,
    out: values.out,
    media,
    framesRoot: values['frames-root'],
    ffmpeg: values.ffmpeg,
    signal: io.signal,
  });
  io.stdout.write(
    `${result.records} ${format} records${result.videos > 0 ? `, ${result.videos} videos encoded` : ''} → ${result.out}\n`,
  );
  return 0;
}
