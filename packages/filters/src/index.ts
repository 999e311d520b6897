/**
 * @packageDocumentation
 * The three-stage pseudo-label filter of STKit ([definitions §4](docs/pages/definitions.md#filtering)): rule-based (DBSCAN,
 * detection confidences and areas, trajectory outliers, nearest-neighbour
 * reordering, 3D Kalman smoothing, scene size), general model-based (a VLM
 * judge over any OpenAI-compatible server) and task-specific model-based
 * (answer likelihood under a ground-truth-trained model), composed by
 * {@link filterPseudoLabels}. Every filter is usable on its own.
 */
export { dbscan, type DbscanOptions, type DbscanResult } from './dbscan';
export { buildUniformGrid, neighbourCells, type UniformGrid } from './spatial-grid';
export {
  centroid,
  denoisePointCloud,
  largestClusterLabel,
  selectCluster,
  type DenoiseOptions,
  type DenoiseResult,
  type Vec3Tuple,
} from './point-cloud';
export {
  boxArea,
  checkDetection,
  type Detection,
  type DetectionFilterOptions,
  type DetectionRejection,
} from './detection-filter';
export {
  checkTrajectoryOutliers,
  type TrajectoryOutlierOptions,
  type TrajectoryOutlierResult,
  type TrajectoryRejection,
} from './trajectory-outliers';
export { nearestNeighbourOrder, type NearestNeighbourOrderResult } from './nearest-neighbour-order';
export { smoothTrajectory, type KalmanSmoothingOptions, type KalmanSmoothingResult } from './kalman-smoothing';
export {
  checkTrackSize,
  cloudExtent,
  type SceneFilterOptions,
  type SceneRejection,
  type TrackSizeStats,
} from './scene-filter';
export type { PseudoCamera, PseudoObservation, PseudoScene, PseudoTrack } from './pseudo-scene';
export {
  applyRepairingFilters,
  selectHiddenFrames,
  type RepairingFilterOptions,
  type RepairingFilterResult,
  type RepairRejection,
  type TrackYield,
} from './repair/repairing-stage';
export {
  detectPoseGlitches,
  type CameraPoseLike,
  type PoseGlitchOptions,
  type PoseGlitchResult,
} from './repair/pose-glitches';
export {
  assessDirection,
  groundNoise,
  type DirectionNoiseInput,
  type DirectionNoiseOptions,
  type DirectionVerdict,
} from './repair/direction-noise';
export { findFrameOutliers, type FrameOutlierOptions } from './repair/frame-outliers';
export { testParked, type ParkedTestInput, type ParkedTestOptions, type ParkedVerdict } from './repair/parked';
export { robustCenter, estimateHalfDepth, type RobustCenterOptions } from './repair/robust-center';
export {
  applyRuleFilters,
  type ObservationRejection,
  type RuleFilterOptions,
  type RuleFilterResult,
  type TrackRejection,
} from './rule-stage';
export {
  GENERAL_FILTER_PROMPTS,
  GENERAL_FILTER_PROMPT_IDS,
  type GeneralFilterPromptId,
} from './vlm-judge/general-filter-prompts';
export { parseYesNo, type YesNo } from './vlm-judge/parse-yes-no';
export { prepareImage, sniffImageType, type ImageInput, type PreparedImage } from './vlm-judge/image-input';
export {
  createVlmJudge,
  type JudgeAnswer,
  type JudgeOptions,
  type JudgeResult,
  type VlmJudge,
  type VlmJudgeSettings,
} from './vlm-judge/vlm-judge';
export type { EndpointSettings } from './remote/endpoint';
export type { LikelihoodCallOptions, LikelihoodResult, LikelihoodScorerV1 } from './likelihood/likelihood-scorer';
export { answerLogLikelihood, type AnswerSpan, type CompletionLogprobs } from './likelihood/answer-span';
export {
  createCompletionsLikelihoodScorer,
  defaultRenderPrompt,
  type CompletionsScorerSettings,
  type ScoringPrompt,
} from './likelihood/completions-scorer';
export {
  applyLikelihoodFilter,
  LIKELIHOOD_THRESHOLDS,
  normalizeWithinTask,
  type LikelihoodFilterOptions,
  type LikelihoodFilterResult,
} from './likelihood/likelihood-filter';
export {
  filterPseudoLabels,
  type FilterPseudoLabelsOptions,
  type FilterPseudoLabelsResult,
  type FilterReport,
  type StageReport,
} from './filter-pseudo-labels';
export { formatFilterReport } from './format-filter-report';
