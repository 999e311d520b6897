/** The two Waymo readers' declarations (discovered by `@stkit/datasets/registry`). */
import { defineDatasetReader } from '../reader-definition';
import type { WaymoMotionReadOptions } from './motion-reader';
import type { WaymoReadOptions } from './perception-reader';

const motion = defineDatasetReader<WaymoMotionReadOptions>({
  id: 'waymo-motion',
  title: 'Waymo Open Motion Dataset (scenarios)',
  layout:
    'TFRecords of `Scenario` (`*.tfrecord`, `*.tfrecord-00000-of-01000`) anywhere under the root (`--split` = a subfolder); camera-free (text-only samples)',
  common: ['split'],
  options: {
    maxRecordBytes: {
      type: 'integer',
      min: 1,
      description: 'refuse records longer than this many bytes as corrupt (default 1 GiB)',
    },
  },
  create: async () => (await import('./motion-reader')).createWaymoMotionReader(),
});

const perception = defineDatasetReader<WaymoReadOptions>({
  id: 'waymo',
  title: 'Waymo Open Dataset perception (v1 Frame TFRecords, v2 parquet)',
  layout:
    'v1: `segment-*.tfrecord` (TFRecords of `Frame`, one segment each); v2: `{camera_image,camera_calibration,lidar_box,vehicle_pose}/<segment>.parquet`. `--camera FRONT|FRONT_LEFT|…` (default FRONT)',
  common: ['split', 'camera'],
  options: {
    maxRecordBytes: {
      type: 'integer',
      min: 1,
      description: 'refuse records longer than this many bytes as corrupt (default 1 GiB)',
    },
    imageToleranceSeconds: {
      type: 'number',
      min: 0,
      description: 'largest gap between a grid time and the frame whose image is used (default 0.05 s)',
    },
  },
  create: async () => (await import('./perception-reader')).createWaymoReader(),
});

export default [motion, perception];
