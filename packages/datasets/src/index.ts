/**
 * @packageDocumentation
 * Readers that turn nuScenes, Argoverse 2, nuPlan, Aria MPS / Ego-Exo4D and
 * KITTI tracking logs into STKit `Clip`s, and drawing of the visual-prompt
 * boxes on frames. Each reader is also its own sub-path
 * (`@stkit/datasets/argoverse2`, …) so that its heavy dependencies load only
 * when it is used; the file-format parsers of a dataset are on its sub-path
 * only.
 */
export type { ReadClipsOptions, ClipReadEvent, DatasetReader, UnitProgress } from './reader';
// The readers and their options; each dataset's file-format parsers
// (`readFeather`, `readKittiLabels`, `readAriaTrajectory` …) are on its own
// sub-path only.
export {
  createArgoverse2Reader,
  readArgoverse2Clips,
  ARGOVERSE2_DEFAULT_CAMERA,
  type Argoverse2ReadOptions,
} from './argoverse2/index';
export { createKittiReader, readKittiClips, type KittiReadOptions } from './kitti/index';
export { createAriaReader, readAriaClips, type AriaReadOptions } from './aria/index';
export { createNuScenesReader, readNuScenesClips, NUSCENES_SPLITS, type NuScenesReadOptions } from './nuscenes/index';
export { createNuPlanReader, readNuPlanClips, type NuPlanReadOptions } from './nuplan/index';
export {
  drawPromptBoxes,
  writeClipFrames,
  promptBoxesAt,
  resolveFrameImage,
  type DrawPromptBoxesOptions,
  type PromptBox,
  type Rgb,
  type WriteClipFramesOptions,
  type WriteClipFramesResult,
} from './frames/index';
