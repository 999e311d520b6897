/**
 * @packageDocumentation
 * Drawing the visual prompt (coloured boxes) on frame images and writing
 * `OUT/frames/<clipId>/<k>.jpg` (`@stkit/datasets/frames`). Needs the optional
 * peer `sharp`, imported on first use.
 */
export { drawPromptBoxes, loadSharp, type DrawPromptBoxesOptions, type PromptBox, type Rgb } from './draw-prompt-boxes';
export {
  writeClipFrames,
  promptBoxesAt,
  type WriteClipFramesOptions,
  type WriteClipFramesResult,
} from './write-clip-frames';
export { resolveFrameImage } from './frame-image';
