/**
 * Interns token strings to dense integer ids straight from the bytes of a
 * streamed record, without creating a JS string per token: a v1.0-trainval
 * `sample_annotation.json` holds 1.2 M tokens, and a `Map<string, …>` of them
 * costs ~100 bytes each. Here a token costs its bytes in one pool plus ~12
 * bytes of index (open addressing over an `Int32Array`, load ≤ 0.5).
 *
 * Each id also records the 1-based row where the token was *defined* (the
 * record whose `token` it is), so that references to tokens that nothing
 * defines and tokens defined twice can be reported.
 */
export interface TokenTable {
  /** Number of ids handed out. */
  readonly size: number;
  /** The id of the token bytes `[start, end)`, creating it when new. */
  intern(buffer: Uint8Array, start: number, end: number): number;
  /** The id of the token bytes, or -1 when unknown. */
  find(buffer: Uint8Array, start: number, end: number): number;
  /** The id of a token given as a string, or -1. */
  findString(token: string): number;
  /** The token of an id, decoded. */
  token(id: number): string;
  /** Marks `id` as defined at `row`; returns the earlier row when it was already defined, else 0. */
  define(id: number, row: number): number;
  /** The row where `id` was defined, 0 when never. */
  definedAt(id: number): number;
}

const EMPTY = -1;

/** Creates an empty token table sized for about `expected` tokens. */
export function createTokenTable(expected = 1024): TokenTable {
  let capacity = 1;
  while (capacity < expected * 2) capacity <<= 1;
  let slots = new Int32Array(capacity).fill(EMPTY);
  let hashes = new Int32Array(Math.max(16, expected));
  let offsets = new Int32Array(Math.max(16, expected) + 1);
  let rows = new Int32Array(Math.max(16, expected));
  let pool = new Uint8Array(Math.max(256, expected * 32));
  let count = 0;

  const hashOf = (buffer: Uint8Array, start: number, end: number): number => {
    // FNV-1a, 32 bit.
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buffer[i]!, 0x01000193);
    return h;
  };

  const equals = (id: number, buffer: Uint8Array, start: number, end: number): boolean => {
    const from = offsets[id]!;
    const size = offsets[id + 1]! - from;
    if (size !== end - start) return false;
    for (let i = 0; i < size; i++) if (pool[from + i] !== buffer[start + i]) return false;
    return true;
  };

  const lookup = (buffer: Uint8Array, start: number, end: number, h: number): number => {
    const mask = slots.length - 1;
    let index = h & mask;
    for (;;) {
      const id = slots[index]!;
      if (id === EMPTY) return -1 - index;
      if (hashes[id] === h && equals(id, buffer, start, end)) return id;
      index = (index + 1) & mask;
    }
  };

  const grow = (): void => {
    const next = new Int32Array(slots.length * 2).fill(EMPTY);
    const mask = next.length - 1;
    for (let id = 0; id < count; id++) {
      let index = hashes[id]! & mask;
      while (next[index] !== EMPTY) index = (index + 1) & mask;
      next[index] = id;
    }
    slots = next;
  };

  const growArrays = (): void => {
    const size = hashes.length * 2;
    const copy = (from: Int32Array, length: number): Int32Array<ArrayBuffer> => {
      const to = new Int32Array(length);
      to.set(from);
      return to;
    };
    hashes = copy(hashes, size);
    rows = copy(rows, size);
    offsets = copy(offsets, size + 1);
  };

  return {
    get size() {
      return count;
    },
    intern(buffer, start, end) {
      const h = hashOf(buffer, start, end);
      const found = lookup(buffer, start, end, h);
      if (found >= 0) return found;
      if (count >= hashes.length) growArrays();
      const size = end - start;
      const from = offsets[count]!;
      if (from + size > pool.length) {
        const bigger = new Uint8Array(Math.max(pool.length * 2, from + size));
        bigger.set(pool);
        pool = bigger;
      }
      pool.set(buffer.subarray(start, end), from);
      offsets[count + 1] = from + size;
      hashes[count] = h;
      rows[count] = 0;
      const id = count++;
      slots[-1 - found] = id;
      if (count * 2 > slots.length) grow();
      return id;
    },
    find(buffer, start, end) {
      const found = lookup(buffer, start, end, hashOf(buffer, start, end));
      return found >= 0 ? found : -1;
    },
    findString(token) {
      const bytes = Buffer.from(token, 'utf8');
      return this.find(bytes, 0, bytes.length);
    },
    token(id) {
      return Buffer.from(pool.buffer, pool.byteOffset + offsets[id]!, offsets[id + 1]! - offsets[id]!).toString('utf8');
    },
    define(id, row) {
      const earlier = rows[id]!;
      if (earlier === 0) rows[id] = row;
      return earlier;
    },
    definedAt(id) {
      return rows[id]!;
    },
  };
}
