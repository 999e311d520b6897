/**
 * Nearest-neighbour reordering of a centroid trajectory ([definitions §4](docs/pages/definitions.md#filtering), "for
 * spatio-temporal consistency"): starting from the first centroid, repeatedly
 * visit the nearest not-yet-visited centroid (ties: lower index). The visiting
 * order re-sequences the positions while the timestamps stay in place: the
 * k-th time gets the k-th visited position. A trajectory that is already
 * consistent comes back unchanged; a swapped pair of centroids is put back.
 */
import { ShapeMismatchError } from '@stkit/core';

/** Result of {@link nearestNeighbourOrder}. */
export interface NearestNeighbourOrderResult {
  /** `order[k]` = index of the input centroid placed at position k. */
  order: Int32Array;
  /** The reordered centroids, row-major `n × 3`. */
  centers: Float64Array;
  /** Whether any centroid moved. */
  changed: boolean;
}

/**
 * Greedy nearest-neighbour chain from the first centroid (O(n²), n ≤ 40 per clip).
 * @throws {@link ShapeMismatchError} when the array lengths do not match
 */
export function nearestNeighbourOrder(centers: Float64Array): NearestNeighbourOrderResult {
  if (centers.length % 3 !== 0)
    throw new ShapeMismatchError({ what: 'centers', expected: ['n', 3], actual: [centers.length / 3] });
  const n = centers.length / 3;
  const order = new Int32Array(n);
  const visited = new Uint8Array(n);
  const out = new Float64Array(3 * n);
  let changed = false;
  let current = 0;
  for (let k = 0; k < n; k++) {
    order[k] = current;
    visited[current] = 1;
    if (current !== k) changed = true;
    out[3 * k] = centers[3 * current]!;
    out[3 * k + 1] = centers[3 * current + 1]!;
    out[3 * k + 2] = centers[3 * current + 2]!;
    let best = -1;
    let bestDistance = Infinity;
    for (let other = 0; other < n; other++) {
      if (visited[other] === 1) continue;
      const dx = centers[3 * other]! - centers[3 * current]!;
      const dy = centers[3 * other + 1]! - centers[3 * current + 1]!;
      const dz = centers[3 * other + 2]! - centers[3 * current + 2]!;
      const distance = dx * dx + dy * dy + dz * dz;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = other;
      }
    }
    current = best;
  }
  return { order, centers: out, changed };
}
