/**
 * The pair graph of DUSt3R/MonST3R (`dust3r/image_pairs.py::make_pairs` of
 * MonST3R), reproduced exactly, including its quirks:
 *
 * - `complete`: every `(i, j)` with `j < i`, in the order `i` then `j`.
 * - `swin-W`, `swinstride-W`, `swin2stride-W`, `swinskip_start-W`, each
 *   optionally `-noncyclic`: for every frame `i`, offsets
 *   `j ∈ range(start, stride·W + start, stride)` with stride 1 (`swin`),
 *   2 (`swinstride`), 3 (`swin2stride`) and start 2 for `swinskip_start`, else 1.
 *   Cyclic graphs wrap `i + j` modulo N (which can pair a frame with itself
 *   when the window exceeds N, as in the original); non-cyclic ones drop
 *   `i + j ≥ N`. Pairs are stored unordered `(min, max)` and deduplicated. W
 *   defaults to 3 when it does not parse.
 * - `logwin-W[-noncyclic]`: offsets ±2^k, k < W; self pairs skipped.
 * - `oneref-R`: `(R, j)` for every `j ≠ R` (never symmetrised).
 * - Symmetrisation appends every reversed pair, unless the graph is `oneref`
 *   or starts with `swin-1` (a prefix test, so `swin-10` too, as in the
 *   original); with exactly 2 frames it always happens.
 *
 * The original iterates a Python `set` for the window graphs, whose order is
 * an implementation detail; here those pairs are sorted by `(i, j)` so the
 * order is deterministic. [definitions §3](docs/pages/definitions.md#pseudo-labels) uses `swinstride-5-noncyclic`: offsets
 * 1, 3, 5, 7, 9.
 */
import { InvalidArgumentError } from '@stkit/core';

/** The scene graph of [definitions §3](docs/pages/definitions.md#pseudo-labels) (MonST3R's default for videos). */
export const DEFAULT_SCENE_GRAPH = 'swinstride-5-noncyclic';

/** Options of {@link makePairs}. */
export interface MakePairsOptions {
  /** Scene graph name. @default 'swinstride-5-noncyclic' */
  readonly sceneGraph?: string;
  /** Append the reversed pairs (see the rules above). @default true */
  readonly symmetrize?: boolean;
}

/**
 * Ordered frame-index pairs `[i, j]` of the scene graph over `frameCount` frames.
 * @returns the pairs in the order MonST3R's `make_pairs` lists them (reversed pairs appended when `symmetrize`).
 * @throws {@link InvalidArgumentError} for `frameCount`: must be a non-negative integer
 * @throws {@link InvalidArgumentError} for `sceneGraph`: reference frame out of range for … frames
 * @throws {@link InvalidArgumentError} for `sceneGraph`: unknown scene graph; known: 'complete', 'swin-W', 'swinstride-W', 'swin2stride-W', 'swinskip_start-W' (each optionally '-noncyclic'), 'logwin-W[-noncyclic]', 'oneref-R'
 */
export function makePairs(frameCount: number, options: MakePairsOptions = {}): [number, number][] {
  const sceneGraph = options.sceneGraph ?? DEFAULT_SCENE_GRAPH;
  const symmetrize = options.symmetrize ?? true;
  if (!Number.isInteger(frameCount) || frameCount < 0) {
    throw new InvalidArgumentError({
      argument: 'frameCount',
      value: frameCount,
      message: 'must be a non-negative integer',
    });
  }
  const n = frameCount;
  const windowSize = (): number => {
    const parsed = Number.parseInt(sceneGraph.split('-')[1] ?? '', 10);
    return Number.isNaN(parsed) ? 3 : parsed;
  };
  let pairs: [number, number][] = [];
  if (sceneGraph === 'complete') {
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) pairs.push([i, j]);
  } else if (sceneGraph.startsWith('swin')) {
    const cyclic = !sceneGraph.endsWith('noncyclic');
    const w = windowSize();
    const stride = sceneGraph.startsWith('swinstride') ? 2 : sceneGraph.startsWith('swin2stride') ? 3 : 1;
    const start = sceneGraph.startsWith('swinskip_start') ? 2 : 1;
    const set = new Set<number>();
    for (let i = 0; i < n; i++) {
      for (let j = start; j < stride * w + start; j += stride) {
        let index = i + j;
        if (cyclic) index %= n;
        if (index >= n) continue;
        set.add(Math.min(i, index) * n + Math.max(i, index));
      }
    }
    pairs = sortedPairs(set, n);
  } else if (sceneGraph.startsWith('logwin')) {
    const cyclic = !sceneGraph.endsWith('noncyclic');
    const w = windowSize();
    const set = new Set<number>();
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < w; k++) {
        for (const raw of [i - 2 ** k, i + 2 ** k]) {
          const j = cyclic ? ((raw % n) + n) % n : raw; // Python's % is non-negative
          if (j < 0 || j >= n || j === i) continue;
          set.add(Math.min(i, j) * n + Math.max(i, j));
        }
      }
    }
    pairs = sortedPairs(set, n);
  } else if (sceneGraph.startsWith('oneref')) {
    const ref = sceneGraph.includes('-') ? Number.parseInt(sceneGraph.split('-')[1]!, 10) : 0;
    if (!Number.isInteger(ref) || ref < 0 || ref >= Math.max(n, 1))
      throw new InvalidArgumentError({
        argument: 'sceneGraph',
        value: sceneGraph,
        message: `reference frame out of range for ${n} frames`,
      });
    for (let j = 0; j < n; j++) if (j !== ref) pairs.push([ref, j]);
  } else {
    throw new InvalidArgumentError({
      argument: 'sceneGraph',
      value: sceneGraph,
      message:
        "unknown scene graph; known: 'complete', 'swin-W', 'swinstride-W', 'swin2stride-W', 'swinskip_start-W' (each optionally '-noncyclic'), 'logwin-W[-noncyclic]', 'oneref-R'",
    });
  }
  if ((symmetrize && !sceneGraph.startsWith('oneref') && !sceneGraph.startsWith('swin-1')) || n === 2) {
    pairs = pairs.concat(pairs.map(([i, j]) => [j, i] as [number, number]));
  }
  return pairs;
}

function sortedPairs(set: Set<number>, n: number): [number, number][] {
  return [...set].sort((a, b) => a - b).map((key) => [Math.floor(key / n), key % n] as [number, number]);
}
