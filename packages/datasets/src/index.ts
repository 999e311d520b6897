/**
 * @packageDocumentation
 * Readers that turn nuScenes, Argoverse 2, nuPlan, Aria MPS / Ego-Exo4D and
 * KITTI tracking logs into STKit `Clip`s, and drawing of the visual-prompt
 * boxes on frames. Each reader is also its own sub-path
 * (`@stkit/datasets/argoverse2`, …) so that its heavy dependencies load only
 * when it is used.
 */
export type { ReadClipsOptions, ClipReadEvent, DatasetReader, UnitProgress } from './reader';
export * from './argoverse2/index';
export * from './kitti/index';
export * from './aria/index';
export * from './nuscenes/index';
export * from './nuplan/index';
export * from './frames/index';
