/**
 * Where a frame's encoded image lives (`Clip.frames[k].image`): a file path
 * (relative to the dataset root, or absolute), or a part of a container file
 * whose bytes are the image as they are —
 * `<file>#bytes=<offset>+<length>` (a JPEG embedded in a Waymo v1 TFRecord
 * `Frame`) or `<file.parquet>#row=<n>` (the `[CameraImageComponent].image` cell
 * of row n of a Waymo v2 `camera_image` file). Only those bytes are read.
 */
import { open } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { DatasetFormatError } from '@stkit/core';

/**
 * A path to hand to the image decoder, or the image's bytes.
 * @param root - the dataset root relative image paths start from.
 * @throws {@link DatasetFormatError} on bad input, naming the file: the image bytes …+… lie past the end of the file
 * @throws {@link DatasetFormatError} on bad input, naming the file: cannot read the image: …
 * @throws {@link DatasetFormatError} on bad input, naming the file: no image bytes in this row
 */
export async function resolveFrameImage(image: string, root: string): Promise<string | Uint8Array> {
  const hash = image.lastIndexOf('#');
  const path = hash < 0 ? image : image.slice(0, hash);
  const file = isAbsolute(path) ? path : join(root, path);
  if (hash < 0) return file;
  const fragment = image.slice(hash + 1);
  const range = /^bytes=(\d+)\+(\d+)$/.exec(fragment);
  if (range) {
    const offset = Number(range[1]);
    const length = Number(range[2]);
    const handle = await open(file, 'r').catch((cause: Error) => {
      throw new DatasetFormatError({ file, reason: `cannot open the frame image container: ${cause.message}`, cause });
    });
    try {
      const bytes = new Uint8Array(length);
      const { bytesRead } = await handle.read(bytes, 0, length, offset);
      if (bytesRead !== length)
        throw new DatasetFormatError({
          file,
          field: fragment,
          reason: `the image bytes ${offset}+${length} lie past the end of the file`,
        });
      return bytes;
    } finally {
      await handle.close();
    }
  }
  const row = /^row=(\d+)$/.exec(fragment);
  if (row) {
    const index = Number(row[1]);
    const { asyncBufferFromFile, parquetReadObjects } = await import('hyparquet');
    const { compressors } = await import('hyparquet-compressors');
    const column = '[CameraImageComponent].image';
    let rows: Record<string, unknown>[];
    try {
      rows = (await parquetReadObjects({
        file: await asyncBufferFromFile(file),
        columns: [column],
        rowStart: index,
        rowEnd: index + 1,
        compressors,
        utf8: false,
      })) as Record<string, unknown>[];
    } catch (cause) {
      throw new DatasetFormatError({
        file,
        row: index + 1,
        field: column,
        reason: `cannot read the image: ${(cause as Error).message}`,
        cause,
      });
    }
    const value = rows[0]?.[column];
    if (!(value instanceof Uint8Array))
      throw new DatasetFormatError({ file, row: index + 1, field: column, reason: 'no image bytes in this row' });
    return value;
  }
  return join(root, image);
}
