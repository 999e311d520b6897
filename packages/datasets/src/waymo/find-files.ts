/**
 * Waymo files under a root: every regular file whose name matches, sorted by
 * path (Waymo names shards `training.tfrecord-00000-of-01000`, segments
 * `segment-…_with_camera_labels.tfrecord`, v2 components `<segment>.parquet`).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError } from '@stkit/core';

/** Files under `root` (recursively, up to `maxDepth` levels) whose name matches `pattern`, sorted. */
export async function findFiles(root: string, pattern: RegExp, maxDepth = 6, signal?: AbortSignal): Promise<string[]> {
  const found: string[] = [];
  async function visit(dir: string, depth: number): Promise<void> {
    signal?.throwIfAborted();
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (cause) {
      if (depth === 0) throw new InvalidArgumentError({ argument: 'root', value: root, message: `not a readable folder: ${(cause as Error).message}`, cause });
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isFile() && pattern.test(entry.name)) found.push(path);
      else if (entry.isDirectory() && depth < maxDepth) await visit(path, depth + 1);
    }
  }
  await visit(root, 0);
  return found.sort();
}

/** `[w, x, y, z]` of a rotation by `heading` radians about +z. */
export function quatFromHeading(heading: number): [number, number, number, number] {
  return [Math.cos(heading / 2), 0, 0, Math.sin(heading / 2)];
}
