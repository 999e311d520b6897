/**
 * @packageDocumentation
 * The STKit pipelines and the `stkit` CLI: Clips → QA samples (`generateQa`,
 * `stkit qa`), 3D-annotated logs → Clips → QA (`stkit gt`), resumable atomic
 * output shards and the built-in demo scene.
 */
export {
  generateGt,
  restrictToCameraView,
  type GenerateGtOptions,
  type GenerateGtResult,
  type GtReadEvent,
  type FrameRenderer,
} from './gt';
export {
  generateQa,
  type GenerateQaOptions,
  type GenerateQaResult,
  type QaProgress,
  type InvalidClipRecord,
} from './qa';
export {
  generateClipSamples,
  emptyTaskCounts,
  addTaskCounts,
  type ClipSamplesOptions,
  type TaskCounts,
} from './clip-samples';
export { readClipsJsonl, type ClipLine } from './clip-input';
export { createDemoClips, type DemoClipsOptions } from './demo-scene';
export { writeFileAtomic } from './atomic-write';
export { shardFileName, readCompleteShard, writeShard, type ShardMeta } from './shards';
export { createProgress, formatDuration, type Progress, type ProgressOptions } from './progress';
export { formatTaskSummary, formatRunReport } from './summary';
export {
  generatePseudo,
  gsam2MaskSource,
  summariseYield,
  formatPseudoReport,
  type GeneratePseudoOptions,
  type GeneratePseudoResult,
  type PseudoMaskSource,
  type PseudoObjectYield,
  type PseudoStage,
} from './pseudo';
export {
  streamPseudoScenes,
  clipWindows,
  GRID_SECONDS,
  MAX_CLIP_FRAMES,
  type StreamPseudoScenesOptions,
} from './pseudo/clip-scenes';
export { listFrameImages, decodeVideoFrames } from './pseudo/video-frames';
export {
  DEFAULT_PSEUDO_PROMPT,
  materialiseReconstruction,
  materialiseMetricDepth,
  materialiseSegmentation,
  type MaterialisedStage,
  type ModelStageCommon,
  type ReconstructionStageOptions,
  type MetricDepthStageOptions,
  type SegmentationStageOptions,
} from './pseudo/model-stages';
export { writeSampleViewer, type WriteSampleViewerOptions, type WriteSampleViewerResult } from './view/write-viewer';
