/**
 * Atomic file output: data is written to a temporary name in the same folder,
 * fsynced, and renamed over the final name only when complete, so a crash or an
 * abort never leaves a half-written file under the final name.
 */
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/**
 * A temporary path beside `file` (same folder, so `rename` is atomic): `.NAME.PID.N.tmp`.
 * Folder cleaners recognise these by the leading dot and the `.tmp` suffix.
 */
export function temporaryPathFor(file: string): string {
  counter++;
  return join(dirname(file), `.${basename(file)}.${process.pid}.${counter}.tmp`);
}

/**
 * Writes `chunks` to `file` atomically; creates the parent folder. Chunks are written in order through one
 * file handle, and the file is fsynced before the rename.
 *
 * @param file - The final path.
 * @param chunks - The whole content, or its pieces in order.
 * @throws The file system's error (the temporary file is removed first); nothing is left under `file`.
 */
export async function writeFileAtomic(
  file: string,
  chunks: Iterable<string | Uint8Array> | string | Uint8Array,
): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = temporaryPathFor(file);
  const handle = await open(temporary, 'w');
  try {
    if (typeof chunks === 'string' || chunks instanceof Uint8Array) await handle.writeFile(chunks);
    else for (const chunk of chunks) await (typeof chunk === 'string' ? handle.write(chunk) : handle.write(chunk));
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
