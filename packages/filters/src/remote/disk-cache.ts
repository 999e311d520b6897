/**
 * A content-addressed JSON cache on disk: `<dir>/<key[0:2]>/<key>.json`,
 * written to a temporary name and renamed, so a crash never leaves a
 * half-written entry and concurrent writers of the same key are harmless.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@stkit/core/node';

/** A JSON cache keyed by content hash. */
export interface DiskCache<T> {
  get(key: string): Promise<T | undefined>;
  set(key: string, value: T): Promise<void>;
}

/** SHA-256 hex of a canonical JSON rendering of `value` (object keys sorted). */
export function contentHash(value: unknown): string {
  const canonical = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(canonical);
    if (item && typeof item === 'object') {
      return Object.fromEntries(
        Object.keys(item as object)
          .sort()
          .map((key) => [key, canonical((item as Record<string, unknown>)[key])]),
      );
    }
    return item;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');
}

/** Opens (lazily creates) a cache in `dir`. A corrupt entry reads as a miss and is overwritten. */
export function createDiskCache<T>(dir: string): DiskCache<T> {
  const pathOf = (key: string) => join(dir, key.slice(0, 2), `${key}.json`);
  return {
    async get(key) {
      try {
        return JSON.parse(await readFile(pathOf(key), 'utf8')) as T;
      } catch {
        return undefined;
      }
    },
    async set(key, value) {
      await writeFileAtomic(pathOf(key), `${JSON.stringify(value)}\n`);
    },
  };
}
