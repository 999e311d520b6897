/**
 * MonST3R's temporal pose smoothness: for consecutive frames,
 * `‖R_nᵀ R_{n+1} − I‖_F + λ_t ‖R_nᵀ (t_{n+1} − t_n)‖`, summed and weighted.
 */
import type { AlignmentTerm, AlignmentTermContext } from './alignment-term';

/** Options of {@link createTemporalSmoothnessTerm}. */
export interface TemporalSmoothnessOptions {
  /** Weight of the summed term. @default 0.01 ([definitions §3](docs/pages/definitions.md#pseudo-labels)) */
  readonly weight?: number;
  /** Weight `λ_t` of the translation part. @default 1.0 ([definitions §3](docs/pages/definitions.md#pseudo-labels)) */
  readonly translationWeight?: number;
}

/** Creates the temporal smoothness term (relative-pose loss between consecutive cameras). */
export function createTemporalSmoothnessTerm(options: TemporalSmoothnessOptions = {}): AlignmentTerm {
  const weight = options.weight ?? 0.01;
  const translationWeight = options.translationWeight ?? 1.0;
  const m = new Float64Array(9);
  return {
    name: 'temporal',
    evaluate(context: AlignmentTermContext): number {
      const { rotation: R, translation: T, gradRotation: gR, gradTranslation: gT } = context;
      let loss = 0;
      for (let n = 0; n + 1 < context.frames; n++) {
        const a = 9 * n,
          b = 9 * (n + 1);
        // M = R_aᵀ R_b and its distance to the identity.
        let rotationLoss = 0;
        for (let r = 0; r < 3; r++) {
          for (let c = 0; c < 3; c++) {
            const value =
              R[a + r]! * R[b + c]! + R[a + 3 + r]! * R[b + 3 + c]! + R[a + 6 + r]! * R[b + 6 + c]! - (r === c ? 1 : 0);
            m[3 * r + c] = value;
            rotationLoss += value * value;
          }
        }
        rotationLoss = Math.sqrt(rotationLoss);
        if (rotationLoss > 1e-12) {
          // dL/dM = (M − I)/‖M − I‖; dL/dR_a = R_b (dL/dM)ᵀ, dL/dR_b = R_a dL/dM.
          const scale = weight / rotationLoss;
          for (let r = 0; r < 3; r++) {
            for (let c = 0; c < 3; c++) {
              let ga = 0,
                gb = 0;
              for (let k = 0; k < 3; k++) {
                ga += R[b + 3 * r + k]! * m[3 * c + k]!;
                gb += R[a + 3 * r + k]! * m[3 * k + c]!;
              }
              gR[a + 3 * r + c] = gR[a + 3 * r + c]! + scale * ga;
              gR[b + 3 * r + c] = gR[b + 3 * r + c]! + scale * gb;
            }
          }
        }
        // v = R_aᵀ Δ with Δ = t_b − t_a.
        const d0 = T[3 * n + 3]! - T[3 * n]!,
          d1 = T[3 * n + 4]! - T[3 * n + 1]!,
          d2 = T[3 * n + 5]! - T[3 * n + 2]!;
        const v0 = R[a]! * d0 + R[a + 3]! * d1 + R[a + 6]! * d2;
        const v1 = R[a + 1]! * d0 + R[a + 4]! * d1 + R[a + 7]! * d2;
        const v2 = R[a + 2]! * d0 + R[a + 5]! * d1 + R[a + 8]! * d2;
        const translationLoss = Math.hypot(v0, v1, v2);
        if (translationLoss > 1e-12) {
          const s = (weight * translationWeight) / translationLoss;
          const g0 = s * v0,
            g1 = s * v1,
            g2 = s * v2;
          // dL/dR_a = Δ gᵀ; dL/dt_b = R_a g = −dL/dt_a.
          gR[a] = gR[a]! + d0 * g0;
          gR[a + 1] = gR[a + 1]! + d0 * g1;
          gR[a + 2] = gR[a + 2]! + d0 * g2;
          gR[a + 3] = gR[a + 3]! + d1 * g0;
          gR[a + 4] = gR[a + 4]! + d1 * g1;
          gR[a + 5] = gR[a + 5]! + d1 * g2;
          gR[a + 6] = gR[a + 6]! + d2 * g0;
          gR[a + 7] = gR[a + 7]! + d2 * g1;
          gR[a + 8] = gR[a + 8]! + d2 * g2;
          const w0 = R[a]! * g0 + R[a + 1]! * g1 + R[a + 2]! * g2;
          const w1 = R[a + 3]! * g0 + R[a + 4]! * g1 + R[a + 5]! * g2;
          const w2 = R[a + 6]! * g0 + R[a + 7]! * g1 + R[a + 8]! * g2;
          gT[3 * n + 3] = gT[3 * n + 3]! + w0;
          gT[3 * n + 4] = gT[3 * n + 4]! + w1;
          gT[3 * n + 5] = gT[3 * n + 5]! + w2;
          gT[3 * n] = gT[3 * n]! - w0;
          gT[3 * n + 1] = gT[3 * n + 1]! - w1;
          gT[3 * n + 2] = gT[3 * n + 2]! - w2;
        }
        loss += weight * (rotationLoss + translationWeight * translationLoss);
      }
      return loss;
    },
  };
}
