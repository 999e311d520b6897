/** The Argoverse 2 sensor reader's declaration (discovered by `@stkit/datasets/registry`). */
import { defineDatasetReader } from '../reader-definition';
import type { Argoverse2ReadOptions } from './argoverse2-reader';

export default defineDatasetReader<Argoverse2ReadOptions>({
  id: 'argoverse2',
  title: 'Argoverse 2 sensor',
  layout:
    '`<split>/<log>/annotations.feather`, `city_SE3_egovehicle.feather`, `calibration/`, `sensors/cameras/<camera>/<ns>.jpg`',
  common: ['split', 'camera'],
  options: { logs: { type: 'list', description: 'only these log folders, comma-separated' } },
  create: async () => (await import('./argoverse2-reader')).createArgoverse2Reader(),
});
