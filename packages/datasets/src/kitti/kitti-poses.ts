/**
 * The KITTI world frame, as the KITTI devkit / pykitti build it from oxts
 * packets (pykitti `utils.pose_from_oxts_packet`): Mercator projection with
 * the scale `cos(lat₀)` of the first packet, `R = Rz(yaw)·Ry(pitch)·Rx(roll)`,
 * translation relative to the first packet's position. The result is
 * `world_from_imu`: metric, x east, y north, z up (gravity-aligned).
 */
import type { KittiCalib, OxtsPacket } from './kitti-text';

/** Earth radius used by the devkit, metres. */
export const KITTI_EARTH_RADIUS = 6378137;

/**
 * Row-major 4×4 `world_from_imu` per packet.
 * @param packets - the sequence's oxts packets, in frame order.
 * @returns one pose per packet (Mercator projection with the first packet as origin, as pykitti does).
 */
export function oxtsToPoses(packets: readonly OxtsPacket[]): Float64Array[] {
  if (packets.length === 0) return [];
  const scale = Math.cos((packets[0]!.lat * Math.PI) / 180);
  const mercator = (p: OxtsPacket): [number, number, number] => [
    (scale * p.lon * Math.PI * KITTI_EARTH_RADIUS) / 180,
    scale * KITTI_EARTH_RADIUS * Math.log(Math.tan(((90 + p.lat) * Math.PI) / 360)),
    p.alt,
  ];
  const origin = mercator(packets[0]!);
  return packets.map((p) => {
    const t = mercator(p);
    const [cr, sr, cp, sp, cy, sy] = [
      Math.cos(p.roll),
      Math.sin(p.roll),
      Math.cos(p.pitch),
      Math.sin(p.pitch),
      Math.cos(p.yaw),
      Math.sin(p.yaw),
    ];
    // Rz(yaw)·Ry(pitch)·Rx(roll), expanded.
    return Float64Array.of(
      cy * cp,
      cy * sp * sr - sy * cr,
      cy * sp * cr + sy * sr,
      t[0] - origin[0],
      sy * cp,
      sy * sp * sr + cy * cr,
      sy * sp * cr - cy * sr,
      t[1] - origin[1],
      -sp,
      cp * sr,
      cp * cr,
      t[2] - origin[2],
      0,
      0,
      0,
      1,
    );
  });
}

/** A row-major 3×4 (or 3×3) as a 4×4. */
export function toMat4(m: readonly number[]): Float64Array {
  if (m.length === 9)
    return Float64Array.of(m[0]!, m[1]!, m[2]!, 0, m[3]!, m[4]!, m[5]!, 0, m[6]!, m[7]!, m[8]!, 0, 0, 0, 0, 1);
  return Float64Array.of(...m.slice(0, 12), 0, 0, 0, 1);
}

/** Pinhole intrinsics of `P2` and the translation `cam2_from_rect` it carries (`P2 = K·[I | t]`). */
export function splitProjection(p: readonly number[]): {
  fx: number;
  fy: number;
  cx: number;
  cy: number;
  cam2FromRect: Float64Array;
} {
  const fx = p[0]!,
    cx = p[2]!,
    fy = p[5]!,
    cy = p[6]!;
  const tz = p[11]!;
  const tx = (p[3]! - cx * tz) / fx;
  const ty = (p[7]! - cy * tz) / fy;
  return { fx, fy, cx, cy, cam2FromRect: Float64Array.of(1, 0, 0, tx, 0, 1, 0, ty, 0, 0, 1, tz, 0, 0, 0, 1) };
}

/** `rect_from_imu = R_rect · Tr_velo_cam · Tr_imu_velo` (imu → velodyne → camera 0 → rectified). */
export function rectFromImu(calib: KittiCalib): Float64Array {
  return mul(mul(toMat4(calib.R_rect), toMat4(calib.Tr_velo_cam)), toMat4(calib.Tr_imu_velo));
}

/** General 4×4 product (the calib matrices are not exactly orthonormal, so no rigid shortcuts). */
export function mul(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(16);
  for (let r = 0; r < 4; r++)
    for (let c = 0; c < 4; c++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += a[r * 4 + k]! * b[k * 4 + c]!;
      out[r * 4 + c] = s;
    }
  return out;
}

/** General 4×4 inverse (Gauss–Jordan with partial pivoting). */
export function invert(m: ArrayLike<number>): Float64Array {
  const a = Array.from({ length: 4 }, (_, r) => [
    ...Array.from({ length: 4 }, (_, c) => m[r * 4 + c]!),
    ...[0, 1, 2, 3].map((c) => (c === r ? 1 : 0)),
  ]);
  for (let col = 0; col < 4; col++) {
    let pivot = col;
    for (let r = col + 1; r < 4; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]![col]!;
    for (let c = 0; c < 8; c++) a[col]![c]! /= p;
    for (let r = 0; r < 4; r++) {
      if (r === col) continue;
      const f = a[r]![col]!;
      for (let c = 0; c < 8; c++) a[r]![c]! -= f * a[col]![c]!;
    }
  }
  return Float64Array.from(a.flatMap((row) => row.slice(4)));
}
