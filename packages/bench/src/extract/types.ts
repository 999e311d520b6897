/**
 * What an extractor reads out of a model's free-form response, per task.
 * Values are SI: metres, metres per second, clip seconds.
 */

/** A distance read from a response (`traveled_distance`). */
export interface DistancePrediction {
  readonly kind: 'distance';
  /** Metres. */
  readonly meters: number;
}

/** A speed read from a response (`traveling_speed`). */
export interface SpeedPrediction {
  readonly kind: 'speed';
  /** Metres per second. */
  readonly metersPerSecond: number;
}

/** A clock direction 1–12 (`movement_direction`). */
export interface ClockPrediction {
  readonly kind: 'clock';
  /** 1–12; 12 is the object's initial direction of motion. */
  readonly clock: number;
}

/** A time interval in clip seconds (`direction_timestamp`). */
export interface IntervalPrediction {
  readonly kind: 'interval';
  /** Clip seconds, `start ≤ end`. */
  readonly start: number;
  /** Clip seconds. */
  readonly end: number;
}

/** The object a distance/speed comparison response picks as the answer to its question. */
export interface ObjectPrediction {
  readonly kind: 'object';
  /** Colour name of the picked object's box, as in `sample.objects`. */
  readonly color: string;
  /** Track id of the picked object. */
  readonly trackId: string;
}

/** Whether a direction-comparison response says the two objects move the same way. */
export interface SameDirectionPrediction {
  readonly kind: 'same-direction';
  /** True for "same direction", false for "different direction". */
  readonly same: boolean;
}

/** A verdict given directly by an LLM judge (the paper's comparison extraction prompts return 0 or 1). */
export interface JudgedPrediction {
  readonly kind: 'judged';
  /** Whether the judge said the response matches the correct answer. */
  readonly correct: boolean;
}

/** Any extracted prediction. */
export type Prediction =
  | DistancePrediction
  | SpeedPrediction
  | ClockPrediction
  | IntervalPrediction
  | ObjectPrediction
  | SameDirectionPrediction
  | JudgedPrediction;
