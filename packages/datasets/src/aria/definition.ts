/** The Aria MPS / Ego-Exo4D reader's declaration (discovered by `@stkit/datasets/registry`). */
import { defineDatasetReader } from '../reader-definition';
import type { AriaReadOptions } from './aria-reader';

export default defineDatasetReader<AriaReadOptions>({
  id: 'aria',
  title: 'Aria MPS / Ego-Exo4D',
  layout:
    '`…/closed_loop_trajectory.csv` (+ `gopro_calibs.csv` for an Ego-Exo4D take); MPS-only recordings are camera-free (text-only samples)',
  common: ['camera'],
  options: {
    domain: {
      type: 'enum',
      values: ['driving', 'sports', 'general'],
      description: 'domain of the clips (default: sports for Ego-Exo4D takes, else general)',
    },
  },
  create: async () => (await import('./aria-reader')).createAriaReader(),
});
