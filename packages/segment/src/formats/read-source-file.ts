/**
 * Reads a source file of a segment format: only a regular file is opened (a
 * folder, `/dev/zero` — endless —, a FIFO or a socket where the file belongs
 * is a `DatasetFormatError` before any read), and text loses a leading UTF-8
 * byte-order mark (a file saved by a Windows editor reads as without it).
 */
import { DatasetFormatError } from '@stkit/core';
import { readRegularFile } from '@stkit/core/node';
import { frameFormatError, type FramePlace } from '../frame-error';

/**
 * The bytes of `place.file` (core's `readRegularFile`); a missing or
 * non-regular file is a `DatasetFormatError` naming it and the frame.
 */
export async function readSourceFile(place: FramePlace): Promise<Buffer> {
  return readRegularFile(place.file).catch((error: unknown) => {
    if (error instanceof DatasetFormatError) throw frameFormatError(place, error.reason, error.cause ?? error);
    throw error;
  });
}

/** The UTF-8 text of `place.file` without a leading byte-order mark. */
export async function readSourceText(place: FramePlace): Promise<string> {
  const text = (await readSourceFile(place)).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
