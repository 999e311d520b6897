/**
 * Errors of the segment formats: a {@link DatasetFormatError} whose reason
 * starts with the frame (`frame 12: …`), so every message names file and frame.
 */
import { DatasetFormatError } from '@stkit/core';

/** Where in a source the bad input is. */
export interface FramePlace {
  /** Path of the file that holds the bad input. */
  readonly file: string;
  /** Video frame index, when the file belongs to one frame. */
  readonly frameIndex?: number | undefined;
  /** Key, JSON path or column of the bad value. */
  readonly field?: string | undefined;
  /** 1-based line or record, for line-oriented files. */
  readonly row?: number | undefined;
}

/**
 * A `DatasetFormatError` naming the file, the frame (when known) and the field.
 * @param reason - what is wrong, without the location.
 * @param cause - the underlying error, when there is one.
 */
export function frameFormatError(place: FramePlace, reason: string, cause?: unknown): DatasetFormatError {
  return new DatasetFormatError({
    file: place.file,
    ...(place.field !== undefined ? { field: place.field } : {}),
    ...(place.row !== undefined ? { row: place.row } : {}),
    reason: place.frameIndex !== undefined ? `frame ${place.frameIndex}: ${reason}` : reason,
    cause,
  });
}
