/** Small helpers shared by the Waymo readers. */

/** `[w, x, y, z]` of a rotation by `heading` radians about +z. */
export function quatFromHeading(heading: number): [number, number, number, number] {
  return [Math.cos(heading / 2), 0, 0, Math.sin(heading / 2)];
}
