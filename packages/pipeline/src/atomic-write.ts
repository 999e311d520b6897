/**
 * Atomic file output: data is written to a temporary name in the same folder
 * and renamed over the final name only when complete, so a crash or abort
 * never leaves a half-written file under the final name.
 */
import { constants, type Stats } from 'node:fs';
import { access, mkdir, realpath, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InvalidArgumentError } from '@stkit/core';

// One atomic writer for every package (fsync, then rename): core's, re-exported for this package's modules.
export { temporaryPathFor, writeFileAtomic } from '@stkit/core/node';

/** Roots of kernel and device file systems: never an output folder (writing there can block or do harm). */
const SPECIAL_ROOTS = ['/proc', '/sys', '/dev'];

/**
 * Makes sure `dir` is a usable output folder before anything is written:
 * creates it (and its parents), and turns every way it cannot be one — an
 * existing file, a parent that is a file, a kernel or device file system
 * (`/proc`, `/sys`, `/dev`), no write permission, a read-only file system —
 * into one {@link InvalidArgumentError} naming `argument` (e.g. `--out`).
 */
export async function prepareOutputDir(dir: string, argument = 'outDir'): Promise<void> {
  const fail = (message: string, cause?: unknown): never => {
    throw new InvalidArgumentError({ argument, value: dir, message: `${dir}: ${message}`, cause });
  };
  // The nearest existing ancestor, resolved through symbolic links, decides where the folder really is.
  let existing = resolve(dir);
  for (;;) {
    try {
      existing = await realpath(existing);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') fail('a parent of the path is a file, not a folder', error);
      if (code !== 'ENOENT') fail(`cannot be resolved (${code})`, error);
      const parent = dirname(existing);
      if (parent === existing) break;
      existing = parent;
    }
  }
  if (SPECIAL_ROOTS.some((root) => existing === root || existing.startsWith(`${root}/`)))
    fail(`is on a kernel or device file system (${existing}), not a folder for output`);
  let info: Stats | undefined;
  try {
    info = await stat(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      fail(`cannot be read (${(error as NodeJS.ErrnoException).code})`, error);
  }
  if (info !== undefined && !info.isDirectory()) fail('exists and is not a folder');
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reasons: Record<string, string> = {
      EACCES: 'is not writable (permission denied)',
      EPERM: 'is not writable (operation not permitted)',
      EROFS: 'is on a read-only file system',
      ENOTDIR: 'a parent of the path is a file, not a folder',
      EEXIST: 'exists and is not a folder',
      ENOSPC: 'no space left on the device',
    };
    fail(reasons[code ?? ''] ?? `cannot be created (${code ?? (error as Error).message})`, error);
  }
}
