/**
 * The dataset readers of `@stkit/datasets`, loaded by id through their
 * sub-paths, so a run loads only the reader (and the native dependencies) it
 * uses.
 */
import type { GtReadEvent } from './gt';

/** Dataset ids accepted by `stkit gt`. */
export const DATASET_IDS = ['nuscenes', 'argoverse2', 'nuplan', 'aria', 'kitti'] as const;
/** A dataset id. */
export type DatasetId = (typeof DATASET_IDS)[number];

/** The part of a `DatasetReader` the pipeline uses. */
export interface LoadedReader {
  readonly dataset: string;
  readClips(options: {
    root: string;
    version?: string;
    split?: string;
    camera?: string;
    maxClips?: number;
    signal?: AbortSignal;
    onWarning?: (message: string) => void;
    onUnits?: (progress: { done: number; total: number; unit: string }) => void;
  }): AsyncIterable<GtReadEvent>;
}

/** Imports the reader of `dataset`. */
export async function loadDatasetReader(dataset: DatasetId): Promise<LoadedReader> {
  switch (dataset) {
    case 'argoverse2':
      return (await import('@stkit/datasets/argoverse2')).createArgoverse2Reader();
    case 'kitti':
      return (await import('@stkit/datasets/kitti')).createKittiReader();
    case 'aria':
      return (await import('@stkit/datasets/aria')).createAriaReader();
    case 'nuscenes':
      return (await import('@stkit/datasets/nuscenes')).createNuScenesReader();
    case 'nuplan':
      return (await import('@stkit/datasets/nuplan')).createNuPlanReader();
  }
}
