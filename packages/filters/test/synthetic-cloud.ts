/**
 * Seeded synthetic "lifted object" clouds for the DBSCAN agreement test and
 * benchmark: what lifting a segmentation mask through a depth map gives —
 * the visible faces of a car-sized box with depth noise along the camera
 * rays, flying pixels at mask edges spread along the rays, and a blob of
 * mask bleeding onto the ground behind the object.
 */
import { createRandom, type Random } from '@stkit/core';

function gaussian(random: Random): number {
  // Box–Muller (one value per call is enough here).
  const u = 1 - random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Options of {@link syntheticLiftedCloud}. */
export interface SyntheticCloudOptions {
  /** Number of points. */
  count: number;
  /** Seed of the generator. */
  seed: number | string;
  /** Fraction of flying pixels. @default 0.05 */
  outlierFraction?: number;
  /** Fraction of points in the bleeding blob. @default 0.08 */
  blobFraction?: number;
  /** Depth noise σ along the ray, metres. @default 0.03 */
  depthSigma?: number;
}

/** A flat row-major xyz cloud (metres, camera at the origin looking along +z). */
export function syntheticLiftedCloud(options: SyntheticCloudOptions): Float64Array {
  const random = createRandom(options.seed);
  const { count } = options;
  const outliers = Math.round(count * (options.outlierFraction ?? 0.05));
  const blob = Math.round(count * (options.blobFraction ?? 0.08));
  const surface = count - outliers - blob;
  const sigma = options.depthSigma ?? 0.03;
  const out = new Float64Array(3 * count);
  // Box 4.5 × 1.5 × 1.8 m (x, y, z), its near corner at (-1, 0, 12): two faces visible.
  for (let i = 0; i < surface; i++) {
    let x: number;
    let y: number;
    let z: number;
    if (random.next() < 0.6) {
      x = -1 + 4.5 * random.next();
      y = 1.5 * random.next();
      z = 12;
    } else {
      x = -1;
      y = 1.5 * random.next();
      z = 12 + 1.8 * random.next();
    }
    const scale = 1 + (sigma * gaussian(random)) / Math.hypot(x, y, z);
    out[3 * i] = x * scale;
    out[3 * i + 1] = y * scale;
    out[3 * i + 2] = z * scale;
  }
  for (let i = surface; i < surface + blob; i++) {
    out[3 * i] = 4 + 0.3 * gaussian(random);
    out[3 * i + 1] = 1.6 + 0.05 * gaussian(random);
    out[3 * i + 2] = 16 + 0.3 * gaussian(random);
  }
  for (let i = surface + blob; i < count; i++) {
    // A pixel of the mask edge whose depth is anywhere between 5 and 40 m.
    const x = -1 + 4.5 * random.next();
    const y = 1.5 * random.next();
    const depth = 5 + 35 * random.next();
    const norm = depth / Math.hypot(x, y, 12);
    out[3 * i] = x * norm;
    out[3 * i + 1] = y * norm;
    out[3 * i + 2] = 12 * norm;
  }
  // Shuffle so that clusters are not contiguous in index order (Fisher–Yates on rows).
  for (let i = count - 1; i > 0; i--) {
    const j = random.int(i + 1);
    for (let axis = 0; axis < 3; axis++) {
      const tmp = out[3 * i + axis]!;
      out[3 * i + axis] = out[3 * j + axis]!;
      out[3 * j + axis] = tmp;
    }
  }
  return out;
}

/**
 * The eps that gives about `neighbours` points per neighbourhood on the
 * surface of {@link syntheticLiftedCloud} of `count` points: the surface is a
 * slab of ~11.5 m² × ~0.1 m, so density ≈ 0.87·count / 1.15 m³.
 */
export function epsForNeighbours(count: number, neighbours: number): number {
  const density = (0.87 * count) / 1.15;
  return Math.cbrt((3 * neighbours) / (4 * Math.PI * density));
}
