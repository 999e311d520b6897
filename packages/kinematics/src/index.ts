/**
 * @packageDocumentation
 * Kinematic grounding of STKit ([definitions §2](docs/pages/definitions.md#grid)): the 0.5 s frame grid, positions
 * with the 1.0 s interpolation rule, traveled distance, average speed,
 * reference and clock directions on the ground plane, direction runs,
 * longest gap-free presence, comparison rules, and `selectFacts`, which
 * chooses the facts of all seven tasks.
 */
export { selectFacts, type FactSelection } from './select-facts';
export {
  resolveSelectionOptions,
  DEFAULT_MAX_FACTS_PER_TASK,
  type FactSelectionOptions,
  type ResolvedSelectionOptions,
} from './selection-options';
export { REJECTION_REASONS, type RejectionReason } from './rejection-reasons';
export { ClipDataError } from './errors';
export {
  analyzeClip,
  analyzeTrack,
  createKinematicsWorkspace,
  type KinematicsWorkspace,
  type ClipKinematics,
  type TrackKinematics,
  type KinematicsOptions,
  type TrackScratch,
} from './clip-kinematics';
export { frameTimesOf, sampleTrackOnGrid, type TrackGrid, type GridSamplingOptions } from './frame-grid';
export { groundPlaneBasis, projectToGround } from './ground-plane';
export { traveledDistance, averageSpeed } from './traveled-distance';
export { isStationary, firstMovingIndex, labeledDistance, DEFAULT_STATIONARY_RADIUS_METERS } from './stationary';
export { clockwiseAngleDegrees, clockFromAngle, clockDirection, clockOfStep } from './clock-direction';
export {
  referenceDirection,
  stepClocks,
  lastStepClock,
  type ReferenceDirection,
  type ReferenceDirectionRule,
} from './step-directions';
export { directionRuns, uniqueRunClocks, type DirectionRun } from './direction-runs';
export { presenceSegments, longestPresence, type PresenceSegment } from './presence';
export { compareValues, compareDirections, angleBetweenDegrees, type DirectionComparisonRule } from './comparisons';
export { summarizePresence, type PresenceSummary } from './select-pairs';
export { pickBalanced, createPolarityBalancer } from './balanced-pick';
export {
  DEFAULT_TIME_EPSILON_SECONDS,
  LENGTH_TOLERANCE_METERS,
  ANGLE_TOLERANCE_DEGREES,
  RATIO_TOLERANCE,
} from './tolerances';
