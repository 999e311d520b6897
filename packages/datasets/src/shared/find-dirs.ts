/**
 * Locates dataset units (logs, sequences, recordings) under a root: the
 * folders, at most `maxDepth` levels down, that contain a given entry.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError } from '@stkit/core';

/** Options of {@link findDirsContaining}. */
export interface FindDirsOptions {
  /** Entry (file or folder) name that marks a folder as a match. */
  entry: string;
  /** Levels below the root searched (0 = the root only). @default 3 */
  maxDepth?: number;
  signal?: AbortSignal;
}

/**
 * Matching folders, sorted by path; matches are not searched further.
 * @throws InvalidArgumentError when `root` is not a readable folder.
 */
export async function findDirsContaining(root: string, options: FindDirsOptions): Promise<string[]> {
  const found: string[] = [];
  await walkFolders(root, options.maxDepth ?? 3, options.signal, (dir, entries) => {
    if (!entries.some((e) => e.name === options.entry)) return true;
    found.push(dir);
    return false;
  });
  return found.sort();
}

/**
 * Files under `root` (recursively, up to `maxDepth` levels) whose name matches
 * `pattern`, sorted by path (e.g. Waymo's `*.tfrecord-00000-of-01000` shards).
 * @throws InvalidArgumentError when `root` is not a readable folder.
 */
export async function findFilesMatching(
  root: string,
  pattern: RegExp,
  options: { maxDepth?: number; signal?: AbortSignal } = {},
): Promise<string[]> {
  const found: string[] = [];
  await walkFolders(root, options.maxDepth ?? 6, options.signal, (dir, entries) => {
    for (const e of entries) if (e.isFile() && pattern.test(e.name)) found.push(join(dir, e.name));
    return true;
  });
  return found.sort();
}

/**
 * Visits `root` and its sub-folders (hidden ones and `node_modules` skipped), depth-first in name
 * order; `visit` returns false to not descend into a folder. The root must be a readable folder;
 * unreadable sub-folders are skipped.
 */
async function walkFolders(
  root: string,
  maxDepth: number,
  signal: AbortSignal | undefined,
  visit: (dir: string, entries: Dirent[]) => boolean,
): Promise<void> {
  async function walk(dir: string, depth: number): Promise<void> {
    signal?.throwIfAborted();
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (cause) {
      if (depth === 0)
        throw new InvalidArgumentError({
          argument: 'root',
          value: root,
          message: `not a readable folder: ${(cause as Error).message}`,
          cause,
        });
      return;
    }
    if (!visit(dir, entries) || depth >= maxDepth) return;
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
        await walk(join(dir, e.name), depth + 1);
    }
  }
  await walk(root, 0);
}

/** True when `path` exists. */
export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
