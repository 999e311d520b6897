import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentHash, createDiskCache } from './disk-cache';
import { createLimiter } from './limiter';

const directory = mkdtempSync(join(tmpdir(), 'stkit-cache-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('createLimiter', () => {
  it('never runs more than `concurrency` tasks at once and runs them all', async () => {
    const limit = createLimiter(2);
    let active = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 7 }, (_, index) =>
        limit(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((resolve) => setTimeout(resolve, 5));
          active--;
          return index;
        }),
      ),
    );
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(peak).toBe(2);
    expect(() => createLimiter(0)).toThrow(/concurrency/);
  });
});

describe('disk cache', () => {
  it('hashes canonically (key order does not matter)', () => {
    expect(contentHash({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(contentHash({ b: [1, { d: 3, c: 2 }], a: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
  });
  it('round-trips, treats a corrupt entry as a miss, and leaves no temporary files', async () => {
    const cache = createDiskCache<{ verdict: string }>(directory);
    const key = contentHash('entry');
    expect(await cache.get(key)).toBeUndefined();
    await cache.set(key, { verdict: 'yes' });
    expect(await cache.get(key)).toEqual({ verdict: 'yes' });
    const corrupt = contentHash('corrupt');
    mkdirSync(join(directory, corrupt.slice(0, 2)), { recursive: true });
    writeFileSync(join(directory, corrupt.slice(0, 2), `${corrupt}.json`), '{"verdict": "ye');
    expect(await cache.get(corrupt)).toBeUndefined();
    await cache.set(corrupt, { verdict: 'no' });
    expect(await cache.get(corrupt)).toEqual({ verdict: 'no' });
    expect(
      readdirSync(directory, { recursive: true })
        .map(String)
        .filter((file) => file.endsWith('.tmp')),
    ).toEqual([]);
  });
});
