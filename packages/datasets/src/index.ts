/**
 * @packageDocumentation
 * Readers that turn nuScenes, Argoverse 2, nuPlan, Aria MPS / Ego-Exo4D and KITTI tracking logs into STKit Clips in a metric world frame.
 */
export {};
