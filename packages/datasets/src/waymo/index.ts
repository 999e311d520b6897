/**
 * @packageDocumentation
 * Waymo Open Dataset readers (`@stkit/datasets/waymo`): Motion Dataset
 * scenarios (`waymo-motion`) and perception segments (`waymo`: v1 `Frame`
 * TFRecords and the v2 parquet layout), with TFRecord framing (both masked
 * CRC-32C checks) and protobuf decoding of only the fields used.
 */
export {
  createWaymoMotionReader,
  readWaymoMotionClips,
  scenarioClips,
  TFRECORD_FILE,
  type WaymoMotionReadOptions,
} from './motion-reader';
export {
  decodeScenario,
  WAYMO_MOTION_OBJECT_TYPES,
  type MotionScenario,
  type MotionTrack,
  type RecordPlace,
} from './scenario-decode';
export {
  readTfRecords,
  encodeTfRecords,
  TfRecordFormatError,
  DEFAULT_MAX_RECORD_BYTES,
  type TfRecord,
  type ReadTfRecordsOptions,
} from './tfrecord';
export { crc32c, maskedCrc32c } from './crc32c';
export { createWaymoReader, readWaymoClips, readV1Segment, type WaymoReadOptions } from './perception-reader';
export {
  decodeFrame,
  WAYMO_LABEL_TYPES,
  WAYMO_CAMERA_NAMES,
  type WaymoFrame,
  type WaymoCameraCalibration,
  type WaymoCameraImage,
  type WaymoLaserLabel,
} from './frame-decode';
export {
  segmentClips,
  cameraFromVehicle,
  intrinsicsOf,
  cameraNumber,
  type WaymoSegment,
  type SegmentFrame,
  type SegmentClipsOptions,
} from './segment-clips';
export { findV2Segments, readV2Segment, WAYMO_V2_COMPONENTS, V2_IMAGE_COLUMN } from './v2-parquet';
