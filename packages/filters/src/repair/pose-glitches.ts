/**
 * Camera-pose glitch detection (ours; [definitions §4](docs/pages/definitions.md#filtering) is silent). A reconstruction
 * such as MonST3R occasionally puts one frame's camera off its path; every
 * object lifted in that frame then jumps by the same amount. A frame is a
 * glitch when its camera centre, or its orientation, departs from what its
 * two neighbours predict (their midpoint / the mean of their rotations) by
 * more than `positionFactor` (resp. `rotationFactor`) times the median of
 * that departure over the video, and by at least `minPositionJump` metres
 * (resp. `minRotationJumpDegrees`). The first and last frames are compared
 * with their one neighbour's extrapolation from the next two.
 */
import { InvalidArgumentError, ShapeMismatchError } from '@stkit/core';

/** Options of {@link detectPoseGlitches}. */
export interface PoseGlitchOptions {
  /** Departure over the median departure above which a frame is a glitch. @default 6 */
  positionFactor?: number;
  /** Smallest camera-centre departure that counts, metres (scene units before canonicalisation). @default 0.3 */
  minPositionJump?: number;
  /** @default 6 */
  rotationFactor?: number;
  /** @default 1.0 */
  minRotationJumpDegrees?: number;
}

/** A camera pose: rotation `[w, x, y, z]` (camera-to-world) and camera centre. */
export interface CameraPoseLike {
  readonly rotation: readonly [number, number, number, number];
  readonly translation: readonly [number, number, number];
}

/** Result of {@link detectPoseGlitches}. */
export interface PoseGlitchResult {
  /** Indices of the glitch frames, ascending. */
  glitches: number[];
  /** Per frame: camera-centre departure from the neighbours' prediction, metres. */
  positionDeparture: Float64Array;
  /** Per frame: rotation departure, degrees. */
  rotationDeparture: Float64Array;
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return 0;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** Angle in degrees between two unit quaternions (sign-insensitive). */
function quaternionAngleDegrees(a: readonly number[], b: readonly number[]): number {
  const dot = Math.abs(a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]! + a[3]! * b[3]!);
  return (2 * Math.acos(Math.min(1, dot)) * 180) / Math.PI;
}

/** Normalised sum of two quaternions in the same hemisphere (their rotation midpoint). */
function midQuaternion(a: readonly number[], b: readonly number[]): number[] {
  const sign = a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]! + a[3]! * b[3]! < 0 ? -1 : 1;
  const q = [a[0]! + sign * b[0]!, a[1]! + sign * b[1]!, a[2]! + sign * b[2]!, a[3]! + sign * b[3]!];
  const norm = Math.hypot(q[0]!, q[1]!, q[2]!, q[3]!);
  return q.map((v) => v / norm);
}

/**
 * Finds frames whose camera jumps against its neighbours; see the module comment.
 * @param poses - the reconstruction's camera poses, one per frame, in frame order.
 * @throws {@link InvalidArgumentError} on a bad argument: must be a finite number ≥ 0
 * @throws {@link ShapeMismatchError} when the array lengths do not match
 */
export function detectPoseGlitches(
  poses: readonly CameraPoseLike[],
  options: PoseGlitchOptions = {},
): PoseGlitchResult {
  const positionFactor = options.positionFactor ?? 6;
  const rotationFactor = options.rotationFactor ?? 6;
  const minJump = options.minPositionJump ?? 0.3;
  const minAngle = options.minRotationJumpDegrees ?? 1.0;
  for (const [name, value] of [
    ['positionFactor', positionFactor],
    ['rotationFactor', rotationFactor],
    ['minPositionJump', minJump],
    ['minRotationJumpDegrees', minAngle],
  ] as const) {
    if (!(Number.isFinite(value) && value >= 0))
      throw new InvalidArgumentError({ argument: name, value, message: 'must be a finite number ≥ 0' });
  }
  const n = poses.length;
  const positionDeparture = new Float64Array(n);
  const rotationDeparture = new Float64Array(n);
  if (n < 3) return { glitches: [], positionDeparture, rotationDeparture };
  for (let k = 0; k < n; k++) {
    const pose = poses[k]!;
    if (pose.rotation.length !== 4 || pose.translation.length !== 3)
      throw new ShapeMismatchError({
        what: `poses[${k}]`,
        expected: [4, 3],
        actual: [pose.rotation.length, pose.translation.length],
      });
  }
  for (let k = 0; k < n; k++) {
    const c = poses[k]!.translation;
    let predicted: number[];
    let rotation: number[];
    if (k === 0 || k === n - 1) {
      // Linear extrapolation from the two nearest frames on the inside.
      const a = poses[k === 0 ? 1 : n - 2]!,
        b = poses[k === 0 ? 2 : n - 3]!;
      predicted = [
        2 * a.translation[0] - b.translation[0],
        2 * a.translation[1] - b.translation[1],
        2 * a.translation[2] - b.translation[2],
      ];
      rotation = [...a.rotation];
    } else {
      const a = poses[k - 1]!,
        b = poses[k + 1]!;
      predicted = [
        (a.translation[0] + b.translation[0]) / 2,
        (a.translation[1] + b.translation[1]) / 2,
        (a.translation[2] + b.translation[2]) / 2,
      ];
      rotation = midQuaternion(a.rotation, b.rotation);
    }
    positionDeparture[k] = Math.hypot(c[0] - predicted[0]!, c[1] - predicted[1]!, c[2] - predicted[2]!);
    rotationDeparture[k] = quaternionAngleDegrees(poses[k]!.rotation, rotation);
  }
  // A glitch at k also disturbs the predictions of k − 1 and k + 1 (by half its size): the
  // medians are robust to that, and the neighbours are not flagged unless they exceed k.
  const positionMedian = median(positionDeparture);
  const rotationMedian = median(rotationDeparture);
  const flagged = (k: number): boolean =>
    (positionDeparture[k]! > minJump && positionDeparture[k]! > positionFactor * positionMedian) ||
    (rotationDeparture[k]! > minAngle && rotationDeparture[k]! > rotationFactor * rotationMedian);
  const glitches: number[] = [];
  for (let k = 0; k < n; k++) {
    if (!flagged(k)) continue;
    const score =
      positionDeparture[k]! / Math.max(minJump, positionMedian) +
      rotationDeparture[k]! / Math.max(minAngle, rotationMedian);
    const neighbourScore = (j: number): number =>
      j < 0 || j >= n
        ? 0
        : positionDeparture[j]! / Math.max(minJump, positionMedian) +
          rotationDeparture[j]! / Math.max(minAngle, rotationMedian);
    if (score >= neighbourScore(k - 1) && score >= neighbourScore(k + 1)) glitches.push(k);
  }
  return { glitches, positionDeparture, rotationDeparture };
}
