/**
 * Frames of a sample's video, decoded with the system ffmpeg (Debian package
 * `ffmpeg`) at a fixed rate: `ffmpeg -i VIDEO -vf fps=F` into a temporary
 * folder, read back as PNG data URLs, the folder removed. The k-th frame is at
 * video time k / F. A missing ffmpeg is a {@link BackendLoadError} naming the
 * package; an unreadable video a {@link DatasetFormatError} naming the file.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { BackendLoadError, DatasetFormatError, InvalidArgumentError } from '@stkit/core';
import { uniformIndices } from './frame-images';

/** Options of {@link decodeVideoFrames}. */
export interface DecodeVideoOptions {
  /** Video path (relative paths resolve against `baseDir`). */
  readonly video: string;
  readonly baseDir: string;
  /** Sample id, for error messages. */
  readonly sampleId: string;
  /** Frames per second to decode. @default 1 */
  readonly fps?: number | undefined;
  /** Keep at most this many frames, uniformly (first and last kept). @default all */
  readonly maxFrames?: number | undefined;
  /** ffmpeg executable. @default 'ffmpeg' (from PATH) */
  readonly ffmpeg?: string | undefined;
  /** Kill ffmpeg after this long. @default 300000 */
  readonly timeoutMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** Decoded frames. */
export interface VideoFrames {
  /** PNG data URLs, in time order. */
  readonly urls: string[];
  /** Video seconds of each frame (k / fps). */
  readonly times: number[];
}

/** The message used when ffmpeg cannot be started. */
export const FFMPEG_HINT =
  'install the system ffmpeg (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg) or pass its path';

function run(command: string, args: readonly string[], timeoutMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    execFile(command, args, { timeout: timeoutMs, signal, maxBuffer: 1 << 22 }, (error, _stdout, stderr) => {
      if (error) reject(Object.assign(error, { stderr: String(stderr ?? '') }));
      else resolvePromise();
    });
  });
}

/** Whether an error is a spawn failure of a missing executable. */
export function isMissingExecutable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'ENOENT' || code === 'EACCES';
}

/**
 * Decodes the frames of a video with ffmpeg.
 * @throws {@link InvalidArgumentError} for `--fps`: must be a positive number
 * @throws {@link DatasetFormatError} on bad input, naming the file: cannot read video: …
 * @throws {@link DatasetFormatError} on bad input, naming the file: ffmpeg could not decode it: …
 * @throws {@link DatasetFormatError} on bad input, naming the file: ffmpeg decoded no frames
 * @throws {@link BackendLoadError} when: ffmpeg is needed to read frames from a video and was not found
 */
export async function decodeVideoFrames(options: DecodeVideoOptions): Promise<VideoFrames> {
  const fps = options.fps ?? 1;
  if (!(fps > 0) || !Number.isFinite(fps))
    throw new InvalidArgumentError({ argument: '--fps', value: fps, message: 'must be a positive number' });
  const path = isAbsolute(options.video) ? options.video : resolve(options.baseDir, options.video);
  try {
    await stat(path);
  } catch (error) {
    throw new DatasetFormatError({
      file: path,
      field: `sample '${options.sampleId}' video`,
      reason: `cannot read video: ${(error as Error).message}`,
      cause: error,
    });
  }
  const ffmpeg = options.ffmpeg ?? 'ffmpeg';
  const folder = await mkdtemp(join(tmpdir(), 'stkit-video-'));
  try {
    try {
      await run(
        ffmpeg,
        [
          '-nostdin',
          '-v',
          'error',
          '-i',
          path,
          '-vf',
          `fps=${fps}`,
          '-f',
          'image2',
          '-c:v',
          'png',
          join(folder, '%06d.png'),
        ],
        options.timeoutMs ?? 300_000,
        options.signal,
      );
    } catch (error) {
      options.signal?.throwIfAborted();
      if (isMissingExecutable(error))
        throw new BackendLoadError({
          backend: ffmpeg,
          message: 'ffmpeg is needed to read frames from a video and was not found',
          hint: FFMPEG_HINT,
          cause: error,
        });
      const stderr = String((error as { stderr?: unknown }).stderr ?? '')
        .trim()
        .split('\n')
        .slice(-3)
        .join(' ');
      throw new DatasetFormatError({
        file: path,
        field: `sample '${options.sampleId}' video`,
        reason: `ffmpeg could not decode it: ${stderr || (error as Error).message}`,
        cause: error,
      });
    }
    const names = (await readdir(folder)).filter((name) => name.endsWith('.png')).sort();
    if (names.length === 0)
      throw new DatasetFormatError({
        file: path,
        field: `sample '${options.sampleId}' video`,
        reason: 'ffmpeg decoded no frames',
      });
    const indices = uniformIndices(names.length, options.maxFrames ?? names.length);
    const urls: string[] = [];
    for (const index of indices)
      urls.push(`data:image/png;base64,${(await readFile(join(folder, names[index]!))).toString('base64')}`);
    return { urls, times: indices.map((index) => index / fps) };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
