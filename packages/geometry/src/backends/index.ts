/**
 * Model backends of `@stkit/geometry`: Metric3D v2 depth and DUSt3R/MonST3R
 * pairwise pointmaps over ONNX (`@stkit/core/onnx`), the MonST3R pair graph,
 * precomputed MonST3R output folders, and a `.npy` reader.
 */
export type {
  DepthBackendV1,
  DepthCallOptions,
  DepthResult,
  PointmapBackendV1,
  PointmapCallOptions,
  PointmapResult,
  PointmapImageTransform,
  PairwisePointmap,
  SceneBackendV1,
  SceneCallOptions,
} from './types';
export { preprocessImage, type RgbImage, type PreprocessOptions } from './image-preprocess';
export { resizeWeights, type ResizeWeights } from './resize-weights';
export { resizeFloatMap, type ResizeFloatMapOptions } from './resize-float-map';
export { metric3dFixedLayout, metric3dDynamicLayout, type Metric3dLayout } from './metric3d-layout';
export { createMetric3dBackend, METRIC3D_MEAN, METRIC3D_STD, type Metric3dSettings } from './metric3d';
export { dust3rLayout, roundHalfEven, type Dust3rLayout } from './dust3r-layout';
export { makePairs, DEFAULT_SCENE_GRAPH, type MakePairsOptions } from './make-pairs';
export { createPairwisePointmapBackend, type PairwisePointmapSettings } from './pairwise-pointmap';
export { parseNpy, readNpy, type NpyArray, type NpyData } from './npy';
export { encodeNpy, writeNpy } from './npy-write';
export {
  METRIC_DEPTH_MAX_METRES,
  readMetricDepthFrame,
  metricDepthFileName,
  type ReadMetricDepthFrameOptions,
} from './metric-depth-folder';
export { openMonst3rOutput, type Monst3rCamera, type Monst3rStream } from './monst3r-stream';
export { createMonst3rWriter, writeMonst3rOutput, type Monst3rWriter } from './monst3r-write';
export { readMaskPng, type BinaryMask } from './png-mask';
export { readMonst3rOutput, type Monst3rFrame, type Monst3rScene, type ReadMonst3rOptions } from './monst3r-output';
export { createMonst3rSceneBackend, createMonst3rDepthBackend, type Monst3rPrecomputedSettings } from './precomputed';
