import { describe, expect, it } from 'vitest';
import { nearestNeighbourOrder } from './nearest-neighbour-order';

describe('nearestNeighbourOrder', () => {
  it('puts a swapped pair back and keeps a consistent trajectory', () => {
    // x = 0, 2, 1, 3: from 0 the nearest is 1 (index 2), then 2 (index 1), then 3.
    const swapped = nearestNeighbourOrder(Float64Array.from([0, 0, 0, 2, 0, 0, 1, 0, 0, 3, 0, 0]));
    expect(Array.from(swapped.order)).toEqual([0, 2, 1, 3]);
    expect(Array.from(swapped.centers)).toEqual([0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0]);
    expect(swapped.changed).toBe(true);
    const ordered = nearestNeighbourOrder(Float64Array.from([0, 0, 0, 1, 1, 0, 2, 2, 0]));
    expect(Array.from(ordered.order)).toEqual([0, 1, 2]);
    expect(ordered.changed).toBe(false);
  });
  it('breaks ties towards the lower index', () => {
    // From (0,0,0), (1,0,0) [index 1] and (−1,0,0) [index 2] are equally near → index 1; then (−1) is 2 away, (3) is 2 away → index 2.
    const result = nearestNeighbourOrder(Float64Array.from([0, 0, 0, 1, 0, 0, -1, 0, 0, 3, 0, 0]));
    expect(Array.from(result.order)).toEqual([0, 1, 2, 3]);
  });
});
