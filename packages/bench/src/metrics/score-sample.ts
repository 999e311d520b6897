/**
 * Scores one extracted prediction against its sample's label ([definitions §6](docs/pages/definitions.md#benchmark)).
 * Errors are in the units the paper reports: metres for distance, km/h for
 * speed, clock hours for direction.
 */
import type { Sample, TaskId } from '@stkit/core';
import type { Prediction } from '../extract/types';
import { clockError, isWithinBand, meanRelativeAccuracy, temporalIou } from './primitives';

/** The score of one sample. */
export interface SampleScore {
  readonly id: string;
  readonly task: TaskId;
  /** Whether the response counts as correct (false when nothing was extracted). */
  readonly correct: boolean;
  /** Whether a value could be extracted from the response. */
  readonly extracted: boolean;
  /** Absolute error: metres (distance), km/h (speed), clock hours (direction); absent for other tasks or when nothing was extracted. */
  readonly error?: number;
  /** Temporal IoU (direction timestamp), when extracted. */
  readonly iou?: number;
  /** Mean Relative Accuracy (distance and speed only; 0 when no value was extracted). */
  readonly mra?: number;
  /** True when the predictions file had no line for this sample (scored as wrong). */
  readonly missing?: boolean;
}

/** IoU at or above which a direction-timestamp prediction is correct. */
export const IOU_THRESHOLD = 0.5;
const KMH_PER_MPS = 3.6;

/** Scores `prediction` (undefined: nothing extracted) for `sample`. A prediction of another task's kind is wrong. */
export function scoreSample(sample: Sample, prediction: Prediction | undefined): SampleScore {
  const base = { id: sample.id, task: sample.task };
  // Distance and speed carry their MRA whatever was extracted (0 without a value of the task's kind).
  const mra =
    sample.task === 'traveled_distance'
      ? {
          mra: meanRelativeAccuracy(
            prediction?.kind === 'distance' ? prediction.meters : undefined,
            sample.label.meters,
          ),
        }
      : sample.task === 'traveling_speed'
        ? {
            mra: meanRelativeAccuracy(
              prediction?.kind === 'speed' ? prediction.metersPerSecond : undefined,
              sample.label.metersPerSecond,
            ),
          }
        : {};
  const wrong: SampleScore = { ...base, correct: false, extracted: prediction !== undefined, ...mra };
  if (prediction === undefined) return wrong;
  if (prediction.kind === 'judged') return { ...base, correct: prediction.correct, extracted: true };
  switch (sample.task) {
    case 'traveled_distance':
      if (prediction.kind !== 'distance') return wrong;
      return {
        ...base,
        extracted: true,
        correct: isWithinBand(prediction.meters, sample.label.meters),
        error: Math.abs(prediction.meters - sample.label.meters),
        ...mra,
      };
    case 'traveling_speed':
      if (prediction.kind !== 'speed') return wrong;
      return {
        ...base,
        extracted: true,
        correct: isWithinBand(prediction.metersPerSecond, sample.label.metersPerSecond),
        error: Math.abs(prediction.metersPerSecond - sample.label.metersPerSecond) * KMH_PER_MPS,
        ...mra,
      };
    case 'movement_direction':
      if (prediction.kind !== 'clock') return wrong;
      return {
        ...base,
        extracted: true,
        correct: prediction.clock === sample.label.clock,
        error: clockError(prediction.clock, sample.label.clock),
      };
    case 'direction_timestamp': {
      if (prediction.kind !== 'interval') return wrong;
      const iou = temporalIou(prediction.start, prediction.end, sample.label.start, sample.label.end);
      return { ...base, extracted: true, correct: iou >= IOU_THRESHOLD, iou };
    }
    case 'traveled_distance_comparison':
    case 'traveling_speed_comparison':
      if (prediction.kind !== 'object') return wrong;
      return { ...base, extracted: true, correct: prediction.trackId === sample.label.answerTrackId };
    case 'movement_direction_comparison':
      if (prediction.kind !== 'same-direction') return wrong;
      return { ...base, extracted: true, correct: prediction.same === sample.label.same };
  }
}
