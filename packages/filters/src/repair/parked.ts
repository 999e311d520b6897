/**
 * Is a lifted trajectory's apparent motion explained by depth and mask noise
 * (ours)? A parked car seen from an approaching camera does not stay put in
 * pseudo-labels: the depth's scale error (a few per cent of the range), the
 * per-frame depth wobble and the slide of the visible surface as the viewing
 * angle changes move its estimated centre by a metre or more, mostly along the
 * viewing ray, and SPEC §2's 0.5 m stationary rule (made for annotated boxes
 * that jitter by centimetres) then sees motion that is not there.
 *
 * The test: each frame's position gets a tolerance ellipse on the ground plane,
 * its axes along and across that frame's horizontal viewing ray,
 *
 * - along the ray: `floor + rangeFraction · range + extentFraction · extent`,
 * - across it: `floor + acrossFraction · range + extentFraction · extent`,
 *
 * (range = ground distance camera → object in that frame; extent = the
 * object's median cloud size). The static position is the weighted
 * least-squares point under those ellipses (weights W_k = r rᵀ/a² + s sᵀ/c²,
 * a few Huber-reweighted rounds so a stray frame does not pull it), and each
 * frame's normalised residual is `z_k = √(e_kᵀ W_k e_k)` (z ≤ 1: inside its
 * ellipse). The track is parked when the `quantile` (0.8) of the z_k is ≤ 1:
 * at least 80 % of its frames sit inside their noise ellipse around one point.
 * A track judged parked is *repaired*: every position is snapped to that point,
 * so kinematics' stationary rule gives it no distance, speed or direction
 * question and a distance/speed comparison value of 0.
 *
 * Detection limit: an object that moves by less than about 2.5 tolerances over
 * its whole presence looks parked (e.g. across the ray at 40 m: ~2.2 m; along
 * it: ~4 m). A per-track depth-scale factor was tried and left out: on a camera
 * driving straight it is the same unknown as slow motion along the road.
 */
import { InvalidArgumentError } from '@stkit/core';
import { groundFrame } from './ground-plane';

/** Options of {@link testParked}; every number is ours. */
export interface ParkedTestOptions {
  /** Tolerance floor, metres (mask and centre noise at any range). @default 0.3 */
  floor?: number;
  /** Along-ray tolerance per metre of range (depth scale error and wobble). @default 0.03 */
  rangeFraction?: number;
  /** Across-ray tolerance per metre of range (silhouette noise, camera rotation). @default 0.01 */
  acrossFraction?: number;
  /** Tolerance per metre of the object's extent (the visible surface slides with the viewing angle). @default 0.1 */
  extentFraction?: number;
  /** Share of frames that must sit inside their ellipse. @default 0.8 */
  quantile?: number;
}

/** Input of {@link testParked}. */
export interface ParkedTestInput {
  /** Per-frame object centres, row-major `n × 3`, metres. */
  positions: Float64Array;
  /** Per-frame camera centre (same frame order); `undefined` where unknown (then the tolerance is round, without range terms). */
  cameras?: readonly (readonly [number, number, number] | undefined)[];
  /** World up vector. */
  up: readonly [number, number, number];
  /** The object's size (median cloud extent), metres. @default 0 */
  extent?: number;
}

/** What {@link testParked} decided, and why (for the filter report). */
export interface ParkedVerdict {
  parked: boolean;
  /** The static position (ground point from the weighted fit, median height), metres. */
  position: [number, number, number];
  /** The `quantile` of the normalised residuals (parked when ≤ 1). */
  statistic: number;
  /** Largest ground-plane distance of a frame from the static position, metres. */
  maxOffset: number;
  /** Median along-ray and across-ray tolerance over the frames, metres. */
  tolerance: { along: number; across: number };
  /** One sentence for the report. */
  reason: string;
}

function quantileOf(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position),
    high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

function checkNumber(name: string, value: number, low: number, high = Infinity): void {
  if (!(Number.isFinite(value) && value >= low && value <= high))
    throw new InvalidArgumentError({ argument: name, value, message: `must be a finite number in [${low}, ${high}]` });
}

/**
 * Decides whether a trajectory is a parked object whose apparent motion is depth/mask noise; see the module comment.
 * @throws {@link InvalidArgumentError} for `positions` (length not a multiple of 3, fewer than 2 frames, not finite), `cameras` (length), `up` (zero) or an option out of range
 */
export function testParked(input: ParkedTestInput, options: ParkedTestOptions = {}): ParkedVerdict {
  const floor = options.floor ?? 0.3,
    rangeFraction = options.rangeFraction ?? 0.03,
    acrossFraction = options.acrossFraction ?? 0.01;
  const extentFraction = options.extentFraction ?? 0.1,
    quantile = options.quantile ?? 0.8,
    extent = input.extent ?? 0;
  checkNumber('floor', floor, 1e-6);
  checkNumber('rangeFraction', rangeFraction, 0);
  checkNumber('acrossFraction', acrossFraction, 0);
  checkNumber('extentFraction', extentFraction, 0);
  checkNumber('quantile', quantile, 0, 1);
  checkNumber('extent', extent, 0);
  const { positions } = input;
  if (positions.length % 3 !== 0 || positions.length < 6)
    throw new InvalidArgumentError({
      argument: 'positions',
      value: positions.length,
      message: 'must hold n × 3 numbers with n ≥ 2',
    });
  if (!positions.every(Number.isFinite))
    throw new InvalidArgumentError({ argument: 'positions', message: 'must be finite' });
  const n = positions.length / 3;
  if (input.cameras && input.cameras.length !== n)
    throw new InvalidArgumentError({
      argument: 'cameras',
      value: input.cameras.length,
      message: `must have one entry per frame (${n})`,
    });
  const { u, e1, e2, ground } = groundFrame(input.up);

  // Per frame: ground point, tolerance ellipse as the weight matrix W = r rᵀ/a² + s sᵀ/c².
  const points: [number, number][] = [],
    weights: [number, number, number][] = [],
    heights: number[] = [],
    alongs: number[] = [],
    acrosses: number[] = [];
  for (let k = 0; k < n; k++) {
    const g = ground(positions, 3 * k);
    points.push(g);
    heights.push(positions[3 * k]! * u[0] + positions[3 * k + 1]! * u[1] + positions[3 * k + 2]! * u[2]);
    const camera = input.cameras?.[k];
    let rx = 1,
      ry = 0,
      range = 0;
    if (camera) {
      if (!camera.every(Number.isFinite))
        throw new InvalidArgumentError({ argument: `cameras[${k}]`, message: 'must be finite' });
      const c = ground(camera);
      range = Math.hypot(g[0] - c[0], g[1] - c[1]);
      if (range > 1e-9) {
        rx = (g[0] - c[0]) / range;
        ry = (g[1] - c[1]) / range;
      }
    }
    const a = floor + rangeFraction * range + extentFraction * extent;
    const b = floor + acrossFraction * range + extentFraction * extent;
    alongs.push(a);
    acrosses.push(b);
    // r = (rx, ry), s = (−ry, rx).
    weights.push([
      (rx * rx) / (a * a) + (ry * ry) / (b * b),
      (rx * ry) / (a * a) - (rx * ry) / (b * b),
      (ry * ry) / (a * a) + (rx * rx) / (b * b),
    ]);
  }
  const zOf = (x: number, y: number, k: number): number => {
    const [w11, w12, w22] = weights[k]!,
      dx = points[k]![0] - x,
      dy = points[k]![1] - y;
    return Math.sqrt(Math.max(0, w11 * dx * dx + 2 * w12 * dx * dy + w22 * dy * dy));
  };
  // Weighted least squares, Huber-reweighted (residuals beyond 1.5 tolerances count linearly).
  let x = 0,
    y = 0;
  const robust = new Array<number>(n).fill(1);
  for (let round = 0; round < 5; round++) {
    let s11 = 0,
      s12 = 0,
      s22 = 0,
      b1 = 0,
      b2 = 0;
    for (let k = 0; k < n; k++) {
      const [w11, w12, w22] = weights[k]!,
        h = robust[k]!,
        [px, py] = points[k]!;
      s11 += h * w11;
      s12 += h * w12;
      s22 += h * w22;
      b1 += h * (w11 * px + w12 * py);
      b2 += h * (w12 * px + w22 * py);
    }
    const det = s11 * s22 - s12 * s12;
    x = (s22 * b1 - s12 * b2) / det;
    y = (s11 * b2 - s12 * b1) / det;
    for (let k = 0; k < n; k++) {
      const z = zOf(x, y, k);
      robust[k] = z <= 1.5 ? 1 : 1.5 / z;
    }
  }
  const z = points.map((_, k) => zOf(x, y, k));
  const statistic = quantileOf(z, quantile);
  const maxOffset = Math.max(...points.map(([px, py]) => Math.hypot(px - x, py - y)));
  const height = quantileOf(heights, 0.5);
  const position: [number, number, number] = [0, 1, 2].map((i) => x * e1[i]! + y * e2[i]! + height * u[i]!) as [
    number,
    number,
    number,
  ];
  const tolerance = { along: quantileOf(alongs, 0.5), across: quantileOf(acrosses, 0.5) };
  const parked = statistic <= 1;
  const share = Math.round(100 * quantile);
  const reason = parked
    ? `${share} % of its ${n} frames lie within the depth/mask noise (±${tolerance.along.toFixed(2)} m along the viewing ray, ±${tolerance.across.toFixed(2)} m across) of one point (largest offset ${maxOffset.toFixed(2)} m): parked, snapped to it`
    : `moves beyond the depth/mask noise (${share} % quantile of the normalised offsets ${statistic.toFixed(2)} > 1, largest offset ${maxOffset.toFixed(2)} m)`;
  return { parked, position, statistic, maxOffset, tolerance, reason };
}
