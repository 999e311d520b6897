/**
 * Draws the visual prompt, coloured boxes around the objects a question is
 * about, on a frame image with sharp (an optional peer dependency, imported
 * on first use): an SVG overlay of the box outlines composited onto the
 * image, encoded as JPEG.
 */
import { DatasetFormatError, InvalidArgumentError } from '@stkit/core';
import { loadSharp as loadSharpModule } from '@stkit/core/node';

/** An sRGB colour, 0–255 per channel. */
export type Rgb = readonly [number, number, number];

/** One box to draw: `[x1, y1, x2, y2]` in pixels of the image. */
export interface PromptBox {
  box: readonly [number, number, number, number];
  color: Rgb;
}

/** Options of {@link drawPromptBoxes}. */
export interface DrawPromptBoxesOptions {
  /** Image file path or encoded image bytes (any format sharp reads). */
  image: string | Uint8Array;
  boxes: readonly PromptBox[];
  /** Outline width in pixels; the outline is drawn inside the box. @default 3 */
  lineWidth?: number;
  /** JPEG quality 1–100. @default 90 */
  quality?: number;
  /**
   * Size of the image the box coordinates refer to (e.g. the camera
   * intrinsics' `width`/`height`); boxes are scaled when the image file has
   * another size (a resized frame). @default the image's own size
   */
  boxSpace?: { width: number; height: number };
}

type Sharp = typeof import('sharp');

/** Loads sharp (core's loader), or throws a `BackendLoadError` with the install hint. */
export function loadSharp(): Promise<Sharp> {
  return loadSharpModule<Sharp>('to draw frames');
}

function svgOverlay(width: number, height: number, boxes: readonly PromptBox[], lineWidth: number): string {
  const rects = boxes.map(({ box, color }) => {
    for (const c of color) {
      if (!(Number.isInteger(c) && c >= 0 && c <= 255))
        throw new InvalidArgumentError({
          argument: 'boxes[].color',
          value: color,
          message: 'RGB channels must be integers 0–255',
        });
    }
    // Inset by half the stroke so the outline stays inside the box (and the image).
    const x1 = Math.max(0, Math.min(box[0], box[2])) + lineWidth / 2;
    const y1 = Math.max(0, Math.min(box[1], box[3])) + lineWidth / 2;
    const x2 = Math.min(width, Math.max(box[0], box[2])) - lineWidth / 2;
    const y2 = Math.min(height, Math.max(box[1], box[3])) - lineWidth / 2;
    if (!(x2 > x1 && y2 > y1)) return '';
    return `<rect x="${x1}" y="${y1}" width="${x2 - x1}" height="${y2 - y1}" fill="none" stroke="rgb(${color[0]},${color[1]},${color[2]})" stroke-width="${lineWidth}"/>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${rects.join('')}</svg>`;
}

/**
 * The image with the boxes drawn, as JPEG bytes.
 * @throws {@link InvalidArgumentError} for `lineWidth`: must be positive
 * @throws {@link InvalidArgumentError} for `image`
 * @throws {@link DatasetFormatError}
 */
export async function drawPromptBoxes(options: DrawPromptBoxesOptions): Promise<Buffer> {
  const lineWidth = options.lineWidth ?? 3;
  if (!(lineWidth > 0))
    throw new InvalidArgumentError({ argument: 'lineWidth', value: lineWidth, message: 'must be positive' });
  const sharp = await loadSharp();
  // Decode once (EXIF orientation applied, as viewers show it), then draw on the raw pixels.
  let decoded: { data: Buffer; info: import('sharp').OutputInfo };
  try {
    decoded = await sharp(options.image).rotate().raw().toBuffer({ resolveWithObject: true });
  } catch (cause) {
    // A missing, truncated or corrupt frame is bad input: name the file (or the argument, for bytes).
    const reason = `cannot decode the image: ${(cause as Error).message}`;
    if (typeof options.image === 'string') throw new DatasetFormatError({ file: options.image, reason, cause });
    throw new InvalidArgumentError({
      argument: 'image',
      value: `${options.image.length} bytes`,
      message: reason,
      cause,
    });
  }
  const { data, info } = decoded;
  const sx = options.boxSpace ? info.width / options.boxSpace.width : 1;
  const sy = options.boxSpace ? info.height / options.boxSpace.height : 1;
  const boxes =
    sx === 1 && sy === 1
      ? options.boxes
      : options.boxes.map((b) => ({
          color: b.color,
          box: [b.box[0] * sx, b.box[1] * sy, b.box[2] * sx, b.box[3] * sy] as const,
        }));
  const overlay = Buffer.from(svgOverlay(info.width, info.height, boxes, lineWidth));
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .composite([{ input: overlay, top: 0, left: 0 }])
    .jpeg({ quality: options.quality ?? 90 })
    .toBuffer();
}
