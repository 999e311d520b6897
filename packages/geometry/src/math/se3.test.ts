import { describe, expect, it } from 'vitest';
import {
  se3ApplyToPoint,
  se3ApplyToPoints,
  se3Compose,
  se3FromPose,
  se3Identity,
  se3Inverse,
  se3RotateVectors,
  se3ToPose,
} from './se3';

const S = Math.SQRT1_2;
const close = (actual: ArrayLike<number>, expected: readonly number[], digits = 12): void => {
  expected.forEach((value, index) => expect(actual[index]).toBeCloseTo(value, digits));
};

describe('SE(3) on row-major 4×4', () => {
  // A: rotate 90° about z, then translate by (1, 2, 3):
  // A = [[0,−1,0,1],[1,0,0,2],[0,0,1,3],[0,0,0,1]]
  const a = se3FromPose(new Float64Array(16), { rotation: [S, 0, 0, S], translation: [1, 2, 3] });

  it('builds the matrix of a Clip pose', () => {
    close(a, [0, -1, 0, 1, 1, 0, 0, 2, 0, 0, 1, 3, 0, 0, 0, 1]);
    const pose = se3ToPose(a);
    close(pose.rotation, [S, 0, 0, S]);
    close(pose.translation, [1, 2, 3]);
  });

  it('applies to points: A·(1,0,0) = (0,1,0)+(1,2,3) = (1,3,3)', () => {
    close(se3ApplyToPoint(new Float64Array(3), a, [1, 0, 0]), [1, 3, 3]);
    // bulk, in place: (1,0,0)→(1,3,3); (0,1,0)→(−1,0,0)+(1,2,3)=(0,2,3); (0,0,−3)→(1,2,0)
    const points = Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, -3);
    se3ApplyToPoints(points, a, points);
    close(points, [1, 3, 3, 0, 2, 3, 1, 2, 0]);
    // Float32 output, only the first point
    const out32 = new Float32Array(6).fill(7);
    se3ApplyToPoints(out32, a, [1, 0, 0, 9, 9, 9], 1);
    close(out32, [1, 3, 3, 7, 7, 7], 6);
    // rotation only: (1,0,0) → (0,1,0)
    close(se3RotateVectors(new Float64Array(3), a, [1, 0, 0]), [0, 1, 0]);
  });

  it('inverts rigid transforms: A⁻¹ = [Rᵀ | −Rᵀt]', () => {
    // Rᵀ = [[0,1,0],[−1,0,0],[0,0,1]]; −Rᵀ(1,2,3) = −(2,−1,3) = (−2,1,−3)
    const inv = se3Inverse(new Float64Array(16), a);
    close(inv, [0, 1, 0, -2, -1, 0, 0, 1, 0, 0, 1, -3, 0, 0, 0, 1]);
    close(se3Compose(new Float64Array(16), a, inv), Array.from(se3Identity()));
    // alias-safe: invert in place
    const copy = Float64Array.from(a);
    close(se3Inverse(copy, copy), Array.from(inv));
  });

  it('composes: (A·B)·p = A·(B·p)', () => {
    // B: translate by (10, 0, 0). A·B·(0,0,0) = A·(10,0,0) = (0,10,0)+(1,2,3) = (1,12,3)
    const b = se3FromPose(new Float64Array(16), { rotation: [1, 0, 0, 0], translation: [10, 0, 0] });
    const ab = se3Compose(new Float64Array(16), a, b);
    close(se3ApplyToPoint(new Float64Array(3), ab, [0, 0, 0]), [1, 12, 3]);
    // B·A·0 = (1,2,3)+(10,0,0) = (11,2,3); composed in place into a copy of A
    const ba = Float64Array.from(a);
    se3Compose(ba, b, ba);
    close(se3ApplyToPoint(new Float64Array(3), ba, [0, 0, 0]), [11, 2, 3]);
  });
});
