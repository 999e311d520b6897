/**
 * Where an image goes in a Metric3D input tensor, exactly as Metric3D's own
 * inference code lays it out (`hubconf.py` / `onnx/test_onnx.py`):
 *
 *     scale = min(H_in / h, W_in / w)
 *     resized = (int(w · scale), int(h · scale))     # truncation, cv2 INTER_LINEAR
 *     pad_h = H_in − h', top = pad_h // 2, bottom = pad_h − top (same for width)
 *     padding colour = ImageNet mean (123.675, 116.28, 103.53)
 *
 * The dynamic-shape export takes any size that is a multiple of 14 (ViT
 * patches): the long side is scaled to `longSide` (518 by default) and the
 * canvas is the resized size rounded up to a multiple of 14, centred padding.
 */
import { InvalidArgumentError } from '@stkit/core';

/** Placement of one image in the model canvas. */
export interface Metric3dLayout {
  /** Resize factor from the input image to the model. */
  readonly scale: number;
  readonly resizedWidth: number;
  readonly resizedHeight: number;
  readonly canvasWidth: number;
  readonly canvasHeight: number;
  readonly padTop: number;
  readonly padBottom: number;
  readonly padLeft: number;
  readonly padRight: number;
}

function place(
  width: number,
  height: number,
  scale: number,
  canvasWidth: number,
  canvasHeight: number,
): Metric3dLayout {
  const resizedWidth = Math.trunc(width * scale);
  const resizedHeight = Math.trunc(height * scale);
  const padH = canvasHeight - resizedHeight,
    padW = canvasWidth - resizedWidth;
  const padTop = Math.floor(padH / 2),
    padLeft = Math.floor(padW / 2);
  return {
    scale,
    resizedWidth,
    resizedHeight,
    canvasWidth,
    canvasHeight,
    padTop,
    padBottom: padH - padTop,
    padLeft,
    padRight: padW - padLeft,
  };
}

function checkSize(width: number, height: number): void {
  if (!(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0)) {
    throw new InvalidArgumentError({
      argument: 'image',
      value: [width, height],
      message: 'width and height must be positive integers',
    });
  }
}

/** Layout for a fixed-size export (default 616 × 1064, the ViT models' input). */
export function metric3dFixedLayout(
  width: number,
  height: number,
  inputHeight = 616,
  inputWidth = 1064,
): Metric3dLayout {
  checkSize(width, height);
  return place(width, height, Math.min(inputHeight / height, inputWidth / width), inputWidth, inputHeight);
}

/** Layout for a dynamic-shape export: long side → `longSide`, canvas rounded up to a multiple of `multiple`. */
export function metric3dDynamicLayout(width: number, height: number, longSide = 518, multiple = 14): Metric3dLayout {
  checkSize(width, height);
  const scale = longSide / Math.max(width, height);
  const resizedWidth = Math.trunc(width * scale),
    resizedHeight = Math.trunc(height * scale);
  const canvasWidth = Math.ceil(resizedWidth / multiple) * multiple;
  const canvasHeight = Math.ceil(resizedHeight / multiple) * multiple;
  return place(width, height, scale, canvasWidth, canvasHeight);
}
