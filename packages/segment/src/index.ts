/**
 * @packageDocumentation
 * The segment stage of STKit: readers and writers of Grounded-SAM-2 tracking
 * folders (the interchange format) and of SA-V, Grounded-SAM-2 image-demo,
 * BDD100K/Scalabel and MultiSports annotations; open-vocabulary detection,
 * SAM 2 masks and tracking with stable ids over ONNX. Frames follow the
 * masks-and-tracks contract of `@stkit/core` (`MaskFrame`).
 */
export {
  readGsam2TrackingFolder,
  writeGsam2TrackingFolder,
  listGsam2TrackingFolder,
  gsam2FrameStem,
  gsam2FrameFromJson,
  gsam2FrameToJson,
  Gsam2FrameJsonSchema,
  Gsam2LabelSchema,
  type Gsam2FrameJson,
  type Gsam2FolderListing,
  type ReadGsam2TrackingFolderOptions,
  type WriteGsam2TrackingFolderOptions,
  type WriteGsam2TrackingFolderResult,
} from './formats/gsam2-tracking';
export { parseNpyIdMap, encodeNpyIdMap, type NpyIdMap } from './formats/npy-id-map';
export { frameFormatError, type FramePlace } from './frame-error';
