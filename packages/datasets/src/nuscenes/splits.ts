/**
 * The official nuScenes scene splits (nuscenes-devkit
 * `python-sdk/nuscenes/utils/splits.py`), as scene-number ranges. `train` is
 * every scene of v1.0-trainval that is not in `val` (the devkit lists the
 * same 700 scenes explicitly); `test` is every scene of v1.0-test.
 */
import { InvalidArgumentError } from '@stkit/core';

const VAL_RANGES =
  '3,12-18,35-36,38-39,92-110,221,268-278,329-332,344-346,519-524,552-565,625-627,629-630,632-638,770-771,775,777-778,780-784,794-800,802,904-917,919-931,962-963,966-969,971-972,1059-1073';
const MINI_TRAIN = '61,553,655,757,796,1077,1094,1100';
const MINI_VAL = '103,916';

function sceneNames(ranges: string): Set<string> {
  const names = new Set<string>();
  for (const part of ranges.split(',')) {
    const [from, to] = part.split('-').map(Number) as [number, number | undefined];
    for (let n = from; n <= (to ?? from); n++) names.add(`scene-${String(n).padStart(4, '0')}`);
  }
  return names;
}

/** The known split names. */
export const NUSCENES_SPLITS = ['train', 'val', 'test', 'mini_train', 'mini_val'] as const;

/** A predicate on scene names for `split`, or `undefined` for all scenes. */
export function nuScenesSplitFilter(split: string | undefined): ((sceneName: string) => boolean) | undefined {
  if (split === undefined) return undefined;
  switch (split) {
    case 'val': {
      const names = sceneNames(VAL_RANGES);
      return (name) => names.has(name);
    }
    case 'train': {
      const names = sceneNames(VAL_RANGES);
      return (name) => !names.has(name);
    }
    case 'test':
      return () => true;
    case 'mini_train': {
      const names = sceneNames(MINI_TRAIN);
      return (name) => names.has(name);
    }
    case 'mini_val': {
      const names = sceneNames(MINI_VAL);
      return (name) => names.has(name);
    }
    default:
      throw new InvalidArgumentError({
        argument: 'split',
        value: split,
        message: `unknown nuScenes split; known: ${NUSCENES_SPLITS.join(', ')}`,
      });
  }
}
