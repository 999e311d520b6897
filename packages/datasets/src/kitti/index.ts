/**
 * @packageDocumentation
 * KITTI tracking reader (`@stkit/datasets/kitti`): label_02 boxes placed in
 * the devkit's oxts world frame.
 */
export {
  createKittiReader,
  readKittiClips,
  kittiFrameTimestamp,
  KITTI_FRAME_RATE,
  KITTI_DEFAULT_IMAGE_SIZE,
  type KittiReadOptions,
} from './kitti-reader';
export {
  readKittiLabels,
  readKittiOxts,
  readKittiCalib,
  KITTI_LABEL_FIELDS,
  KITTI_OXTS_FIELDS,
  type KittiLabel,
  type OxtsPacket,
  type KittiCalib,
} from './kitti-text';
export { oxtsToPoses, KITTI_EARTH_RADIUS } from './kitti-poses';
