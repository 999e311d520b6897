/**
 * A uniform grid over 3D points (cell edge = a query radius), stored in flat
 * typed arrays: the spatial index behind {@link dbscan} and the neighbour
 * queries of the rule-based filters.
 *
 * Layout (chosen for speed): cells are found through an open-addressing hash
 * of their integer coordinates, so memory is O(points) whatever the extent of
 * the cloud, and numbered densely in lexicographic (z, y, x) order so that
 * neighbouring cells sit close together in memory.
 * Points are counting-sorted by cell: `order[cellStart[c] … cellStart[c+1])`
 * are the original indices of the points of cell `c` (ascending), and
 * `sorted` holds their xyz in that same order, so the inner distance loops
 * read contiguous memory.
 */
import { InvalidArgumentError } from '@stkit/core';

/** The grid. All arrays are indexed as documented on each field. */
export interface UniformGrid {
  /** Cell edge length (same unit as the points). */
  readonly cellSize: number;
  /** Number of non-empty cells. */
  readonly cellCount: number;
  /** `cellCount + 1` offsets into `order`/`sorted` (CSR layout). */
  readonly cellStart: Int32Array;
  /** Integer coordinates `[ix, iy, iz]` of each cell, row-major `cellCount × 3`. */
  readonly cellCoords: Int32Array;
  /** Original point index at each sorted position. */
  readonly order: Int32Array;
  /** Sorted position of each original point index (inverse of `order`). */
  readonly positionOf: Int32Array;
  /** Point coordinates in sorted order, row-major `n × 3`. */
  readonly sorted: Float64Array;
  /** Cell id of integer coordinates, or −1 when that cell is empty. */
  lookup(ix: number, iy: number, iz: number): number;
}

/** Largest integer cell coordinate allowed; beyond it the hash keys would overflow int32. */
const MAX_CELL_INDEX = 2 ** 30;

function hashCell(ix: number, iy: number, iz: number): number {
  return Math.imul(ix, 73856093) ^ Math.imul(iy, 19349663) ^ Math.imul(iz, 83492791);
}

/**
 * Builds a grid of cell edge `cellSize` over `points` (row-major xyz, length 3n).
 * Throws {@link InvalidArgumentError} for a non-finite coordinate or a cell size
 * so small relative to the cloud's extent that cell indices would exceed 2³⁰.
 */
export function buildUniformGrid(points: Float64Array, cellSize: number): UniformGrid {
  const n = points.length / 3;
  let minX = Infinity;
  let minY = Infinity;
  let minZ = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let maxZ = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = points[3 * i]!;
    const y = points[3 * i + 1]!;
    const z = points[3 * i + 2]!;
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) {
      throw new InvalidArgumentError({
        argument: `points[${3 * i}..${3 * i + 2}]`,
        value: [x, y, z],
        message: `point ${i} has a non-finite coordinate`,
      });
    }
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (z < minZ) minZ = z;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
    if (z > maxZ) maxZ = z;
  }
  const inverse = 1 / cellSize;
  const extentCells = n === 0 ? 0 : Math.max(maxX - minX, maxY - minY, maxZ - minZ) * inverse;
  if (!(extentCells < MAX_CELL_INDEX)) {
    throw new InvalidArgumentError({
      argument: 'eps',
      value: cellSize,
      message: `the cloud spans ${extentCells.toExponential(2)} cells of size ${cellSize}; use a larger radius or split the cloud`,
    });
  }

  // Open-addressing hash table: capacity a power of two ≥ 2n keeps probes short.
  let capacity = 16;
  while (capacity < 2 * n) capacity *= 2;
  const mask = capacity - 1;
  const table = new Int32Array(capacity).fill(-1);
  const cellCoords = new Int32Array(3 * Math.max(n, 1));
  const cellOfPoint = new Int32Array(n);
  let cellCount = 0;
  for (let i = 0; i < n; i++) {
    const ix = Math.floor((points[3 * i]! - minX) * inverse);
    const iy = Math.floor((points[3 * i + 1]! - minY) * inverse);
    const iz = Math.floor((points[3 * i + 2]! - minZ) * inverse);
    let slot = hashCell(ix, iy, iz) & mask;
    for (;;) {
      const cell = table[slot]!;
      if (cell === -1) {
        table[slot] = cellCount;
        cellCoords[3 * cellCount] = ix;
        cellCoords[3 * cellCount + 1] = iy;
        cellCoords[3 * cellCount + 2] = iz;
        cellOfPoint[i] = cellCount++;
        break;
      }
      if (cellCoords[3 * cell] === ix && cellCoords[3 * cell + 1] === iy && cellCoords[3 * cell + 2] === iz) {
        cellOfPoint[i] = cell;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }

  // Renumber the cells in lexicographic (z, y, x) order, so that neighbouring cells — and
  // their points — are close in memory: 2–3× faster neighbour passes on large shuffled clouds.
  reorderCells(cellCoords, cellCount, cellOfPoint, table);

  // Counting sort of the points by cell (stable: ascending index inside a cell).
  // Counting sort of the points by cell (stable: ascending index inside a cell).
  const cellStart = new Int32Array(cellCount + 1);
  for (let i = 0; i < n; i++) cellStart[cellOfPoint[i]! + 1]!++;
  for (let c = 0; c < cellCount; c++) cellStart[c + 1]! += cellStart[c]!;
  const fill = cellStart.slice(0, cellCount);
  const order = new Int32Array(n);
  const positionOf = new Int32Array(n);
  const sorted = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const position = fill[cellOfPoint[i]!]!++;
    order[position] = i;
    positionOf[i] = position;
    sorted[3 * position] = points[3 * i]!;
    sorted[3 * position + 1] = points[3 * i + 1]!;
    sorted[3 * position + 2] = points[3 * i + 2]!;
  }

  const lookup = (ix: number, iy: number, iz: number): number => {
    if (ix < 0 || iy < 0 || iz < 0) return -1;
    let slot = hashCell(ix, iy, iz) & mask;
    for (;;) {
      const cell = table[slot]!;
      if (cell === -1) return -1;
      if (cellCoords[3 * cell] === ix && cellCoords[3 * cell + 1] === iy && cellCoords[3 * cell + 2] === iz)
        return cell;
      slot = (slot + 1) & mask;
    }
  };

  return {
    cellSize,
    cellCount,
    cellStart,
    cellCoords: cellCoords.subarray(0, 3 * cellCount),
    order,
    positionOf,
    sorted,
    lookup,
  };
}

/**
 * Sorts the cells by the key `(iz·ny + iy)·nx + ix` (native numeric sort of a
 * Float64Array), maps each sorted key back to its cell through the hash
 * table, and renumbers `cellCoords`, `cellOfPoint` and the table in place.
 * Skipped when the key would not be an exact double (grid > 2⁵³ cells).
 */
function reorderCells(cellCoords: Int32Array, cellCount: number, cellOfPoint: Int32Array, table: Int32Array): void {
  let nx = 0;
  let ny = 0;
  let nz = 0;
  for (let c = 0; c < cellCount; c++) {
    if (cellCoords[3 * c]! >= nx) nx = cellCoords[3 * c]! + 1;
    if (cellCoords[3 * c + 1]! >= ny) ny = cellCoords[3 * c + 1]! + 1;
    if (cellCoords[3 * c + 2]! >= nz) nz = cellCoords[3 * c + 2]! + 1;
  }
  if (nx * ny * nz >= 2 ** 53) return;
  const keys = new Float64Array(cellCount);
  for (let c = 0; c < cellCount; c++)
    keys[c] = (cellCoords[3 * c + 2]! * ny + cellCoords[3 * c + 1]!) * nx + cellCoords[3 * c]!;
  const sortedKeys = keys.slice().sort();
  const mask = table.length - 1;
  const rank = new Int32Array(cellCount);
  for (let r = 0; r < cellCount; r++) {
    const key = sortedKeys[r]!;
    const ix = key % nx;
    const rest = (key - ix) / nx;
    const iy = rest % ny;
    const iz = (rest - iy) / ny;
    let slot = hashCell(ix, iy, iz) & mask;
    for (;;) {
      const cell = table[slot]!;
      if (cellCoords[3 * cell] === ix && cellCoords[3 * cell + 1] === iy && cellCoords[3 * cell + 2] === iz) {
        rank[cell] = r;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  for (let slot = 0; slot < table.length; slot++) if (table[slot] !== -1) table[slot] = rank[table[slot]!]!;
  for (let i = 0; i < cellOfPoint.length; i++) cellOfPoint[i] = rank[cellOfPoint[i]!]!;
  const coords = cellCoords.slice(0, 3 * cellCount);
  for (let c = 0; c < cellCount; c++) {
    const r = rank[c]!;
    cellCoords[3 * r] = coords[3 * c]!;
    cellCoords[3 * r + 1] = coords[3 * c + 1]!;
    cellCoords[3 * r + 2] = coords[3 * c + 2]!;
  }
}

/**
 * Writes into `out` the ids of the up-to-27 non-empty cells around `cell`
 * (itself included) and returns how many there are.
 */
export function neighbourCells(grid: UniformGrid, cell: number, out: Int32Array): number {
  const cx = grid.cellCoords[3 * cell]!;
  const cy = grid.cellCoords[3 * cell + 1]!;
  const cz = grid.cellCoords[3 * cell + 2]!;
  let count = 0;
  for (let dz = -1; dz <= 1; dz++) {
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const other = grid.lookup(cx + dx, cy + dy, cz + dz);
        if (other !== -1) out[count++] = other;
      }
    }
  }
  return count;
}

/**
 * Writes into `out` the ids of the non-empty cells among the 13 "forward"
 * neighbours of `cell` (offsets lexicographically after (0,0,0) in z, y, x),
 * so that each unordered pair of adjacent cells is visited exactly once.
 */
export function forwardNeighbourCells(grid: UniformGrid, cell: number, out: Int32Array): number {
  const cx = grid.cellCoords[3 * cell]!;
  const cy = grid.cellCoords[3 * cell + 1]!;
  const cz = grid.cellCoords[3 * cell + 2]!;
  let count = 0;
  for (let dz = 0; dz <= 1; dz++) {
    for (let dy = dz === 0 ? 0 : -1; dy <= 1; dy++) {
      for (let dx = dz === 0 && dy === 0 ? 1 : -1; dx <= 1; dx++) {
        const other = grid.lookup(cx + dx, cy + dy, cz + dz);
        if (other !== -1) out[count++] = other;
      }
    }
  }
  return count;
}
