import { describe, expect, it } from 'vitest';
import {
  quatConjugate,
  quatFromAxisAngle,
  quatFromMat3,
  quatFromXyzw,
  quatMultiply,
  quatNormalize,
  quatRotateVec3,
  quatSlerp,
  quatToMat3,
  quatToXyzw,
} from './quaternion';

const S = Math.SQRT1_2; // cos 45° = sin 45° = √2/2
const close = (actual: ArrayLike<number>, expected: readonly number[], digits = 12): void => {
  expect(actual.length).toBeGreaterThanOrEqual(expected.length);
  expected.forEach((value, index) => expect(actual[index]).toBeCloseTo(value, digits));
};

describe('quaternion', () => {
  it('converts between x-first and w-first orders', () => {
    // Aria file row qx,qy,qz,qw = 0.1,0.2,0.3,0.9 → [w,x,y,z] = [0.9,0.1,0.2,0.3]
    close(quatFromXyzw(new Float64Array(4), [0.1, 0.2, 0.3, 0.9]), [0.9, 0.1, 0.2, 0.3]);
    close(quatToXyzw(new Float64Array(4), [0.9, 0.1, 0.2, 0.3]), [0.1, 0.2, 0.3, 0.9]);
    const inPlace = Float64Array.of(0.1, 0.2, 0.3, 0.9);
    close(quatFromXyzw(inPlace, inPlace), [0.9, 0.1, 0.2, 0.3]);
  });

  it('normalises to unit length with w ≥ 0', () => {
    // [−2, 0, 0, 2] has length √8 = 2√2 → [−1/√2, 0, 0, 1/√2] → sign flip → [1/√2, 0, 0, −1/√2]
    close(quatNormalize(new Float64Array(4), [-2, 0, 0, 2]), [S, 0, 0, -S]);
    expect(Number.isNaN(quatNormalize(new Float64Array(4), [0, 0, 0, 0])[0])).toBe(true);
  });

  it('rotates vectors: 90° about z maps x to y', () => {
    // q = [cos45°, 0, 0, sin45°]; R_z(90°)·(1,0,0) = (0,1,0); ·(0,1,0) = (−1,0,0); z unchanged
    const q = [S, 0, 0, S] as const;
    close(quatRotateVec3(new Float64Array(3), q, [1, 0, 0]), [0, 1, 0]);
    close(quatRotateVec3(new Float64Array(3), q, [0, 1, 0]), [-1, 0, 0]);
    close(quatRotateVec3(new Float64Array(3), q, [0, 0, 5]), [0, 0, 5]);
    // 180° about x: [0,1,0,0]; (1,2,3) → (1,−2,−3)
    close(quatRotateVec3(new Float64Array(3), [0, 1, 0, 0], [1, 2, 3]), [1, -2, -3]);
  });

  it('multiplies in Hamilton order (a ⊗ b applies b first)', () => {
    // Rz(90°) ⊗ Rx(90°): x-axis first goes to x (Rx), then to y (Rz) → (0,1,0).
    // y-axis: Rx(90°) takes y→z, then Rz leaves z → (0,0,1).
    const rz = [S, 0, 0, S] as const,
      rx = [S, S, 0, 0] as const;
    const q = quatMultiply(new Float64Array(4), rz, rx);
    // Hand product: w = ½, x = ½, y = ½, z = ½ (w=S·S, x=S·S, y=S·S (az·bx), z=S·S)
    close(q, [0.5, 0.5, 0.5, 0.5]);
    close(quatRotateVec3(new Float64Array(3), q, [1, 0, 0]), [0, 1, 0]);
    close(quatRotateVec3(new Float64Array(3), q, [0, 1, 0]), [0, 0, 1]);
    // q ⊗ q* = identity, written in place into the first operand
    const a = Float64Array.from(q);
    quatMultiply(a, a, quatConjugate(new Float64Array(4), q));
    close(a, [1, 0, 0, 0]);
  });

  it('converts to and from rotation matrices', () => {
    // Rz(90°) = [[0,−1,0],[1,0,0],[0,0,1]] (row-major)
    close(quatToMat3(new Float64Array(9), [S, 0, 0, S]), [0, -1, 0, 1, 0, 0, 0, 0, 1]);
    // Camera looking along world +x with world z up: columns are camera x,y,z axes in world:
    // x_cam = −y_w, y_cam = −z_w, z_cam = +x_w → R = [[0,0,1],[−1,0,0],[0,−1,0]].
    // trace 0 → w = √(1+0)/2 = ½; x = (R21−R12)/(4w) = (−1−0)/2 = −½; y = (R02−R20)/2 = ½; z = (R10−R01)/2 = −½.
    const r = [0, 0, 1, -1, 0, 0, 0, -1, 0];
    close(quatFromMat3(new Float64Array(4), r), [0.5, -0.5, 0.5, -0.5]);
    close(quatToMat3(new Float64Array(9), [0.5, -0.5, 0.5, -0.5]), r);
    // 180° about y (trace −1, pivots on m11): R = diag(−1, 1, −1) → [0, 0, 1, 0]
    close(quatFromMat3(new Float64Array(4), [-1, 0, 0, 0, 1, 0, 0, 0, -1]), [0, 0, 1, 0]);
    // 180° about z: diag(−1,−1,1) → [0,0,0,1]; about x: diag(1,−1,−1) → [0,1,0,0]
    close(quatFromMat3(new Float64Array(4), [-1, 0, 0, 0, -1, 0, 0, 0, 1]), [0, 0, 0, 1]);
    close(quatFromMat3(new Float64Array(4), [1, 0, 0, 0, -1, 0, 0, 0, -1]), [0, 1, 0, 0]);
  });

  it('normalises before building a matrix', () => {
    // [2,0,0,2] is Rz(90°) scaled by 2√2
    close(quatToMat3(new Float64Array(9), [2, 0, 0, 2]), [0, -1, 0, 1, 0, 0, 0, 0, 1]);
  });

  it('builds axis-angle quaternions', () => {
    // 60° about (0,0,2): [cos30°, 0, 0, sin30°] = [√3/2, 0, 0, ½]
    close(quatFromAxisAngle(new Float64Array(4), [0, 0, 2], Math.PI / 3), [Math.sqrt(3) / 2, 0, 0, 0.5]);
  });

  it('slerps along the shortest arc (hand-computed rotations about z)', () => {
    // a = 0°, b = 90° about z: u = 0.5 is 45° about z = [cos 22.5°, 0, 0, sin 22.5°].
    const a = [1, 0, 0, 0] as const,
      b = [S, 0, 0, S] as const;
    const c = Math.cos(Math.PI / 8),
      s = Math.sin(Math.PI / 8);
    close(quatSlerp(new Float64Array(4), a, b, 0.5), [c, 0, 0, s]);
    close(quatSlerp(new Float64Array(4), a, b, 0), a);
    close(quatSlerp(new Float64Array(4), a, b, 1), b);
    // −b is the same rotation: slerp takes the short way and still lands on 45°.
    close(quatSlerp(new Float64Array(4), a, [-S, 0, 0, -S], 0.5), [c, 0, 0, s]);
    // 1/3 of the way to 90°: 30° about z = [cos 15°, 0, 0, sin 15°].
    close(quatSlerp(new Float64Array(4), a, b, 1 / 3), [Math.cos(Math.PI / 12), 0, 0, Math.sin(Math.PI / 12)]);
    // Nearly parallel inputs take the linear branch and stay unit.
    const near = quatSlerp(new Float64Array(4), a, [Math.cos(1e-4), 0, 0, Math.sin(1e-4)], 0.5);
    close(near, [Math.cos(5e-5), 0, 0, Math.sin(5e-5)], 9);
    // out may alias an input.
    const alias = Float64Array.from(a);
    close(quatSlerp(alias, alias, b, 0.5), [c, 0, 0, s]);
  });
});
