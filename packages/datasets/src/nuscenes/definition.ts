/** The nuScenes reader's declaration (discovered by `@stkit/datasets/registry`). */
import { defineDatasetReader } from '../reader-definition';
import type { NuScenesReadOptions } from './nuscenes-reader';

export default defineDatasetReader<NuScenesReadOptions>({
  id: 'nuscenes',
  title: 'nuScenes v1.0',
  layout: '`v1.0-*/scene.json …` (tables read as streams), `samples/CAM_*/…jpg`',
  common: ['version', 'split', 'camera'],
  options: { scenes: { type: 'list', description: 'only these scene names, comma-separated (e.g. scene-0061)' } },
  create: async () => (await import('./nuscenes-reader')).createNuScenesReader(),
});
