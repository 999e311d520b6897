/**
 * A per-frame object position that does not slide with the visible surface
 * (ours). The mean of a lifted mask is the centre of what the camera sees: the
 * rear and one side of a car, which slides along the body as the viewing angle
 * changes (a 12 m truck's centroid moves by metres while it drives straight).
 * A box projected on any line is symmetric about its centre, so:
 *
 * - across the viewing ray (horizontal and vertical): the midpoint of the
 *   cloud's extremes (2nd / 98th percentiles) — the silhouette, which the
 *   camera sees whole;
 * - along the viewing ray: the near face (2nd percentile of the ray
 *   coordinate, from the points above the lowest `groundFraction` of the
 *   object's height, so road pixels bleeding into the mask below the object do
 *   not pull it) plus half the object's depth along the ray, `halfDepth`,
 *   a per-track constant the caller estimates ({@link estimateHalfDepth}).
 */
import { InvalidArgumentError } from '@stkit/core';

/** Options of {@link robustCenter}. */
export interface RobustCenterOptions {
  /** World position of the camera that saw the cloud. */
  cameraPosition: readonly [number, number, number];
  /** World up vector (unit or not). */
  up: readonly [number, number, number];
  /** Half the object's depth along the viewing ray, metres. */
  halfDepth: number;
  /**
   * Offset from the median ray coordinate of the points to the centre, metres (a per-track constant, see
   * {@link estimateHalfDepth}); when given, it replaces `near face + halfDepth` along the ray.
   */
  medianOffset?: number;
  /** Lower share of the object's height ignored for the near face. @default 0.25 */
  groundFraction?: number;
  /** Percentile (0–50) used for the extremes. @default 0.5 */
  extremePercentile?: number;
}

/** Ray/cross/up coordinates of a cloud relative to the camera. */
export interface CloudFrame {
  /** Unit viewing ray (camera → median point, horizontal). */
  ray: [number, number, number];
  /** Unit horizontal direction across the ray. */
  across: [number, number, number];
  /** Unit up. */
  up: [number, number, number];
  /** Coordinates of every point along `ray`, `across`, `up` from the camera. */
  along: Float64Array;
  side: Float64Array;
  height: Float64Array;
}

function normalise(v: readonly number[]): [number, number, number] {
  const length = Math.hypot(v[0]!, v[1]!, v[2]!);
  return [v[0]! / length, v[1]! / length, v[2]! / length];
}

/** Percentile (0–100) of `values` by linear interpolation; sorts a copy. */
export function percentile(values: Float64Array, p: number): number {
  const sorted = Float64Array.from(values).sort();
  const position = ((sorted.length - 1) * p) / 100;
  const low = Math.floor(position),
    high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

/** Expresses a cloud in its horizontal viewing-ray frame. */
export function cloudFrame(
  points: Float64Array,
  cameraPosition: readonly [number, number, number],
  upVector: readonly [number, number, number],
): CloudFrame {
  const n = points.length / 3;
  if (n === 0)
    throw new InvalidArgumentError({ argument: 'points', message: 'the centre of an empty cloud is undefined' });
  const up = normalise(upVector);
  let mx = 0,
    my = 0,
    mz = 0;
  for (let i = 0; i < n; i++) {
    mx += points[3 * i]!;
    my += points[3 * i + 1]!;
    mz += points[3 * i + 2]!;
  }
  let dx = mx / n - cameraPosition[0],
    dy = my / n - cameraPosition[1],
    dz = mz / n - cameraPosition[2];
  const vertical = dx * up[0] + dy * up[1] + dz * up[2];
  dx -= vertical * up[0];
  dy -= vertical * up[1];
  dz -= vertical * up[2];
  if (Math.hypot(dx, dy, dz) < 1e-9)
    throw new InvalidArgumentError({ argument: 'points', message: 'the cloud is straight above or below the camera' });
  const ray = normalise([dx, dy, dz]);
  const across = normalise([
    ray[1] * up[2] - ray[2] * up[1],
    ray[2] * up[0] - ray[0] * up[2],
    ray[0] * up[1] - ray[1] * up[0],
  ]);
  const along = new Float64Array(n),
    side = new Float64Array(n),
    height = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const px = points[3 * i]! - cameraPosition[0],
      py = points[3 * i + 1]! - cameraPosition[1],
      pz = points[3 * i + 2]! - cameraPosition[2];
    along[i] = px * ray[0] + py * ray[1] + pz * ray[2];
    side[i] = px * across[0] + py * across[1] + pz * across[2];
    height[i] = px * up[0] + py * up[1] + pz * up[2];
  }
  return { ray, across, up, along, side, height };
}

/** The near face's ray coordinate and the visible depth extent (near face to far percentile) of a cloud. */
export function nearFace(
  frame: CloudFrame,
  groundFraction = 0.25,
  extremePercentile = 2,
): { near: number; visibleDepth: number; median: number } {
  const low = percentile(frame.height, extremePercentile),
    high = percentile(frame.height, 100 - extremePercentile);
  const cut = low + groundFraction * (high - low);
  const kept: number[] = [];
  for (let i = 0; i < frame.height.length; i++) if (frame.height[i]! >= cut) kept.push(frame.along[i]!);
  const along = kept.length >= 3 ? Float64Array.from(kept) : frame.along;
  const near = percentile(along, extremePercentile);
  return { near, visibleDepth: percentile(along, 100 - extremePercentile) - near, median: percentile(along, 50) };
}

/**
 * The slide-corrected centre of one frame's cloud; see the module comment.
 * @throws {@link InvalidArgumentError} for `halfDepth`: must be a number ≥ 0
 */
export function robustCenter(points: Float64Array, options: RobustCenterOptions): [number, number, number] {
  if (!(options.halfDepth >= 0))
    throw new InvalidArgumentError({
      argument: 'halfDepth',
      value: options.halfDepth,
      message: 'must be a number ≥ 0',
    });
  const p = options.extremePercentile ?? 0.5;
  const frame = cloudFrame(points, options.cameraPosition, options.up);
  const { near, median } = nearFace(frame, options.groundFraction ?? 0.25, p);
  // Along the ray: the median of the object's points (per-pixel depth noise, which grows with range,
  // biases any extreme percentile by ~2σ) plus the track's offset from that median to the centre.
  const along = options.medianOffset !== undefined ? median + options.medianOffset : near + options.halfDepth;
  // Across the ray, too, only the points above the lowest quarter: road pixels bleeding into the mask
  // under the object lie nearer the camera and so nearer the optical axis.
  const low = percentile(frame.height, p),
    high = percentile(frame.height, 100 - p);
  const cut = low + (options.groundFraction ?? 0.25) * (high - low);
  const upper: number[] = [];
  // …and only the points inside the object's depth slab: flying pixels trail behind its silhouette edges.
  const farLimit = near + 2 * options.halfDepth + 0.25;
  for (let i = 0; i < frame.side.length; i++)
    if (frame.height[i]! >= cut && frame.along[i]! <= farLimit) upper.push(frame.side[i]!);
  const sides = upper.length >= 3 ? Float64Array.from(upper) : frame.side;
  const side = (percentile(sides, p) + percentile(sides, 100 - p)) / 2;
  const height = (percentile(frame.height, p) + percentile(frame.height, 100 - p)) / 2;
  const c = options.cameraPosition;
  return [
    c[0] + along * frame.ray[0] + side * frame.across[0] + height * frame.up[0],
    c[1] + along * frame.ray[1] + side * frame.across[1] + height * frame.up[1],
    c[2] + along * frame.ray[2] + side * frame.across[2] + height * frame.up[2],
  ];
}

/**
 * Half the object's depth along the ray, per track: half the median visible
 * depth of its frames' clouds (frames seen nearly end-on show the whole
 * depth; the median resists the frames where a side slides out of view).
 * @param visibleDepths - the extent along the viewing ray of each frame's cloud, metres.
 * @returns metres.
 */
export function estimateHalfDepth(visibleDepths: readonly number[]): number {
  if (visibleDepths.length === 0) return 0;
  return percentile(Float64Array.from(visibleDepths), 50) / 2;
}
