/** The KITTI tracking reader's declaration (discovered by `@stkit/datasets/registry`). */
import { defineDatasetReader } from '../reader-definition';
import type { KittiReadOptions } from './kitti-reader';

export default defineDatasetReader<KittiReadOptions>({
  id: 'kitti',
  title: 'KITTI tracking',
  layout: '`tracking/training/{label_02,oxts,calib,image_02}/<seq>.*`',
  common: ['split'],
  options: { sequences: { type: 'list', description: 'only these sequences, comma-separated (e.g. 0001)' } },
  create: async () => (await import('./kitti-reader')).createKittiReader(),
});
