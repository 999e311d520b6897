/**
 * `@stkit/bench/metrics`: the metric primitives behind `scoreSample` (band
 * test, clock error, temporal IoU, mean relative accuracy) and their
 * constants (SPEC §6). `scoreSample` and `aggregateScores` are on the main
 * entry.
 */
export {
  isWithinBand,
  clockError,
  temporalIou,
  meanRelativeAccuracy,
  MRA_THRESHOLDS,
  BAND_EPSILON,
} from './primitives';
export { IOU_THRESHOLD } from './score-sample';
