/**
 * Frame images as chat image parts: local files become base64 data URLs
 * (MIME type from the file's magic bytes), http(s) and data URLs pass through.
 * Relative paths resolve against the benchmark file's folder.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { DatasetFormatError, sniffImageType } from '@stkit/core';
import { linkSignal } from '../chat/chat-client';

// Image type sniffing is core's (one home for every package); re-exported for this package's users.
export { sniffImageType };

/** Indices of `count` frames spread uniformly over `total` (first and last included); all when `count ≥ total`. */
export function uniformIndices(total: number, count: number): number[] {
  if (count >= total) return Array.from({ length: total }, (_, index) => index);
  if (count <= 1) return [0];
  return Array.from({ length: count }, (_, index) => Math.round((index * (total - 1)) / (count - 1)));
}

/** The URL of one frame: a data URL for a local file. Errors name the sample and path. */
export async function frameUrl(
  frame: string,
  baseDir: string,
  sampleId: string,
  signal?: AbortSignal,
): Promise<string> {
  if (/^(?:https?:|data:)/i.test(frame)) return frame;
  const path = isAbsolute(frame) ? frame : resolve(baseDir, frame);
  let bytes: Buffer;
  // One listener on the caller's signal per read, removed when the read ends (a run shares one signal).
  const link = linkSignal(signal);
  try {
    bytes = await readFile(path, { signal: link.signal });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new DatasetFormatError({
      file: path,
      field: `sample '${sampleId}' frames`,
      reason: `cannot read frame image: ${(error as Error).message}`,
      cause: error,
    });
  } finally {
    link.dispose();
  }
  const type = sniffImageType(bytes);
  if (type === undefined)
    throw new DatasetFormatError({
      file: path,
      field: `sample '${sampleId}' frames`,
      reason: 'not a JPEG, PNG, WebP or GIF image',
    });
  return `data:${type};base64,${bytes.toString('base64')}`;
}
