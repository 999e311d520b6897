/**
 * DBSCAN over 3D points with the exact semantics of scikit-learn's
 * `DBSCAN(eps, min_samples).fit(X)` (Euclidean metric):
 *
 * - the eps-neighbourhood of a point is every point at distance ≤ eps,
 *   **including the point itself** (so `minPoints` counts it, like `min_samples`);
 * - a point is *core* when its neighbourhood has ≥ `minPoints` points;
 * - clusters are the connected components of core points (two cores are linked
 *   when within eps), numbered 0, 1, … in the order scikit-learn's
 *   `dbscan_inner` discovers them: scanning points by index, a cluster is
 *   opened at its lowest-index core point;
 * - a non-core point within eps of a core point is a *border* point and takes
 *   the label of the first cluster that reaches it. scikit-learn expands one
 *   cluster completely before opening the next, so that is the
 *   lowest-numbered cluster among its core neighbours;
 * - everything else is noise, label −1.
 *
 * Distances are compared squared (`dx²+dy²+dz² ≤ eps²`, summed in x, y, z
 * order), as scikit-learn's KD-tree does, so boundary cases agree too.
 *
 * Complexity: a uniform grid with cell edge eps ({@link buildUniformGrid});
 * every point is compared with the points of its 27 surrounding cells. Three
 * passes: neighbour counts (each pair of cells once, both points credited),
 * union–find over core–core links, then border points. Memory O(n), no
 * neighbour lists are stored.
 */
import { InvalidArgumentError, ShapeMismatchError } from '@stkit/core';
import { buildUniformGrid, forwardNeighbourCells, neighbourCells, type UniformGrid } from './spatial-grid';

/** Options of {@link dbscan}. */
export interface DbscanOptions {
  /** Neighbourhood radius (same unit as the points, metres for lifted clouds). Must be > 0. */
  eps: number;
  /** Minimum neighbourhood size of a core point, the point itself included (scikit-learn's `min_samples`). @default 5 ([definitions §4](docs/pages/definitions.md#filtering)) */
  minPoints?: number;
}

/** Result of {@link dbscan}. */
export interface DbscanResult {
  /** Cluster label of each point (0 … clusterCount−1), −1 for noise. */
  labels: Int32Array;
  /** Number of clusters. */
  clusterCount: number;
  /** 1 where the point is a core point, else 0 (scikit-learn's `core_sample_indices_` as a mask). */
  isCore: Uint8Array;
}

function find(parent: Int32Array, index: number): number {
  let root = index;
  while (parent[root] !== root) {
    // Path halving keeps the trees flat without recursion.
    parent[root] = parent[parent[root]!]!;
    root = parent[root]!;
  }
  return root;
}

/**
 * Clusters `points` (row-major xyz, length 3n) with DBSCAN. See the module
 * documentation for the exact semantics (those of scikit-learn).
 * @throws {@link InvalidArgumentError} for `points`: must be a Float64Array of row-major xyz coordinates
 * @throws {@link InvalidArgumentError} for `eps`: must be a finite number > 0
 * @throws {@link InvalidArgumentError} for `minPoints`: must be an integer ≥ 1
 * @throws {@link ShapeMismatchError} when the array lengths do not match
 */
export function dbscan(points: Float64Array, options: DbscanOptions): DbscanResult {
  const { eps } = options;
  const minPoints = options.minPoints ?? 5;
  if (!(points instanceof Float64Array)) {
    throw new InvalidArgumentError({
      argument: 'points',
      message: 'must be a Float64Array of row-major xyz coordinates',
    });
  }
  if (points.length % 3 !== 0)
    throw new ShapeMismatchError({ what: 'points', expected: ['n', 3], actual: [points.length / 3] });
  if (!(Number.isFinite(eps) && eps > 0))
    throw new InvalidArgumentError({ argument: 'eps', value: eps, message: 'must be a finite number > 0' });
  if (!(Number.isInteger(minPoints) && minPoints >= 1)) {
    throw new InvalidArgumentError({ argument: 'minPoints', value: minPoints, message: 'must be an integer ≥ 1' });
  }
  const n = points.length / 3;
  const labels = new Int32Array(n).fill(-1);
  const isCore = new Uint8Array(n);
  if (n === 0) return { labels, clusterCount: 0, isCore };

  const grid = buildUniformGrid(points, eps);
  const eps2 = eps * eps;
  const coreAt = countNeighbours(grid, eps2, minPoints);
  const parent = linkCores(grid, eps2, coreAt);

  // Number the components in order of their lowest-index core point.
  const componentLabel = new Int32Array(n).fill(-1);
  let clusterCount = 0;
  for (let i = 0; i < n; i++) {
    const position = grid.positionOf[i]!;
    if (coreAt[position] === 0) continue;
    isCore[i] = 1;
    const root = find(parent, position);
    if (componentLabel[root] === -1) componentLabel[root] = clusterCount++;
    labels[i] = componentLabel[root]!;
  }
  assignBorders(grid, eps2, coreAt, parent, componentLabel, labels);
  return { labels, clusterCount, isCore };
}

/** Pass 1: neighbourhood sizes (self included); returns the core mask by sorted position. */
function countNeighbours(grid: UniformGrid, eps2: number, minPoints: number): Uint8Array {
  const { cellStart, sorted, cellCount } = grid;
  const n = sorted.length / 3;
  const counts = new Int32Array(n).fill(1);
  const around = new Int32Array(13);
  for (let cell = 0; cell < cellCount; cell++) {
    const start = cellStart[cell]!;
    const end = cellStart[cell + 1]!;
    // Pairs inside the cell.
    for (let p = start; p < end; p++) {
      const x = sorted[3 * p]!;
      const y = sorted[3 * p + 1]!;
      const z = sorted[3 * p + 2]!;
      let own = 0;
      for (let q = p + 1; q < end; q++) {
        const dx = x - sorted[3 * q]!;
        const dy = y - sorted[3 * q + 1]!;
        const dz = z - sorted[3 * q + 2]!;
        if (dx * dx + dy * dy + dz * dz <= eps2) {
          own++;
          counts[q]!++;
        }
      }
      counts[p]! += own;
    }
    // Pairs with each forward neighbour cell (each unordered cell pair once).
    const neighbourCount = forwardNeighbourCells(grid, cell, around);
    for (let k = 0; k < neighbourCount; k++) {
      const other = around[k]!;
      const otherStart = cellStart[other]!;
      const otherEnd = cellStart[other + 1]!;
      for (let p = start; p < end; p++) {
        const x = sorted[3 * p]!;
        const y = sorted[3 * p + 1]!;
        const z = sorted[3 * p + 2]!;
        let own = 0;
        for (let q = otherStart; q < otherEnd; q++) {
          const dx = x - sorted[3 * q]!;
          const dy = y - sorted[3 * q + 1]!;
          const dz = z - sorted[3 * q + 2]!;
          if (dx * dx + dy * dy + dz * dz <= eps2) {
            own++;
            counts[q]!++;
          }
        }
        counts[p]! += own;
      }
    }
  }
  const coreAt = new Uint8Array(n);
  for (let p = 0; p < n; p++) coreAt[p] = counts[p]! >= minPoints ? 1 : 0;
  return coreAt;
}

/** Pass 2: union–find over core–core links; returns the parent array by sorted position. */
function linkCores(grid: UniformGrid, eps2: number, coreAt: Uint8Array): Int32Array {
  const { cellStart, sorted, cellCount } = grid;
  const n = coreAt.length;
  const parent = new Int32Array(n);
  for (let p = 0; p < n; p++) parent[p] = p;
  // Cells without a core point can be skipped entirely.
  const hasCore = new Uint8Array(cellCount);
  for (let cell = 0; cell < cellCount; cell++) {
    for (let p = cellStart[cell]!; p < cellStart[cell + 1]!; p++) {
      if (coreAt[p] === 1) {
        hasCore[cell] = 1;
        break;
      }
    }
  }
  const around = new Int32Array(14);
  for (let cell = 0; cell < cellCount; cell++) {
    if (hasCore[cell] === 0) continue;
    const start = cellStart[cell]!;
    const end = cellStart[cell + 1]!;
    around[0] = cell;
    const neighbourCount = 1 + forwardNeighbourCells(grid, cell, around.subarray(1));
    for (let k = 0; k < neighbourCount; k++) {
      const other = around[k]!;
      if (hasCore[other] === 0) continue;
      const otherEnd = cellStart[other + 1]!;
      for (let p = start; p < end; p++) {
        if (coreAt[p] === 0) continue;
        const x = sorted[3 * p]!;
        const y = sorted[3 * p + 1]!;
        const z = sorted[3 * p + 2]!;
        let rootP = find(parent, p);
        for (let q = other === cell ? p + 1 : cellStart[other]!; q < otherEnd; q++) {
          if (coreAt[q] === 0) continue;
          const dx = x - sorted[3 * q]!;
          const dy = y - sorted[3 * q + 1]!;
          const dz = z - sorted[3 * q + 2]!;
          if (dx * dx + dy * dy + dz * dz > eps2) continue;
          const rootQ = find(parent, q);
          if (rootQ === rootP) continue;
          // Union by index keeps it deterministic; path halving keeps it shallow.
          if (rootQ < rootP) {
            parent[rootP] = rootQ;
            rootP = rootQ;
          } else parent[rootQ] = rootP;
        }
      }
    }
  }
  return parent;
}

/** Pass 3: each non-core point takes the lowest cluster label among its core neighbours. */
function assignBorders(
  grid: UniformGrid,
  eps2: number,
  coreAt: Uint8Array,
  parent: Int32Array,
  componentLabel: Int32Array,
  labels: Int32Array,
): void {
  const { cellStart, sorted, cellCount, order } = grid;
  const around = new Int32Array(27);
  for (let cell = 0; cell < cellCount; cell++) {
    const start = cellStart[cell]!;
    const end = cellStart[cell + 1]!;
    let neighbourCount = -1;
    for (let p = start; p < end; p++) {
      if (coreAt[p] === 1) continue;
      if (neighbourCount === -1) neighbourCount = neighbourCells(grid, cell, around);
      const x = sorted[3 * p]!;
      const y = sorted[3 * p + 1]!;
      const z = sorted[3 * p + 2]!;
      let best = -1;
      for (let k = 0; k < neighbourCount; k++) {
        const other = around[k]!;
        const otherEnd = cellStart[other + 1]!;
        for (let q = cellStart[other]!; q < otherEnd; q++) {
          if (coreAt[q] === 0) continue;
          const dx = x - sorted[3 * q]!;
          const dy = y - sorted[3 * q + 1]!;
          const dz = z - sorted[3 * q + 2]!;
          if (dx * dx + dy * dy + dz * dz > eps2) continue;
          const label = componentLabel[find(parent, q)]!;
          if (best === -1 || label < best) best = label;
        }
      }
      labels[order[p]!] = best;
    }
  }
}
