/** The two Waymo readers' declarations (discovered by `@stkit/datasets/registry`). */
import { defineDatasetReader } from '../reader-definition';
import type { WaymoMotionReadOptions } from './motion-reader';

const motion = defineDatasetReader<WaymoMotionReadOptions>({
  id: 'waymo-motion',
  title: 'Waymo Open Motion Dataset (scenarios)',
  layout: 'TFRecords of `Scenario` (`*.tfrecord`, `*.tfrecord-00000-of-01000`) anywhere under the root (`--split` = a subfolder); camera-free (text-only samples)',
  common: ['split'],
  options: { maxRecordBytes: { type: 'integer', min: 1, description: 'refuse records longer than this many bytes as corrupt (default 1 GiB)' } },
  create: async () => (await import('./motion-reader')).createWaymoMotionReader(),
});

export default [motion];
