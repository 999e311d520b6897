/**
 * Frames for the model path: a video file or a folder of images, decoded to
 * RGB by the system ffmpeg (Debian package `ffmpeg`), streamed frame by
 * frame (one frame in memory). A missing ffmpeg is a `BackendLoadError`
 * naming the package.
 */
import { execFile, spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BackendLoadError, DatasetFormatError, InvalidArgumentError } from '@stkit/core';
import type { VideoFrame } from './tracker';

const run = promisify(execFile);
const FFMPEG_HINT = 'Install the Debian package: apt-get install ffmpeg (it provides ffmpeg and ffprobe).';

/** Overrides of the ffmpeg/ffprobe executables (tests, non-standard installs). */
export interface FfmpegOptions {
  /** @default 'ffmpeg' */
  readonly ffmpeg?: string;
  /** @default 'ffprobe' */
  readonly ffprobe?: string;
  readonly signal?: AbortSignal;
}

function missing(error: NodeJS.ErrnoException, tool: string): never {
  if (error.code === 'ENOENT')
    throw new BackendLoadError({
      backend: tool,
      message: `${tool} was not found on PATH`,
      hint: FFMPEG_HINT,
      cause: error,
    });
  throw error;
}

/**
 * Width, height and frame rate of the first video stream (ffprobe).
 * @param file - the video file.
 * @returns pixels and frames per second (`undefined` when the stream does not say).
 * @throws {@link DatasetFormatError} on bad input, naming the file: no video stream
 */
export async function probeVideo(
  file: string,
  options: FfmpegOptions = {},
): Promise<{ width: number; height: number; fps: number | undefined }> {
  const ffprobe = options.ffprobe ?? 'ffprobe';
  const { stdout } = await run(
    ffprobe,
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height,r_frame_rate', '-of', 'json', file],
    { timeout: 60_000, ...(options.signal ? { signal: options.signal } : {}) },
  ).catch((error: NodeJS.ErrnoException & { stderr?: string }) => {
    if (error.code === 'ENOENT') missing(error, ffprobe);
    throw new DatasetFormatError({
      file,
      reason: `ffprobe cannot read it: ${(error.stderr ?? error.message).trim()}`,
      cause: error,
    });
  });
  const stream = (JSON.parse(stdout) as { streams?: { width?: number; height?: number; r_frame_rate?: string }[] })
    .streams?.[0];
  if (!stream?.width || !stream.height) throw new DatasetFormatError({ file, reason: 'no video stream' });
  const [num, den] = (stream.r_frame_rate ?? '').split('/').map(Number);
  const fps = num && den ? num / den : undefined;
  return { width: stream.width, height: stream.height, fps };
}

/** Streams raw RGB frames of `width × height` from an ffmpeg process. */
async function* rawFrames(
  ffmpeg: string,
  args: string[],
  width: number,
  height: number,
  file: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<Uint8Array> {
  const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(signal ? { signal } : {}) });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 4000) stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT'
        ? reject(
            new BackendLoadError({
              backend: ffmpeg,
              message: `${ffmpeg} was not found on PATH`,
              hint: FFMPEG_HINT,
              cause: error,
            }),
          )
        : reject(error),
    );
    child.on('close', resolve);
  });
  const size = width * height * 3;
  let pending = new Uint8Array(size),
    filled = 0;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        const take = Math.min(size - filled, chunk.length - offset);
        pending.set(chunk.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === size) {
          yield pending;
          pending = new Uint8Array(size);
          filled = 0;
        }
      }
    }
    const code = await exited;
    if (code !== 0) throw new DatasetFormatError({ file, reason: `ffmpeg exited with ${code}: ${stderr.trim()}` });
    if (filled !== 0)
      throw new DatasetFormatError({ file, reason: `ffmpeg output ended inside a frame (${filled} of ${size} bytes)` });
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited.catch(() => undefined);
  }
}

/** Options of {@link readVideoFrames}. */
export interface ReadVideoFramesOptions extends FfmpegOptions {
  /** Sample the video at about this rate: every round(fps_video / fps)-th frame, keeping the video frame index. All frames when omitted. */
  readonly fps?: number;
}

/**
 * Decodes a video file frame by frame; `frameIndex` is the index in the video.
 * @throws {@link InvalidArgumentError} for `fps`: must be positive
 */
export async function* readVideoFrames(
  file: string,
  options: ReadVideoFramesOptions = {},
): AsyncGenerator<VideoFrame, void, undefined> {
  const { width, height, fps } = await probeVideo(file, options);
  let step = 1;
  if (options.fps !== undefined) {
    if (!(options.fps > 0))
      throw new InvalidArgumentError({ argument: 'fps', value: options.fps, message: 'must be positive' });
    step = Math.max(1, Math.round((fps ?? options.fps) / options.fps));
  }
  const args = [
    '-v',
    'error',
    '-nostdin',
    '-i',
    file,
    ...(step > 1 ? ['-vf', `select=not(mod(n\\,${step}))`, '-fps_mode', 'passthrough'] : []),
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    'pipe:1',
  ];
  let k = 0;
  for await (const data of rawFrames(options.ffmpeg ?? 'ffmpeg', args, width, height, file, options.signal)) {
    yield { frameIndex: k * step, image: { width, height, data } };
    k++;
  }
}

const IMAGE = /\.(jpe?g|png|bmp|webp)$/i;

/**
 * Decodes a folder of images in file-name order; `frameIndex` = the last number in each name (position when names have none).
 * @param dir - the folder of `.jpg`/`.png` frames.
 * @throws {@link DatasetFormatError} on bad input, naming the file: no .jpg/.png images
 */
export async function* readFrameFolder(
  dir: string,
  options: FfmpegOptions = {},
): AsyncGenerator<VideoFrame, void, undefined> {
  const names = (
    await readdir(dir).catch((error: NodeJS.ErrnoException) => {
      throw new DatasetFormatError({
        file: dir,
        reason: error.code === 'ENOENT' ? 'folder not found' : error.message,
        cause: error,
      });
    })
  ).filter((name) => IMAGE.test(name));
  if (names.length === 0) throw new DatasetFormatError({ file: dir, reason: 'no .jpg/.png images' });
  const numbered = names.map((name) => ({ name, number: Number(/(\d+)\D*$/.exec(name)?.[1] ?? Number.NaN) }));
  const allNumbered =
    numbered.every((n) => !Number.isNaN(n.number)) && new Set(numbered.map((n) => n.number)).size === names.length;
  numbered.sort((a, b) => (allNumbered ? a.number - b.number : a.name.localeCompare(b.name)));
  for (const [position, { name, number }] of numbered.entries()) {
    const file = join(dir, name);
    const { width, height } = await probeVideo(file, options);
    const args = [
      '-v',
      'error',
      '-nostdin',
      '-i',
      file,
      '-frames:v',
      '1',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      'pipe:1',
    ];
    for await (const data of rawFrames(options.ffmpeg ?? 'ffmpeg', args, width, height, file, options.signal)) {
      yield { frameIndex: allNumbered ? number : position, image: { width, height, data } };
    }
  }
}
