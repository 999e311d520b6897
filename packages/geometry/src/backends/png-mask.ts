/**
 * Reads a mask PNG (MonST3R's `dynamic_mask_%d.png`, 0/255 greyscale as
 * `cv2.imwrite` writes it) through sharp, an optional peer dependency loaded
 * on first use.
 */
import { DatasetFormatError, type BackendLoadError } from '@stkit/core';
import { loadSharp as loadSharpModule } from '@stkit/core/node';

type SharpLike = (input: string) => {
  greyscale(): {
    raw(): {
      toBuffer(options: {
        resolveWithObject: true;
      }): Promise<{ data: Uint8Array; info: { width: number; height: number; channels: number } }>;
    };
  };
};

/** Loads sharp once (core's loader), or throws {@link BackendLoadError} with the install command. */
export function loadSharp(): Promise<SharpLike> {
  return loadSharpModule<SharpLike>('to read PNG masks');
}

/** A binary mask, row-major `height × width`, 1 where the PNG value is > 127. */
export interface BinaryMask {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/**
 * Reads a greyscale (or colour, converted) PNG as a 0/1 mask.
 * @param path - the PNG file (needs the optional peer `sharp`).
 * @throws {@link DatasetFormatError} on bad input, naming the file: not a readable image (…)
 */
export async function readMaskPng(path: string): Promise<BinaryMask> {
  const sharp = await loadSharp();
  let decoded;
  try {
    decoded = await sharp(path).greyscale().raw().toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new DatasetFormatError({
      file: path,
      reason: `not a readable image (${(error as Error).message})`,
      cause: error,
    });
  }
  const { data, info } = decoded;
  const mask = new Uint8Array(info.width * info.height);
  for (let i = 0; i < mask.length; i++) mask[i] = data[i * info.channels]! > 127 ? 1 : 0;
  return { data: mask, width: info.width, height: info.height };
}
