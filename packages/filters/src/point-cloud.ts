/**
 * Point-cloud helpers around {@link dbscan}: keep the largest cluster,
 * centroid, and the [definitions §4](docs/pages/definitions.md#filtering) denoising step that combines them.
 * Clouds are flat row-major xyz `Float64Array`s (length 3n), metres.
 */
import { InvalidArgumentError, ShapeMismatchError } from '@stkit/core';
import { dbscan } from './dbscan';

/** A 3-vector. */
export type Vec3Tuple = [number, number, number];

/**
 * Label of the cluster with the most points, or −1 when there is no cluster.
 * Ties go to the lower label (the cluster discovered first).
 * @param labels - per-point cluster labels from DBSCAN (−1 = noise).
 * @param clusterCount - number of clusters (labels are 0 … clusterCount − 1).
 * @returns the label, or −1.
 */
export function largestClusterLabel(labels: Int32Array, clusterCount: number): number {
  if (clusterCount === 0) return -1;
  const sizes = new Int32Array(clusterCount);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label >= 0) sizes[label]!++;
  }
  let best = 0;
  for (let label = 1; label < clusterCount; label++) if (sizes[label]! > sizes[best]!) best = label;
  return best;
}

/**
 * The points whose label equals `label`, in their original order (a new array).
 * @throws {@link ShapeMismatchError} when the array lengths do not match
 */
export function selectCluster(points: Float64Array, labels: Int32Array, label: number): Float64Array {
  if (labels.length * 3 !== points.length)
    throw new ShapeMismatchError({ what: 'labels', expected: [points.length / 3], actual: [labels.length] });
  let count = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === label) count++;
  const out = new Float64Array(3 * count);
  let write = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== label) continue;
    out[write++] = points[3 * i]!;
    out[write++] = points[3 * i + 1]!;
    out[write++] = points[3 * i + 2]!;
  }
  return out;
}

/** Mean of the points; throws {@link InvalidArgumentError} for an empty cloud. */
export function centroid(points: Float64Array): Vec3Tuple {
  if (points.length % 3 !== 0)
    throw new ShapeMismatchError({ what: 'points', expected: ['n', 3], actual: [points.length / 3] });
  const n = points.length / 3;
  if (n === 0)
    throw new InvalidArgumentError({ argument: 'points', message: 'the centroid of an empty cloud is undefined' });
  let x = 0;
  let y = 0;
  let z = 0;
  for (let i = 0; i < n; i++) {
    x += points[3 * i]!;
    y += points[3 * i + 1]!;
    z += points[3 * i + 2]!;
  }
  return [x / n, y / n, z / n];
}

/** Options of {@link denoisePointCloud}. */
export interface DenoiseOptions {
  /** DBSCAN radius, metres. @default 0.1 (ours: the paper gives none; see README) */
  eps?: number;
  /** DBSCAN `min_samples`, the point itself included. @default 5 ([definitions §4](docs/pages/definitions.md#filtering)) */
  minPoints?: number;
}

/** Result of {@link denoisePointCloud}. */
export interface DenoiseResult {
  /** The points of the largest cluster (row-major xyz). Empty when every point was noise. */
  points: Float64Array;
  /** Number of points in the input. */
  inputCount: number;
  /** Number of DBSCAN clusters found. */
  clusterCount: number;
  /** Number of points DBSCAN labelled noise. */
  noiseCount: number;
}

/** [definitions §4](docs/pages/definitions.md#filtering) point-cloud denoising: DBSCAN, then keep only the largest cluster. */
export function denoisePointCloud(points: Float64Array, options: DenoiseOptions = {}): DenoiseResult {
  const { labels, clusterCount } = dbscan(points, { eps: options.eps ?? 0.1, minPoints: options.minPoints ?? 5 });
  let noiseCount = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === -1) noiseCount++;
  const best = largestClusterLabel(labels, clusterCount);
  return {
    points: best === -1 ? new Float64Array(0) : selectCluster(points, labels, best),
    inputCount: labels.length,
    clusterCount,
    noiseCount,
  };
}
