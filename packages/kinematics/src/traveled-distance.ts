/**
 * Traveled distance and average speed ([definitions §2](docs/pages/definitions.md#distance-speed)).
 */

/**
 * Traveled distance over grid indices `start < end`:
 * `Σ_{k=start}^{end−1} ‖P_{k+1} − P_k‖₂` (3D, metres), defined only if the
 * object is present at every k in `[start, end]`.
 * @param positions - shape `[N, 3]` row-major.
 * @param present - length N, 1 = present.
 * @returns metres, or `undefined` when the object is absent somewhere in `[start, end]` or the indices are out of range.
 */
export function traveledDistance(
  positions: Float64Array,
  present: Uint8Array,
  start: number,
  end: number,
): number | undefined {
  if (!(start >= 0 && start < end && end < present.length)) return undefined;
  if (present[start] !== 1) return undefined;
  let sum = 0;
  for (let k = start; k < end; k++) {
    if (present[k + 1] !== 1) return undefined;
    const dx = positions[3 * k + 3]! - positions[3 * k]!;
    const dy = positions[3 * k + 4]! - positions[3 * k + 1]!;
    const dz = positions[3 * k + 5]! - positions[3 * k + 2]!;
    sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
  }
  return sum;
}

/**
 * Average speed over grid indices `start < end` = traveled distance / `(t_end − t_start)`, m/s.
 * @param frameTimes - grid times, clip seconds.
 * @returns m/s, or `undefined` where {@link traveledDistance} is undefined.
 */
export function averageSpeed(
  positions: Float64Array,
  present: Uint8Array,
  frameTimes: Float64Array,
  start: number,
  end: number,
): number | undefined {
  const distance = traveledDistance(positions, present, start, end);
  return distance === undefined ? undefined : distance / (frameTimes[end]! - frameTimes[start]!);
}
