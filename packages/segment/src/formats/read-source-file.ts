/**
 * Reads a source file of a segment format: only a regular file is opened (a
 * folder, `/dev/zero` — endless —, a FIFO or a socket where the file belongs
 * is a `DatasetFormatError` before any read), and text loses a leading UTF-8
 * byte-order mark (a file saved by a Windows editor reads as without it).
 */
import { readFile, stat } from 'node:fs/promises';
import { frameFormatError, type FramePlace } from '../frame-error';

/** The bytes of `place.file`; a missing or non-regular file is a `DatasetFormatError` naming it. */
export async function readSourceFile(place: FramePlace): Promise<Buffer> {
  const info = await stat(place.file).catch((error: NodeJS.ErrnoException) => {
    throw frameFormatError(
      place,
      error.code === 'ENOENT' ? 'file not found' : `cannot be read (${error.code ?? error.message})`,
      error,
    );
  });
  if (info.isDirectory()) throw frameFormatError(place, 'is a folder, expected a file');
  if (!info.isFile()) throw frameFormatError(place, 'is not a regular file (a device, FIFO or socket)');
  return readFile(place.file).catch((error: NodeJS.ErrnoException) => {
    throw frameFormatError(place, `cannot be read (${error.code ?? error.message})`, error);
  });
}

/** The UTF-8 text of `place.file` without a leading byte-order mark. */
export async function readSourceText(place: FramePlace): Promise<string> {
  const text = (await readSourceFile(place)).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
