/**
 * Which of a clip's frames a sample shows ([definitions §5](docs/pages/definitions.md#composition): up to 32 frames per
 * video).
 */
import { InvalidArgumentError } from '@stkit/core';

/** Default cap on frames per sample ([definitions §5](docs/pages/definitions.md#composition), LLaVA-Video training). */
export const DEFAULT_MAX_FRAMES = 32;

/**
 * Indices of `maxFrames` frames spread uniformly over `frameCount` frames,
 * always including the first and the last: index `i` is
 * `round(i · (N − 1) / (M − 1))` with halves rounded up (exact integer
 * arithmetic). All frames when `frameCount ≤ maxFrames`; `[0]` when
 * `maxFrames` is 1. E.g. 40 frames, at most 32 → 0, 1, 3, 4, 5, 6, 8, …, 39.
 * @throws {@link InvalidArgumentError} for `frameCount`: must be a positive integer
 * @throws {@link InvalidArgumentError} for `maxFrames`: must be a positive integer
 */
export function selectFrameIndices(frameCount: number, maxFrames: number = DEFAULT_MAX_FRAMES): number[] {
  if (!Number.isInteger(frameCount) || frameCount < 1)
    throw new InvalidArgumentError({
      argument: 'frameCount',
      value: frameCount,
      message: 'must be a positive integer',
    });
  if (!Number.isInteger(maxFrames) || maxFrames < 1)
    throw new InvalidArgumentError({ argument: 'maxFrames', value: maxFrames, message: 'must be a positive integer' });
  const count = Math.min(frameCount, maxFrames);
  const out = new Array<number>(count);
  if (count === frameCount) {
    for (let index = 0; index < count; index++) out[index] = index;
    return out;
  }
  if (count === 1) return [0];
  const span = frameCount - 1;
  const steps = count - 1;
  // round(i·span/steps) = floor((2·i·span + steps) / (2·steps)), all integers.
  for (let index = 0; index < count; index++) out[index] = Math.floor((2 * index * span + steps) / (2 * steps));
  return out;
}
