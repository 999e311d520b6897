/// <reference path="./types/kalman-filter.d.ts" />
/**
 * 3D Kalman smoothing of an object's centroid trajectory ([definitions §4](docs/pages/definitions.md#filtering): process
 * variance 1.0, measurement variance 1000), built on the `kalman-filter`
 * package: its filter runs the forward pass (predict/correct) and this module
 * adds the Rauch–Tung–Striebel backward pass (the package's own
 * forward–backward mode is documented but not shipped in 2.3).
 *
 * Motion model (ours; SPEC is silent): constant velocity, state
 * `[x, y, z, vx, vy, vz]`, transition `x += v·Δt` with Δt the real time
 * between samples (gaps allowed), process noise `q·I₆`, measurement noise
 * `r·I₃`. Why: objects in driving / sports clips move at roughly constant
 * velocity over 0.5 s steps, and a constant-position model with r/q = 1000
 * lags far behind a moving object and shortens its path. The README and
 * BENCHMARKS.md give the measurement behind the choice.
 */
import { InvalidArgumentError, ShapeMismatchError } from '@stkit/core';
import kalmanFilter from 'kalman-filter';
import { inverse, Matrix } from 'ml-matrix';

/** Options of {@link smoothTrajectory}. */
export interface KalmanSmoothingOptions {
  /** Process noise variance q (Q = q·I). @default 1.0 ([definitions §4](docs/pages/definitions.md#filtering)) */
  processVariance?: number;
  /** Measurement noise variance r, m² (R = r·I₃). @default 1000 ([definitions §4](docs/pages/definitions.md#filtering)) */
  measurementVariance?: number;
  /** Motion model. @default 'constant-velocity' (ours, see README) */
  model?: 'constant-velocity' | 'constant-position';
  /** `'forward-backward'`: RTS smoother over the whole trajectory; `'forward'`: causal filter only. @default 'forward-backward' */
  passMode?: 'forward' | 'forward-backward';
  /**
   * Per-sample factor on the measurement variance (length n, each finite and > 0): a sample known to be less
   * precise (e.g. an object mostly hidden in that frame) counts for less. @default 1 for every sample
   */
  measurementScale?: ArrayLike<number>;
}

/** Result of {@link smoothTrajectory}. */
export interface KalmanSmoothingResult {
  /** Smoothed positions, row-major `n × 3`, same unit and frame as the input. */
  positions: Float64Array;
}

/**
 * Prior variance of the initial state, relative to r: large enough that the
 * prior (first position, zero velocity) biases the estimate by ~1e-6 of the
 * measurement noise, small enough to stay well conditioned.
 */
const PRIOR_VARIANCE_FACTOR = 1e6;

/**
 * Smooths positions `centers` (row-major `n × 3`, metres) observed at `times`
 * (seconds, strictly increasing, length n).
 * @throws {@link ShapeMismatchError} when the array lengths do not match
 * @throws {@link InvalidArgumentError} on a bad argument: must be a finite number > 0
 * @throws {@link InvalidArgumentError} for `model`: must be 'constant-velocity' or 'constant-position'
 * @throws {@link InvalidArgumentError} for `passMode`: must be 'forward' or 'forward-backward'
 * @throws {@link InvalidArgumentError} on the other invalid inputs this function checks (the message names the value)
 */
export function smoothTrajectory(
  centers: Float64Array,
  times: ArrayLike<number>,
  options: KalmanSmoothingOptions = {},
): KalmanSmoothingResult {
  const q = options.processVariance ?? 1.0;
  const r = options.measurementVariance ?? 1000;
  const model = options.model ?? 'constant-velocity';
  const passMode = options.passMode ?? 'forward-backward';
  if (centers.length % 3 !== 0)
    throw new ShapeMismatchError({ what: 'centers', expected: ['n', 3], actual: [centers.length / 3] });
  const n = centers.length / 3;
  if (times.length !== n) throw new ShapeMismatchError({ what: 'times', expected: [n], actual: [times.length] });
  for (const [name, value] of [
    ['processVariance', q],
    ['measurementVariance', r],
  ] as const) {
    if (!(Number.isFinite(value) && value > 0))
      throw new InvalidArgumentError({ argument: name, value, message: 'must be a finite number > 0' });
  }
  if (model !== 'constant-velocity' && model !== 'constant-position') {
    throw new InvalidArgumentError({
      argument: 'model',
      value: model,
      message: "must be 'constant-velocity' or 'constant-position'",
    });
  }
  if (passMode !== 'forward' && passMode !== 'forward-backward') {
    throw new InvalidArgumentError({
      argument: 'passMode',
      value: passMode,
      message: "must be 'forward' or 'forward-backward'",
    });
  }
  for (let k = 0; k < n; k++) {
    if (!Number.isFinite(times[k]!) || (k > 0 && !(times[k]! > times[k - 1]!))) {
      throw new InvalidArgumentError({
        argument: `times[${k}]`,
        value: times[k],
        message: 'times must be finite and strictly increasing',
      });
    }
    if (
      !Number.isFinite(centers[3 * k]!) ||
      !Number.isFinite(centers[3 * k + 1]!) ||
      !Number.isFinite(centers[3 * k + 2]!)
    ) {
      throw new InvalidArgumentError({
        argument: `centers[${3 * k}..${3 * k + 2}]`,
        message: `position ${k} has a non-finite coordinate`,
      });
    }
  }
  const scale = options.measurementScale;
  if (scale !== undefined) {
    if (scale.length !== n)
      throw new ShapeMismatchError({ what: 'measurementScale', expected: [n], actual: [scale.length] });
    for (let k = 0; k < n; k++)
      if (!(Number.isFinite(scale[k]!) && scale[k]! > 0))
        throw new InvalidArgumentError({
          argument: `measurementScale[${k}]`,
          value: scale[k],
          message: 'must be a finite number > 0',
        });
  }
  if (n <= 1) return { positions: Float64Array.from(centers) };

  const dimension = model === 'constant-velocity' ? 6 : 3;
  const transitionAt = (index: number): number[][] => {
    const dt = index <= 0 ? 0 : times[index]! - times[index - 1]!;
    const matrix = Matrix.eye(dimension).to2DArray();
    if (dimension === 6) for (let axis = 0; axis < 3; axis++) matrix[axis]![axis + 3] = dt;
    return matrix;
  };
  const stateProjection = Matrix.zeros(3, dimension).to2DArray();
  for (let axis = 0; axis < 3; axis++) stateProjection[axis]![axis] = 1;
  const initMean = Array.from({ length: dimension }, (_, index) => [index < 3 ? centers[index]! : 0]);
  const filter = new kalmanFilter.KalmanFilter({
    observation: {
      dimension: 3,
      stateProjection,
      covariance:
        scale === undefined
          ? [r, r, r]
          : ({ index }) => {
              const v = r * scale[index]!;
              return [
                [v, 0, 0],
                [0, v, 0],
                [0, 0, v],
              ];
            },
    },
    dynamic: {
      dimension,
      // Start at the first measurement with an uninformative covariance, so the
      // estimate is not pulled towards the origin of the world frame.
      init: {
        mean: initMean,
        covariance: new Array(dimension).fill(PRIOR_VARIANCE_FACTOR * Math.max(r, 1)),
        index: -1,
      },
      transition: ({ index }) => transitionAt(index),
      covariance: new Array(dimension).fill(q),
    },
    logger: { info() {}, debug() {}, warn() {}, error() {} },
  });

  const predicted: { mean: number[][]; covariance: number[][] }[] = [];
  const corrected: { mean: number[][]; covariance: number[][] }[] = [];
  let previous = filter.getInitState();
  for (let k = 0; k < n; k++) {
    const prediction = filter.predict({ previousCorrected: previous, index: k });
    previous = filter.correct({
      predicted: prediction,
      observation: [centers[3 * k]!, centers[3 * k + 1]!, centers[3 * k + 2]!],
    });
    predicted.push(prediction);
    corrected.push(previous);
  }

  const states = corrected.map((state) => new Matrix(state.mean));
  if (passMode === 'forward-backward') {
    // Rauch–Tung–Striebel: x_k|n = x_k|k + C_k (x_k+1|n − x_k+1|k), C_k = P_k|k Fᵀ P_k+1|k⁻¹.
    for (let k = n - 2; k >= 0; k--) {
      const transition = new Matrix(transitionAt(k + 1));
      const gain = new Matrix(corrected[k]!.covariance)
        .mmul(transition.transpose())
        .mmul(inverse(new Matrix(predicted[k + 1]!.covariance)));
      states[k] = states[k]!.add(gain.mmul(states[k + 1]!.clone().sub(new Matrix(predicted[k + 1]!.mean))));
    }
  }
  const positions = new Float64Array(3 * n);
  for (let k = 0; k < n; k++) for (let axis = 0; axis < 3; axis++) positions[3 * k + axis] = states[k]!.get(axis, 0);
  return { positions };
}
