import { describe, expect, it } from 'vitest';
import { poseApply, poseCompose, poseInverse } from './pose';

const S = Math.SQRT1_2;
const close = (actual: ArrayLike<number>, expected: readonly number[]): void => {
  expected.forEach((value, index) => expect(actual[index]).toBeCloseTo(value, 12));
};

describe('poses {rotation [w,x,y,z], translation}', () => {
  // city_from_ego: yaw 90° (Rz), at (100, 50, 0); ego_from_object: (10, 2, 0), yaw 0
  const cityFromEgo = { rotation: [S, 0, 0, S] as const, translation: [100, 50, 0] as const };
  const egoFromObject = { rotation: [1, 0, 0, 0] as const, translation: [10, 2, 0] as const };

  it('composes like the matrices: t = R_a t_b + t_a', () => {
    // Rz(90°)·(10, 2, 0) = (−2, 10, 0); + (100, 50, 0) = (98, 60, 0)
    const cityFromObject = poseCompose(cityFromEgo, egoFromObject);
    close(cityFromObject.translation, [98, 60, 0]);
    close(cityFromObject.rotation, [S, 0, 0, S]);
    // object's own x axis (1,0,0) lands at city (98, 61, 0)
    close(poseApply(new Float64Array(3), cityFromObject, [1, 0, 0]), [98, 61, 0]);
  });

  it('inverts: −Rᵀ t and a ∘ a⁻¹ = identity', () => {
    // Rᵀ = Rz(−90°): (x, y) → (y, −x); −Rᵀ(100, 50, 0) = −(50, −100, 0) = (−50, 100, 0)
    const egoFromCity = poseInverse(cityFromEgo);
    close(egoFromCity.translation, [-50, 100, 0]);
    close(egoFromCity.rotation, [S, 0, 0, -S]);
    const identity = poseCompose(cityFromEgo, egoFromCity);
    close(identity.rotation, [1, 0, 0, 0]);
    close(identity.translation, [0, 0, 0]);
  });
});
