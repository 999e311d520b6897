/**
 * Frame paths of samples copied into a benchmark file elsewhere: relative
 * paths are re-expressed relative to the benchmark's folder, so `run` finds
 * the images. URLs and absolute paths stay as they are.
 */
import { dirname, isAbsolute, relative, resolve, sep, basename } from 'node:path';
import type { Sample } from '@stkit/core';

/**
 * The folder relative frame paths of a sample file are relative to: the
 * STKit pipeline writes `OUT/samples/*.jsonl` with frames relative to `OUT`,
 * so for a file in a folder named `samples` it is that folder's parent;
 * otherwise the file's own folder.
 * @param sampleFile - path of the Sample JSONL file.
 */
export function defaultFramesRoot(sampleFile: string): string {
  const folder = dirname(resolve(sampleFile));
  return basename(folder) === 'samples' ? dirname(folder) : folder;
}

/** `sample` with its relative frame paths (and its `video`) rebased from `fromRoot` to `toDir`. */
export function rebaseFrames(sample: Sample, fromRoot: string, toDir: string): Sample {
  const rebase = (path: string): string => {
    if (isAbsolute(path) || /^[a-z][a-z0-9+.-]*:/i.test(path)) return path;
    return relative(resolve(toDir), resolve(fromRoot, path)).split(sep).join('/');
  };
  const video = sample.video === undefined || sample.video === '' ? {} : { video: rebase(sample.video) };
  if (!sample.frames || sample.frames.length === 0)
    return sample.video === undefined ? sample : { ...sample, ...video };
  return { ...sample, frames: sample.frames.map(rebase), ...video };
}
