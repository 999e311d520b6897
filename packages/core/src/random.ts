/**
 * A seeded pseudo-random generator whose sequence is identical on every
 * platform and Node version: xoshiro128** on 32-bit integer arithmetic
 * (`Math.imul`, `>>> 0`), seeded through splitmix32. Never uses `Math.random`.
 */
import { InvalidArgumentError } from './errors';

/** A deterministic random source. */
export interface Random {
  /** Next 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** A new array with the items in a uniformly random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** An independent generator derived from this one's seed and a label (order-independent sub-streams). */
  fork(label: string | number): Random;
}

/**
 * Hashes a string to 32 bits (FNV-1a over UTF-16 code units).
 * @param text - any string.
 * @returns an unsigned 32-bit integer.
 */
export function hashString32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function splitmix32(state: { value: number }): number {
  state.value = (state.value + 0x9e3779b9) >>> 0;
  let z = state.value;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Creates a generator from a seed (an integer, or a string hashed to one).
 * The same seed gives the same sequence everywhere.
 * @throws {@link InvalidArgumentError} for `seed`: must be a finite number or a string
 */
export function createRandom(seed: number | string): Random {
  let seed32: number;
  if (typeof seed === 'string') seed32 = hashString32(seed);
  else {
    if (!Number.isFinite(seed))
      throw new InvalidArgumentError({ argument: 'seed', value: seed, message: 'must be a finite number or a string' });
    // Fold the integer's high bits in so that seeds above 2^32 still differ.
    const integer = Math.trunc(seed);
    seed32 = (integer >>> 0) ^ Math.floor(integer / 4294967296);
  }
  return fromSeed32(seed32 >>> 0);
}

function fromSeed32(seed32: number): Random {
  const init = { value: seed32 };
  return fromState([splitmix32(init), splitmix32(init), splitmix32(init), splitmix32(init)], seed32);
}

/** @internal Generator from an explicit xoshiro128** state (for reference-vector tests). */
export function fromState(state: readonly [number, number, number, number], seed32 = 0): Random {
  let [s0, s1, s2, s3] = state;
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  const next = (): number => nextUint32() / 4294967296;
  const int = (n: number): number => {
    if (!Number.isInteger(n) || n <= 0 || n > 4294967296)
      throw new InvalidArgumentError({ argument: 'n', value: n, message: 'must be an integer in [1, 2^32]' });
    // Rejection sampling: no modulo bias.
    const limit = 4294967296 - (4294967296 % n);
    let value = nextUint32();
    while (value >= limit) value = nextUint32();
    return value % n;
  };
  return {
    nextUint32,
    next,
    int,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0)
        throw new InvalidArgumentError({ argument: 'items', message: 'cannot pick from an empty array' });
      return items[int(items.length)]!;
    },
    shuffle<T>(items: readonly T[]): T[] {
      const out = items.slice();
      for (let index = out.length - 1; index > 0; index--) {
        const other = int(index + 1);
        const tmp = out[index]!;
        out[index] = out[other]!;
        out[other] = tmp;
      }
      return out;
    },
    fork(label: string | number): Random {
      return fromSeed32((hashString32(String(label)) ^ Math.imul(seed32, 0x9e3779b1)) >>> 0);
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
