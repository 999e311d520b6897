// Locates the shared real-data folder used by tests. Order: $STKIT_SHARED_DATA,
// then `shared/data` beside any ancestor of this file (the repo's `../shared/data`),
// then /work/shared/data. Tests that need it call `sharedDataPath(...)` and skip
// with `describe.skipIf(!hasSharedData)` and a message when it is absent.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function locate() {
  const fromEnv = process.env.STKIT_SHARED_DATA;
  if (fromEnv && existsSync(fromEnv)) return resolve(fromEnv);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shared', 'data');
    if (existsSync(join(candidate, 'SOURCES.md'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (existsSync('/work/shared/data/SOURCES.md')) return '/work/shared/data';
  return undefined;
}

export const sharedDataRoot = locate();
export const hasSharedData = sharedDataRoot !== undefined;
export const skipMessage = 'shared real data not found (set STKIT_SHARED_DATA to the shared/data folder)';

/** Absolute path inside the shared data folder, or undefined when it is absent. */
export function sharedDataPath(...parts) {
  return sharedDataRoot === undefined ? undefined : join(sharedDataRoot, ...parts);
}
