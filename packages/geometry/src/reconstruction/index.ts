/**
 * 4D reconstruction: global alignment of pairwise pointmaps (MonST3R's
 * optimisation in TypeScript), canonicalisation of the scale to metric depth,
 * lifting 2D masks (bitmaps or COCO RLE) to world point clouds.
 * Conventions and the choices made are in RECONSTRUCTION.md.
 */
export type { PointmapPair, Scene4D, Scene4DFrame } from './types';
export { alignGlobally, type GlobalAlignmentOptions, type GlobalAlignmentResult } from './global-alignment';
export type { AlignmentTerm, AlignmentTermContext } from './alignment-term';
export { createTemporalSmoothnessTerm, type TemporalSmoothnessOptions } from './temporal-smoothness';
export { createFlowTerm, type FlowField, type FlowTermOptions } from './flow-term';
export {
  canonicalizeScale,
  type CanonicalizeScaleOptions,
  type CanonicalizeScaleResult,
  type ScaleSpread,
} from './canonical-scale';
export {
  liftMasks,
  type LiftMasksOptions,
  type LiftMasksResult,
  type LiftObject,
  type LiftedFrame,
  type MaskInput,
} from './lift-masks';
/** The COCO RLE codec lives in `@stkit/core`; re-exported here for existing imports. */
export { decodeCocoRle, decodeCocoRleCounts, cocoRleArea, type CocoRle } from '@stkit/core';
export { liftIdMap, estimateUpFromCameras, type LiftIdMapOptions } from './lift-id-map';
export { umeyamaSim3, type Sim3, type UmeyamaOptions } from './umeyama';
export { chainSceneToAnchor, type ChainSceneOptions, type ChainSceneResult } from './chain-scene';
export { absoluteTrajectoryError, type TrajectoryError } from './trajectory-error';
export { estimateFocal, type EstimateFocalOptions } from './estimate-focal';
