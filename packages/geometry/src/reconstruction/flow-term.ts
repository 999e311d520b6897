/**
 * MonST3R's optical-flow term as an {@link AlignmentTerm}: the flow induced by
 * the camera motion (the "ego flow" of frame i's pixels, unprojected with the
 * current depth and reprojected into frame j) should match a given optical
 * flow on static pixels. No flow model ships with STKit: pass flow fields
 * computed elsewhere (e.g. RAFT), with their validity / static masks.
 */
import { InvalidArgumentError, ShapeMismatchError } from '@stkit/core';
import type { AlignmentTerm, AlignmentTermContext } from './alignment-term';

/** A dense optical flow from frame `i` to frame `j`. */
export interface FlowField {
  readonly i: number;
  readonly j: number;
  /** Displacement `(du, dv)` in pixels of every pixel of frame i, row-major `[H·W·2]`, at the pointmaps' resolution. */
  readonly flow: Float32Array;
  /** Pixels to use (1 = static and flow-consistent), row-major `[H·W]`. @default all */
  readonly valid?: Uint8Array;
}

/** Options of {@link createFlowTerm}. */
export interface FlowTermOptions {
  readonly flows: readonly FlowField[];
  /** Weight of the term. @default 0.01 ([definitions §3](docs/pages/definitions.md#pseudo-labels)) */
  readonly weight?: number;
  /** Fraction of the iterations after which the term is switched on. @default 0.1 ([definitions §3](docs/pages/definitions.md#pseudo-labels)) */
  readonly startFraction?: number;
  /** The term is skipped at an iteration whose (unweighted) flow loss exceeds this, as MonST3R's `flow_loss_thre`. @default 25 */
  readonly lossThreshold?: number;
  /** Elements whose smooth-L1 loss reaches this are ignored (MonST3R's `pxl_thre`). @default 50 */
  readonly pixelThreshold?: number;
}

function smoothL1(x: number): number {
  const a = Math.abs(x);
  return a < 1 ? 0.5 * x * x : a - 0.5;
}

/** Creates the flow term; see {@link FlowTermOptions}. */
export function createFlowTerm(options: FlowTermOptions): AlignmentTerm {
  const weight = options.weight ?? 0.01,
    startFraction = options.startFraction ?? 0.1;
  const lossThreshold = options.lossThreshold ?? 25,
    pixelThreshold = options.pixelThreshold ?? 50;
  options.flows.forEach((field, index) => {
    if (field.flow.length % 2 !== 0)
      throw new ShapeMismatchError({
        what: `flows[${index}].flow`,
        expected: ['H', 'W', 2],
        actual: [field.flow.length],
      });
    if (field.i === field.j)
      throw new InvalidArgumentError({
        argument: `flows[${index}]`,
        value: [field.i, field.j],
        message: 'needs two different frames',
      });
  });
  return {
    name: 'flow',
    evaluate(context: AlignmentTermContext): number {
      if (context.iteration < context.iterations * startFraction || options.flows.length === 0) return 0;
      const { pixels, depth, rotation: R, translation: T, focal: f, cx, cy, width } = context;
      const S = pixels.length;
      // First pass: loss and element count; second pass: gradients (the mean needs the count first).
      let total = 0,
        count = 0;
      const pass = (scale: number): void => {
        for (const field of options.flows) {
          const { i, j, flow, valid } = field;
          if (i >= context.frames || j >= context.frames) {
            throw new InvalidArgumentError({
              argument: 'flows',
              value: [i, j],
              message: `frame index beyond the ${context.frames} frames of the pairs`,
            });
          }
          if (flow.length !== 2 * context.width * context.height)
            throw new ShapeMismatchError({
              what: 'flow',
              expected: [context.height, context.width, 2],
              actual: [flow.length],
            });
          const a = 9 * i,
            b = 9 * j;
          for (let k = 0; k < S; k++) {
            const p = pixels[k]!;
            if (valid && !valid[p]) continue;
            const u = p % width,
              v = (p - u) / width,
              d = depth[i * S + k]!;
            const c0 = (d * (u - cx)) / f,
              c1 = (d * (v - cy)) / f,
              c2 = d;
            const w0 = R[a]! * c0 + R[a + 1]! * c1 + R[a + 2]! * c2 + T[3 * i]! - T[3 * j]!;
            const w1 = R[a + 3]! * c0 + R[a + 4]! * c1 + R[a + 5]! * c2 + T[3 * i + 1]! - T[3 * j + 1]!;
            const w2 = R[a + 6]! * c0 + R[a + 7]! * c1 + R[a + 8]! * c2 + T[3 * i + 2]! - T[3 * j + 2]!;
            const x = R[b]! * w0 + R[b + 3]! * w1 + R[b + 6]! * w2,
              y = R[b + 1]! * w0 + R[b + 4]! * w1 + R[b + 7]! * w2;
            const z = R[b + 2]! * w0 + R[b + 5]! * w1 + R[b + 8]! * w2;
            if (!(z > 1e-9)) continue;
            const rx = (f * x) / z + cx - u - flow[2 * p]!,
              ry = (f * y) / z + cy - v - flow[2 * p + 1]!;
            const lx = smoothL1(rx),
              ly = smoothL1(ry);
            const useX = lx < pixelThreshold,
              useY = ly < pixelThreshold;
            if (scale === 0) {
              if (useX) {
                total += lx;
                count++;
              }
              if (useY) {
                total += ly;
                count++;
              }
              continue;
            }
            const gx = useX ? scale * (Math.abs(rx) < 1 ? rx : Math.sign(rx)) : 0,
              gy = useY ? scale * (Math.abs(ry) < 1 ? ry : Math.sign(ry)) : 0;
            if (gx === 0 && gy === 0) continue;
            // Through the projection: dL/d(x, y, z) in camera j, and dL/df.
            const q0 = (gx * f) / z,
              q1 = (gy * f) / z,
              q2 = -(gx * f * x + gy * f * y) / (z * z);
            context.addFocalGradient((gx * x + gy * y) / z);
            // x_j = R_jᵀ (X_w − t_j): dL/dR_j = (X_w − t_j) qᵀ, dL/dX_w = R_j q, dL/dt_j = −R_j q.
            const h0 = R[b]! * q0 + R[b + 1]! * q1 + R[b + 2]! * q2,
              h1 = R[b + 3]! * q0 + R[b + 4]! * q1 + R[b + 5]! * q2;
            const h2 = R[b + 6]! * q0 + R[b + 7]! * q1 + R[b + 8]! * q2;
            const gR = context.gradRotation,
              gT = context.gradTranslation;
            gR[b]! += w0 * q0;
            gR[b + 1]! += w0 * q1;
            gR[b + 2]! += w0 * q2;
            gR[b + 3]! += w1 * q0;
            gR[b + 4]! += w1 * q1;
            gR[b + 5]! += w1 * q2;
            gR[b + 6]! += w2 * q0;
            gR[b + 7]! += w2 * q1;
            gR[b + 8]! += w2 * q2;
            gT[3 * j]! -= h0;
            gT[3 * j + 1]! -= h1;
            gT[3 * j + 2]! -= h2;
            // X_w = R_i c + t_i.
            gR[a]! += h0 * c0;
            gR[a + 1]! += h0 * c1;
            gR[a + 2]! += h0 * c2;
            gR[a + 3]! += h1 * c0;
            gR[a + 4]! += h1 * c1;
            gR[a + 5]! += h1 * c2;
            gR[a + 6]! += h2 * c0;
            gR[a + 7]! += h2 * c1;
            gR[a + 8]! += h2 * c2;
            gT[3 * i]! += h0;
            gT[3 * i + 1]! += h1;
            gT[3 * i + 2]! += h2;
            const e0 = R[a]! * h0 + R[a + 3]! * h1 + R[a + 6]! * h2,
              e1 = R[a + 1]! * h0 + R[a + 4]! * h1 + R[a + 7]! * h2;
            const e2 = R[a + 2]! * h0 + R[a + 5]! * h1 + R[a + 8]! * h2;
            context.gradDepth[i * S + k]! += (e0 * (u - cx)) / f + (e1 * (v - cy)) / f + e2;
            context.addFocalGradient(-(e0 * c0 + e1 * c1) / f);
          }
        }
      };
      pass(0);
      if (count === 0) return 0;
      const loss = total / count;
      if (loss > lossThreshold) return 0;
      pass(weight / count);
      return weight * loss;
    },
  };
}
