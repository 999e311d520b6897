/**
 * The frames of a plain video: images of a folder in name order, or a video
 * file decoded with the system's ffmpeg (Debian package `ffmpeg`) at `fps`
 * into `OUT/frames/video/%05d.jpg` (written to a temporary folder, renamed
 * when complete, with a `.source-video` file naming the video, so that a
 * later error about the frames can name it). Frame k is at t = k / fps
 * seconds from the first frame.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { BackendLoadError, DatasetFormatError } from '@stkit/core';

const IMAGE = /\.(jpe?g|png|webp)$/i;
/** The file beside decoded frames that names the video they come from. */
const SOURCE_VIDEO = '.source-video';

/**
 * The video that the frames of `dir` were decoded from by {@link decodeVideoFrames}, or undefined (a plain frames folder).
 * @param dir - the folder of the frames.
 */
export async function sourceVideoOf(dir: string): Promise<string | undefined> {
  const text = await readFile(join(dir, SOURCE_VIDEO), 'utf8').catch(() => undefined);
  return text?.trim() || undefined;
}

/**
 * Image files of a folder in name order (absolute paths).
 * @param dir - the frames folder (`.jpg`, `.png` or `.webp` files).
 * @returns the absolute paths, sorted by name.
 * @throws {@link DatasetFormatError} on bad input, naming the file: cannot be read (…)
 * @throws {@link DatasetFormatError} on bad input, naming the file: holds no .jpg/.png/.webp frames
 */
export async function listFrameImages(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new DatasetFormatError({ file: dir, reason: `cannot be read (${(error as Error).message})`, cause: error });
  }
  const images = names.filter((name) => IMAGE.test(name)).sort();
  if (images.length === 0) throw new DatasetFormatError({ file: dir, reason: 'holds no .jpg/.png/.webp frames' });
  return images.map((name) => join(dir, name));
}

/**
 * Decodes `video` at `fps` into `outDir` with ffmpeg; returns the frame paths. Reuses a complete earlier decode.
 * @throws {@link BackendLoadError} when: ffmpeg is not installed: install the Debian package `ffmpeg` (apt-get install -y ffmpeg), or pass --frames DIR with the decoded frames
 * @throws {@link DatasetFormatError} on bad input, naming the file: ffmpeg could not decode it (…)
 */
export async function decodeVideoFrames(
  video: string,
  fps: number,
  outDir: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const existing = await readdir(outDir).then(
    (names) => names,
    () => undefined,
  );
  if (existing?.some((name) => IMAGE.test(name))) return listFrameImages(outDir);
  const temporary = `${outDir}.${process.pid}.tmp`;
  await rm(temporary, { recursive: true, force: true });
  await mkdir(temporary, { recursive: true });
  try {
    await promisify(execFile)(
      'ffmpeg',
      [
        '-nostdin',
        '-loglevel',
        'error',
        '-i',
        video,
        '-vf',
        `fps=${fps}`,
        '-start_number',
        '0',
        '-q:v',
        '2',
        join(temporary, '%05d.jpg'),
      ],
      { timeout: 600_000, ...(signal ? { signal } : {}) },
    );
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new BackendLoadError({
        backend: 'ffmpeg',
        message:
          'ffmpeg is not installed: install the Debian package `ffmpeg` (apt-get install -y ffmpeg), or pass --frames DIR with the decoded frames',
        cause: error,
      });
    }
    throw new DatasetFormatError({
      file: video,
      reason: `ffmpeg could not decode it (${(failure.stderr ?? failure.message).trim().split('\n').pop()})`,
      cause: error,
    });
  }
  await writeFile(join(temporary, SOURCE_VIDEO), `${resolve(video)}\n`);
  await mkdir(dirname(outDir), { recursive: true });
  await rm(outDir, { recursive: true, force: true });
  await rename(temporary, outDir);
  return listFrameImages(outDir);
}
