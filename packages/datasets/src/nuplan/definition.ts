/** The nuPlan reader's declaration (discovered by `@stkit/datasets/registry`). */
import { defineDatasetReader } from '../reader-definition';
import type { NuPlanReadOptions } from './nuplan-reader';

export default defineDatasetReader<NuPlanReadOptions>({
  id: 'nuplan',
  title: 'nuPlan',
  layout: '`splits/<split>/*.db` SQLite logs (+ `sensor_blobs/` for images)',
  common: ['split', 'camera'],
  options: {
    sensorRoot: { type: 'string', description: 'folder of the images (default <root>/sensor_blobs)' },
    logs: { type: 'list', description: 'only these log names (without .db), comma-separated' },
  },
  create: async () => (await import('./nuplan-reader')).createNuPlanReader(),
});
