/**
 * Initialisation of the global alignment (DUSt3R `init_minimum_spanning_tree`):
 * a maximum spanning tree over the pair scores `mean(conf1)·mean(conf2)`; from
 * the strongest pair, each tree edge chains one more frame's pointmap into the
 * common frame by a confidence-weighted Umeyama Sim(3) fit. Then every
 * camera pose comes from fitting a frame's own-camera pointmap to its chained
 * points (DUSt3R uses the tree edge or RANSAC-PnP here), every pair transform
 * from the same kind of fit, and the scale is normalised as in DUSt3R.
 */
import { InvalidArgumentError } from '@stkit/core';
import type { AlignmentLayout, SampledPairs } from './alignment-problem';
import { estimateFocal } from './estimate-focal';
import { rotationToQuaternion, signedLog1p } from './rotation';
import { umeyamaSim3, type Sim3 } from './umeyama';

/** Sampled pairs with the raw confidences and the pair scores. */
export interface InitPairs extends SampledPairs {
  readonly confI: Float64Array[];
  readonly confJ: Float64Array[];
  readonly scores: Float64Array;
}

function transform(sim: Sim3, points: ArrayLike<number>): Float64Array {
  const { scale: s, rotation: r, translation: t } = sim;
  const out = new Float64Array(points.length);
  for (let k = 0; k < points.length; k += 3) {
    const x = points[k]!,
      y = points[k + 1]!,
      z = points[k + 2]!;
    out[k] = s * (r[0]! * x + r[1]! * y + r[2]! * z) + t[0]!;
    out[k + 1] = s * (r[3]! * x + r[4]! * y + r[5]! * z) + t[1]!;
    out[k + 2] = s * (r[6]! * x + r[7]! * y + r[8]! * z) + t[2]!;
  }
  return out;
}

/** Edges of a maximum spanning tree (Kruskal with union–find), strongest first. */
function maximumSpanningTree(frames: number, pairs: InitPairs): number[] {
  const parent = Int32Array.from({ length: frames }, (_, k) => k);
  const find = (k: number): number => {
    while (parent[k] !== k) k = parent[k] = parent[parent[k]!]!;
    return k;
  };
  const order = Array.from(pairs.scores.keys()).sort((a, b) => pairs.scores[b]! - pairs.scores[a]!);
  const tree: number[] = [];
  for (const e of order) {
    const a = find(pairs.edgeI[e]!),
      b = find(pairs.edgeJ[e]!);
    if (a === b) continue;
    parent[a] = b;
    tree.push(e);
  }
  return tree;
}

/** Fills `params` (layout of the alignment problem) with the spanning-tree initialisation. */
export function initializeFromSpanningTree(options: {
  readonly layout: AlignmentLayout;
  readonly pairs: InitPairs;
  readonly pixels: Int32Array;
  readonly width: number;
  readonly height: number;
  readonly baseScale: number;
  readonly focalBreak: number;
}): Float64Array {
  const { layout, pairs, pixels, width, height, baseScale, focalBreak } = options;
  const { frames: F, samples: S, edges: E } = layout;
  const params = new Float64Array(layout.size);
  const tree = maximumSpanningTree(F, pairs);
  const points: (Float64Array | undefined)[] = new Array(F);
  const first = tree[0]!;
  points[pairs.edgeI[first]!] = Float64Array.from(pairs.predI[first]!);
  points[pairs.edgeJ[first]!] = Float64Array.from(pairs.predJ[first]!);
  // Chain the remaining tree edges, always taking the strongest edge that touches a placed frame.
  const todo = tree.slice(1);
  while (todo.length > 0) {
    const index = todo.findIndex((e) => points[pairs.edgeI[e]!] !== undefined || points[pairs.edgeJ[e]!] !== undefined);
    if (index < 0) break; // the rest is another component: reported below
    const e = todo.splice(index, 1)[0]!;
    const i = pairs.edgeI[e]!,
      j = pairs.edgeJ[e]!;
    if (points[i] !== undefined) {
      const sim = umeyamaSim3({ source: pairs.predI[e]!, target: points[i]!, weights: pairs.confI[e]! });
      points[j] = transform(sim, pairs.predJ[e]!);
    } else {
      const sim = umeyamaSim3({ source: pairs.predJ[e]!, target: points[j]!, weights: pairs.confJ[e]! });
      points[i] = transform(sim, pairs.predI[e]!);
    }
  }
  // findIndex, not indexOf: `points` is sparse (unreached frames are holes, which indexOf skips).
  // biome-ignore lint/complexity/useIndexOf: holes must count as undefined.
  const missing = points.findIndex((point) => point === undefined);
  if (missing >= 0)
    throw new InvalidArgumentError({
      argument: 'pairs',
      value: missing,
      message: `frame ${missing} is not connected to the pair graph`,
    });
  // Pair transforms: pred_i(e) → points(i).
  let meanSigma = 0;
  for (let e = 0; e < E; e++) {
    const sim = umeyamaSim3({ source: pairs.predI[e]!, target: points[pairs.edgeI[e]!]!, weights: pairs.confI[e]! });
    const o = layout.pairs + 8 * e;
    rotationToQuaternion(sim.rotation, 0, params, o);
    for (let a = 0; a < 3; a++) params[o + 4 + a] = signedLog1p(sim.translation[a]! / sim.scale);
    params[o + 7] = Math.log(sim.scale);
    meanSigma += params[o + 7]! / E;
  }
  // DUSt3R's scale normalisation: the world shrinks so that the pair scales' geometric mean is baseScale.
  const factor = baseScale / Math.exp(meanSigma);
  // Camera poses and depths from each frame's strongest pair in which it is the reference view.
  let focalSum = 0;
  for (let n = 0; n < F; n++) {
    let best = -1;
    for (let e = 0; e < E; e++)
      if (pairs.edgeI[e] === n && (best < 0 || pairs.scores[e]! > pairs.scores[best]!)) best = e;
    if (best < 0) {
      throw new InvalidArgumentError({
        argument: 'pairs',
        value: n,
        message: `frame ${n} is never the first view of a pair (pass symmetrised pairs, as MonST3R does)`,
      });
    }
    const sim = umeyamaSim3({ source: pairs.predI[best]!, target: points[n]!, weights: pairs.confI[best]! });
    const o = layout.poses + 7 * n;
    rotationToQuaternion(sim.rotation, 0, params, o);
    for (let a = 0; a < 3; a++) params[o + 4 + a] = signedLog1p(sim.translation[a]! * factor);
    const r = sim.rotation,
      t = sim.translation,
      world = points[n]!;
    let fallback = 0;
    for (let k = 0; k < S; k++) {
      const x = world[3 * k]! - t[0]!,
        y = world[3 * k + 1]! - t[1]!,
        z = world[3 * k + 2]! - t[2]!;
      const depth = (r[2]! * x + r[5]! * y + r[8]! * z) * factor; // (Rᵀ (p − t)).z
      params[layout.depth + n * S + k] = depth > 0 ? Math.log(depth) : Number.NaN;
      if (depth > 0) fallback = Math.log(depth);
    }
    // Points behind the camera (noise) start at a neighbouring valid depth instead of log(0).
    for (let k = 0; k < S; k++)
      if (Number.isNaN(params[layout.depth + n * S + k]!)) params[layout.depth + n * S + k] = fallback;
    focalSum += estimateFocal({ points: pairs.predI[best]!, width, height, pixels });
  }
  params[layout.focal] = focalBreak * Math.log(focalSum / F);
  return params;
}
