/**
 * The colours of the visual prompt: the box drawn around each object in the
 * frames and the colour name the question uses for it. Names are plain,
 * unambiguous colour words; RGB values are saturated so boxes stand out on
 * road and indoor scenes, and every pair differs by at least 100 in RGB
 * (Euclidean) so no two boxes of a comparison look alike. No name starts
 * with a vowel sound: the paper's templates read "a [COLOR] bounding box", so
 * "orange" would make "a orange bounding box".
 */
import { InvalidArgumentError, type Random } from '@stkit/core';

/** A named box colour. */
export interface PaletteColor {
  /** The word used in the question, e.g. `red`. */
  readonly name: string;
  /** sRGB, 0–255 per channel, for drawing the box. */
  readonly rgb: readonly [number, number, number];
}

/** The default palette (8 colours). */
export const COLOR_PALETTE: readonly PaletteColor[] = Object.freeze(
  [
    { name: 'red', rgb: [255, 0, 0] },
    { name: 'green', rgb: [0, 255, 0] },
    { name: 'blue', rgb: [0, 0, 255] },
    { name: 'yellow', rgb: [255, 255, 0] },
    { name: 'white', rgb: [255, 255, 255] },
    { name: 'purple', rgb: [160, 32, 240] },
    { name: 'cyan', rgb: [0, 255, 255] },
    { name: 'pink', rgb: [255, 105, 180] },
  ].map((color) => Object.freeze({ name: color.name, rgb: Object.freeze(color.rgb) as PaletteColor['rgb'] })),
);

const byName = new Map(COLOR_PALETTE.map((color) => [color.name, color]));

/** The default-palette colour of a name, or `undefined`. */
export function colorByName(name: string): PaletteColor | undefined {
  return byName.get(name);
}

/**
 * Picks `count` different colours uniformly at random (a partial
 * Fisher–Yates draw; two draws from `random` for a pair). Throws
 * {@link InvalidArgumentError} when the palette is too small or has
 * duplicate names.
 */
export function pickColors(
  random: Random,
  count: number,
  palette: readonly PaletteColor[] = COLOR_PALETTE,
): PaletteColor[] {
  const size = palette.length;
  if (!Number.isInteger(count) || count < 0 || count > size) {
    throw new InvalidArgumentError({
      argument: 'count',
      value: count,
      message: `must be an integer in [0, ${size}] (palette size)`,
    });
  }
  if (palette !== COLOR_PALETTE && !checked.has(palette)) checkPalette(palette);
  if (count === 1) return [palette[random.int(size)]!];
  if (count === 2) {
    const first = random.int(size);
    let second = random.int(size - 1);
    if (second >= first) second++;
    return [palette[first]!, palette[second]!];
  }
  const order = palette.slice();
  for (let index = 0; index < count; index++) {
    const other = index + random.int(size - index);
    const tmp = order[index]!;
    order[index] = order[other]!;
    order[other] = tmp;
  }
  return order.slice(0, count);
}

const checked = new WeakSet<readonly PaletteColor[]>();

function checkPalette(palette: readonly PaletteColor[]): void {
  const names = new Set<string>();
  for (let index = 0; index < palette.length; index++) {
    const name = palette[index]!.name;
    if (names.has(name))
      throw new InvalidArgumentError({
        argument: `palette[${index}].name`,
        value: name,
        message: 'duplicate colour name',
      });
    names.add(name);
  }
  checked.add(palette);
}
