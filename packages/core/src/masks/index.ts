/**
 * The masks-and-tracks contract of the segment stage and the COCO RLE codec
 * (used by `@stkit/segment` and geometry's lifting).
 */
export {
  CocoRleSchema,
  MaskBoxSchema,
  MaskInstanceSchema,
  MaskFrameSchema,
  MaskTrackSchema,
  MaskSequenceSchema,
  MAX_INSTANCE_ID,
  type CocoRleMask,
  type MaskBox,
  type MaskInstance,
  type MaskFrame,
  type MaskTrack,
  type MaskSequence,
} from './schemas';
export {
  decodeCocoRle,
  decodeCocoRleCounts,
  encodeCocoRle,
  encodeCocoRleCounts,
  encodeIdMapCocoRle,
  paintCocoRle,
  cocoRleArea,
  cocoRleBounds,
  type CocoRle,
  type EncodeCocoRleOptions,
} from './coco-rle';
export { indexIdMap, type IdMapIndex } from './id-map-index';
