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
export {
  readSavAnnotation,
  SavAnnotationSchema,
  SAV_FRAME_STRIDE,
  SAV_VIDEO_FPS,
  type SavAnnotation,
  type ReadSavAnnotationOptions,
} from './formats/sav';
export {
  readGsam2JsonFolder,
  writeGsam2JsonFolder,
  gsam2ImageJsonToFrame,
  frameToGsam2ImageJson,
  Gsam2ImageJsonSchema,
  type Gsam2ImageJson,
} from './formats/gsam2-json';
export { readBdd100kBoxTracks, type BoxTrackSource, type ReadBoxTracksOptions } from './formats/bdd100k';
export { readMultiSportsCsv } from './formats/multisports';
export type { BoxTrackVideo } from './formats/box-tracks';
export {
  convertMasks,
  videoFolderName,
  SOURCE_FORMATS,
  TARGET_FORMATS,
  type ConvertMasksOptions,
  type ConvertMasksResult,
  type SourceFormat,
  type TargetFormat,
} from './convert';
export { segmentVideo, type SegmentVideoOptions, type VideoFrame } from './tracker';
export {
  createGroundingDinoBackend,
  decodeDetections,
  type DetectorBackendV1,
  type Detection,
  type DetectCallOptions,
  type DetectResult,
  type GroundingDinoSettings,
} from './onnx/grounding-dino';
export {
  encodeGroundingPrompt,
  groundingCaption,
  loadTokenizer,
  MAX_TEXT_LENGTH,
  type GroundingPrompt,
} from './onnx/grounding-prompt';
export {
  createSam2Backend,
  SAM2_IMAGE_SIZE,
  SAM2_LOW_RES,
  type MaskBackendV1,
  type ImageEmbedding,
  type MaskPrompt,
  type PredictedMask,
  type Sam2Settings,
} from './onnx/sam2';
export {
  imageToNormalizedChw,
  logitsToMask,
  maskBounds,
  maskIou,
  IMAGENET_MEAN,
  IMAGENET_STD,
  type RgbImage,
} from './onnx/image';
export {
  readVideoFrames,
  readFrameFolder,
  probeVideo,
  type FfmpegOptions,
  type ReadVideoFramesOptions,
} from './frames';
