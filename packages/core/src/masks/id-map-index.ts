/**
 * Grouping the pixels of an instance-id map by instance, for consumers (such
 * as lifting masks to 3D) that visit each object's pixels: one counting sort
 * over the map, no per-instance bitmap or copy of the map.
 */
import { InvalidArgumentError } from '../errors';

/** The pixels of each non-zero id of an id map, grouped (CSR layout). */
export interface IdMapIndex {
  /** The ids present, increasing. */
  readonly ids: Uint16Array;
  /** `pixels[offsets[k] … offsets[k + 1])` are the row-major pixel indices of `ids[k]`, increasing. */
  readonly offsets: Uint32Array;
  /** Row-major pixel indices (`y·width + x`), grouped by id. */
  readonly pixels: Uint32Array;
}

/**
 * Groups the non-zero pixels of a row-major `Uint16Array` id map by id (two passes, O(pixels + 65536)).
 * @throws {@link InvalidArgumentError} for `idMap`: must be a Uint16Array
 */
export function indexIdMap(idMap: Uint16Array): IdMapIndex {
  if (!(idMap instanceof Uint16Array))
    throw new InvalidArgumentError({ argument: 'idMap', message: 'must be a Uint16Array' });
  const counts = new Uint32Array(65536);
  for (let p = 0; p < idMap.length; p++) counts[idMap[p]!]!++;
  let present = 0,
    foreground = 0;
  for (let id = 1; id < 65536; id++)
    if (counts[id]) {
      present++;
      foreground += counts[id]!;
    }
  const ids = new Uint16Array(present),
    offsets = new Uint32Array(present + 1);
  // Reuse `counts` as each id's write cursor (its start offset).
  for (let id = 1, k = 0, start = 0; id < 65536; id++) {
    const count = counts[id]!;
    if (!count) continue;
    ids[k] = id;
    offsets[k] = start;
    counts[id] = start;
    start += count;
    k++;
  }
  offsets[present] = foreground;
  const pixels = new Uint32Array(foreground);
  for (let p = 0; p < idMap.length; p++) {
    const id = idMap[p]!;
    if (id !== 0) pixels[counts[id]!++] = p;
  }
  return { ids, offsets, pixels };
}
