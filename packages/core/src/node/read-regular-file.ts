/**
 * Reads an input file only when it is a regular file: a folder, `/dev/zero`
 * (endless), a FIFO or a socket where a file belongs is a
 * `DatasetFormatError` naming it before any byte is read, never a hang or a
 * raw `EISDIR`.
 */
import { readFile, stat } from 'node:fs/promises';
import { DatasetFormatError } from '../errors';

/**
 * Throws unless `file` is a regular file: a folder, a device (`/dev/zero`
 * never ends), a FIFO (blocks until a writer comes) or a socket where a data
 * file belongs is refused before it is opened.
 * @param file - the input file.
 * @throws {@link DatasetFormatError} on bad input, naming the file: file not found
 * @throws {@link DatasetFormatError} on bad input, naming the file: is a folder, expected a file
 * @throws {@link DatasetFormatError} on bad input, naming the file: not a regular file (a device, FIFO or socket)
 * @throws {@link DatasetFormatError} on bad input, naming the file: cannot be read (…)
 */
export async function requireRegularFile(file: string): Promise<void> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => cannotRead(file, error));
  if (info.isDirectory()) throw new DatasetFormatError({ file, reason: 'is a folder, expected a file' });
  if (!info.isFile()) throw new DatasetFormatError({ file, reason: 'not a regular file (a device, FIFO or socket)' });
}

function cannotRead(file: string, error: NodeJS.ErrnoException): never {
  throw new DatasetFormatError({
    file,
    reason: error.code === 'ENOENT' ? 'file not found' : `cannot be read (${error.code ?? error.message})`,
    cause: error,
  });
}

/**
 * The bytes of `file`, which must be a regular file.
 * @param file - the input file.
 * @param options - an optional `signal` to abort the read.
 * @throws {@link DatasetFormatError} on bad input, naming the file: file not found
 * @throws {@link DatasetFormatError} on bad input, naming the file: is a folder, expected a file
 * @throws {@link DatasetFormatError} on bad input, naming the file: not a regular file (a device, FIFO or socket)
 * @throws {@link DatasetFormatError} on bad input, naming the file: cannot be read (…)
 */
export async function readRegularFile(file: string, options: { signal?: AbortSignal } = {}): Promise<Buffer> {
  await requireRegularFile(file);
  return readFile(file, options.signal ? { signal: options.signal } : {}).catch((error: NodeJS.ErrnoException) => {
    if (error.name === 'AbortError') throw error;
    return cannotRead(file, error);
  });
}
