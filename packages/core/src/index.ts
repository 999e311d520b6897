/**
 * @packageDocumentation
 * Vocabulary of STKit: the zod schemas and types of the `Clip` and `Sample`
 * contracts, the `StkitError` family, a platform-independent seeded random
 * generator and unit conversions. The ONNX session factory is the `./onnx`
 * sub-path (it loads onnxruntime-node only when used).
 */
export {
  StkitError,
  InvalidArgumentError,
  DatasetFormatError,
  ShapeMismatchError,
  BackendLoadError,
  RemoteCallError,
  STKIT_ERROR_CODES,
} from './errors';
export * from './schemas';
export {
  parseClip,
  safeParseClip,
  parseSample,
  safeParseSample,
  parseJsonLine,
  formatIssuePath,
  type ParseLocation,
  type SafeParseResult,
} from './parse';
export { isValidSample } from './fast-validate';
export { createRandom, hashString32, type Random } from './random';
export {
  METERS_PER,
  METERS_PER_SECOND_PER,
  metersTo,
  toMeters,
  metersPerSecondTo,
  toMetersPerSecond,
  offsetTimestamp,
  GRID_STEP_SECONDS,
  MAX_CLIP_FRAMES,
  type LengthUnit,
  type SpeedUnit,
} from './units';
export type { Fact, FactOf } from './fact';
export { abortableSleep } from './abortable-sleep';
export {
  retryWithBackoff,
  backoffDelay,
  type RetryWithBackoffOptions,
  type RetryAttempt,
  type RetryDecision,
  type RetryGiveUp,
} from './retry';
export { sniffImageType } from './image-type';
export * from './masks/index';
