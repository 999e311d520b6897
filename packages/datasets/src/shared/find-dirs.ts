/**
 * Locates dataset units (logs, sequences, recordings) under a root: the
 * folders, at most `maxDepth` levels down, that contain a given entry.
 */
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
  const maxDepth = options.maxDepth ?? 3;
  const found: string[] = [];
  async function visit(dir: string, depth: number): Promise<void> {
    options.signal?.throwIfAborted();
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (cause) {
      // The root itself must be a readable folder; unreadable subfolders are skipped.
      if (depth === 0) throw new InvalidArgumentError({ argument: 'root', value: root, message: `not a readable folder: ${(cause as Error).message}`, cause });
      return;
    }
    if (entries.some((e) => e.name === options.entry)) {
      found.push(dir);
      return;
    }
    if (depth >= maxDepth) return;
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') await visit(join(dir, e.name), depth + 1);
    }
  }
  await visit(root, 0);
  return found.sort();
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
