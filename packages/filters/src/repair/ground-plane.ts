/** A ground-plane basis for the repair tests (parked, direction): unit up `u` and e1, e2 ⟂ up. */
import { InvalidArgumentError } from '@stkit/core';

type Vec3 = readonly [number, number, number];

/** Unit up, the ground basis and the projection of a point (at offset i of a flat xyz array) onto it. */
export interface GroundFrame {
  u: Vec3;
  e1: Vec3;
  e2: Vec3;
  ground: (p: ArrayLike<number>, i?: number) => [number, number];
}

/**
 * The ground frame of an up vector (any length).
 * @throws {@link InvalidArgumentError} for `up`: must be a non-zero vector
 */
export function groundFrame(up: Vec3): GroundFrame {
  const length = Math.hypot(up[0], up[1], up[2]);
  if (!(length > 0))
    throw new InvalidArgumentError({ argument: 'up', value: up.join(','), message: 'must be a non-zero vector' });
  const u = [up[0] / length, up[1] / length, up[2] / length] as const;
  const seed = Math.abs(u[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const dot = seed[0]! * u[0] + seed[1]! * u[1] + seed[2]! * u[2];
  const raw = [seed[0]! - dot * u[0], seed[1]! - dot * u[1], seed[2]! - dot * u[2]];
  const n = Math.hypot(raw[0]!, raw[1]!, raw[2]!);
  const e1 = [raw[0]! / n, raw[1]! / n, raw[2]! / n] as const;
  const e2 = [u[1] * e1[2] - u[2] * e1[1], u[2] * e1[0] - u[0] * e1[2], u[0] * e1[1] - u[1] * e1[0]] as const;
  return {
    u,
    e1,
    e2,
    ground: (p, i = 0) => [
      p[i]! * e1[0] + p[i + 1]! * e1[1] + p[i + 2]! * e1[2],
      p[i]! * e2[0] + p[i + 1]! * e2[1] + p[i + 2]! * e2[2],
    ],
  };
}
