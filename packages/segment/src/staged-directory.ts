/**
 * Writing a whole output folder without ever leaving it half-written: files
 * go into a sibling temporary directory that is renamed onto the target when
 * everything is written, and removed when anything fails.
 */
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InvalidArgumentError } from '@stkit/core';

/** A temporary directory that becomes `target` on {@link StagedDirectory.commit}. */
export interface StagedDirectory {
  /** Where to write the files now. */
  readonly path: string;
  /** The final location. */
  readonly target: string;
  /** Renames the staged directory onto the target (replacing it when `overwrite` was given). */
  commit(): Promise<void>;
  /** Removes the staged directory; the target is untouched. Safe to call after a commit (no-op). */
  abort(): Promise<void>;
}

async function isNonEmptyDirectory(path: string): Promise<boolean | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return undefined;
  if (!info.isDirectory()) return true;
  return (await readdir(path)).length > 0;
}

/**
 * Creates the staging directory beside `target`. A non-empty `target` is an
 * `InvalidArgumentError` unless `overwrite` (then it is replaced at commit,
 * not before).
 */
export async function stageDirectory(
  target: string,
  options: { overwrite?: boolean | undefined } = {},
): Promise<StagedDirectory> {
  const existing = await isNonEmptyDirectory(target);
  if (existing && !options.overwrite) {
    throw new InvalidArgumentError({
      argument: 'out',
      value: target,
      message: `${target} exists and is not empty; pass overwrite (--overwrite) to replace it`,
    });
  }
  await mkdir(dirname(target), { recursive: true });
  const suffix = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const path = join(dirname(target), `.${basename(target)}.partial-${suffix}`);
  await mkdir(path);
  let done = false;
  return {
    path,
    target,
    async commit() {
      if (done) return;
      const now = await isNonEmptyDirectory(target);
      let old: string | undefined;
      if (now !== undefined) {
        if (now && !options.overwrite)
          throw new InvalidArgumentError({
            argument: 'out',
            value: target,
            message: `${target} appeared while writing; not replaced`,
          });
        old = join(dirname(target), `.${basename(target)}.old-${suffix}`);
        await rename(target, old);
      }
      await rename(path, target);
      done = true;
      if (old) await rm(old, { recursive: true, force: true });
    },
    async abort() {
      if (done) return;
      done = true;
      await rm(path, { recursive: true, force: true });
    },
  };
}
