import { describe, expect, it } from 'vitest';
import { indexIdMap } from './id-map-index';

describe('indexIdMap', () => {
  it('groups pixels by id in increasing order (hand-checked)', () => {
    // 3×4 map, rows: [1 1 0 2], [0 1 2 2], [7 0 0 2].
    const index = indexIdMap(Uint16Array.from([1, 1, 0, 2, 0, 1, 2, 2, 7, 0, 0, 2]));
    expect(Array.from(index.ids)).toEqual([1, 2, 7]);
    expect(Array.from(index.offsets)).toEqual([0, 3, 7, 8]);
    expect(Array.from(index.pixels)).toEqual([0, 1, 5, 3, 6, 7, 11, 8]);
  });

  it('an empty map has no ids', () => {
    const index = indexIdMap(new Uint16Array(5));
    expect([index.ids.length, Array.from(index.offsets), index.pixels.length]).toEqual([0, [0], 0]);
  });
});
