/**
 * DUSt3R/MonST3R image layout for the 512 models (`dust3r/utils/image.py::
 * load_images`, size 512): resize so the long side is 512 (each side
 * `round(x · 512 / S)` with Python's round-half-to-even), then crop centred to
 * multiples of 16: `cx = W // 2`, `halfw = ((2·cx) // 16) · 8`, same for y;
 * a square image keeps 3/4 of its height (`halfh = 3·halfw/4`).
 */
import { InvalidArgumentError } from '@stkit/core';

/** Placement of an input image in the pointmap model's input. */
export interface Dust3rLayout {
  readonly resizedWidth: number;
  readonly resizedHeight: number;
  readonly cropX: number;
  readonly cropY: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Python 3 `round()`: halves go to the even neighbour.
 * @param value - any finite number.
 * @returns the nearest integer, ties to even.
 */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Layout of a `width × height` image for a model whose long side is `longSide` (default 512) and patch 16.
 * @throws {@link InvalidArgumentError} for `image`: width and height must be positive integers
 */
export function dust3rLayout(width: number, height: number, longSide = 512, patch = 16): Dust3rLayout {
  if (!(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0)) {
    throw new InvalidArgumentError({
      argument: 'image',
      value: [width, height],
      message: 'width and height must be positive integers',
    });
  }
  const s = Math.max(width, height);
  const resizedWidth = roundHalfEven((width * longSide) / s);
  const resizedHeight = roundHalfEven((height * longSide) / s);
  const cx = Math.floor(resizedWidth / 2),
    cy = Math.floor(resizedHeight / 2);
  const half = patch / 2;
  const halfW = Math.floor((2 * cx) / patch) * half;
  let halfH = Math.floor((2 * cy) / patch) * half;
  if (resizedWidth === resizedHeight) halfH = roundHalfEven((3 * halfW) / 4); // PIL rounds crop boxes
  return { resizedWidth, resizedHeight, cropX: cx - halfW, cropY: cy - halfH, width: 2 * halfW, height: 2 * halfH };
}
