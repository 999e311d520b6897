/**
 * Small value types shared by the math module.
 *
 * Conventions (used everywhere in `@stkit/geometry`):
 * - Quaternions are **w first**: `[w, x, y, z]` (Hamilton convention, `q·v·q*`
 *   rotates a vector). Formats that put w last (Project Aria, SciPy, ROS,
 *   Eigen's `coeffs()`) go through {@link quatFromXyzw} / {@link quatToXyzw}.
 * - Matrices are flat, **row-major** `Float64Array`s: a 3×3 rotation is 9
 *   numbers `[r00, r01, r02, r10, …]`, an SE(3) transform is a 4×4 of 16.
 * - Poses are named `target_from_source`: `world_from_camera` maps a point in
 *   camera coordinates to world coordinates, `p_world = R · p_camera + t`.
 * - Camera frame (OpenCV): x right, y down, z forward; pixel `(u, v)` has its
 *   centre at integer coordinates, `u = fx · x / z + cx`.
 * - Bulk points are flat arrays `[x0, y0, z0, x1, …]` (N×3, row-major).
 */
import type { Intrinsics } from '@stkit/core';

/** A 3-vector: a tuple or a typed array of at least 3 numbers. */
export type Vec3Like = readonly [number, number, number] | Float64Array | Float32Array;

/** A quaternion `[w, x, y, z]` (w first): a tuple or a typed array of 4 numbers. */
export type QuatLike = readonly [number, number, number, number] | Float64Array | Float32Array;

/** A 3×3 matrix, 9 numbers, row-major. */
export type Mat3Like = ArrayLike<number>;

/** A 4×4 rigid transform, 16 numbers, row-major (last row `0 0 0 1`). */
export type Mat4Like = ArrayLike<number>;

/** A rigid pose as in the `Clip` contract: `p_parent = R(rotation) · p_child + translation`. */
export interface PoseLike {
  /** Rotation `[w, x, y, z]`; need not be exactly unit length (it is normalised). */
  readonly rotation: QuatLike;
  /** Translation in the parent frame, metres. */
  readonly translation: Vec3Like;
}

/** Pinhole intrinsics in pixels, the shape of core's `IntrinsicsSchema`. */
export type PinholeIntrinsics = Intrinsics;

/** Pinhole intrinsics without an image size (enough to project and unproject). */
export interface FocalIntrinsics {
  /** Focal length along x, pixels. */
  readonly fx: number;
  /** Focal length along y, pixels. */
  readonly fy: number;
  /** Principal point x, pixels. */
  readonly cx: number;
  /** Principal point y, pixels. */
  readonly cy: number;
}
