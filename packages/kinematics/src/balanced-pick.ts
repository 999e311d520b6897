/**
 * Capped, label-balanced random choice among eligible candidates, and
 * balanced polarity assignment.
 */
import type { Random } from '@stkit/core';

/**
 * Picks at most `cap` items so that no label dominates: items are grouped by
 * `keyOf` (e.g. the clock value, or same/different), the groups visited
 * round-robin in a random order, each time taking a uniformly random item
 * not yet taken from the group, until `cap` items are taken or all are.
 * With one group this is a uniform random choice of `min(cap, n)` items.
 * Cost O(n + cap): a partial Fisher–Yates per group, one random draw per pick.
 * @param pool - the candidates (not modified).
 * @param keyOf - the label of an item; `undefined` = one group (a uniform choice).
 * @returns the picked items, in pick order.
 */
export function pickBalanced<T>(
  pool: readonly T[],
  keyOf: ((item: T) => string | number) | undefined,
  cap: number,
  random: Random,
): T[] {
  if (pool.length === 0 || cap <= 0) return [];
  if (keyOf === undefined) return pickUniform(pool, cap, random);
  const keys: (string | number)[] = [];
  const groups: T[][] = [];
  for (const item of pool) {
    const key = keyOf(item);
    let index = keys.indexOf(key); // few distinct keys (≤ 12)
    if (index < 0) {
      index = keys.length;
      keys.push(key);
      groups.push([]);
    }
    groups[index]!.push(item);
  }
  const order = groups.length === 1 ? groups : random.shuffle(groups);
  const picked: T[] = [];
  const limit = Math.min(cap, pool.length);
  for (let round = 0; picked.length < limit; round++) {
    for (let g = 0; g < order.length && picked.length < limit; g++) {
      const group = order[g]!;
      if (round >= group.length) continue;
      const other = round + random.int(group.length - round);
      const item = group[other]!;
      group[other] = group[round]!;
      group[round] = item;
      picked.push(item);
    }
  }
  return picked;
}

/** A uniform random choice of `min(cap, n)` items, in pick order (partial Fisher–Yates on a copy). */
function pickUniform<T>(pool: readonly T[], cap: number, random: Random): T[] {
  const items = pool.slice();
  const limit = Math.min(cap, items.length);
  for (let index = 0; index < limit; index++) {
    const other = index + random.int(items.length - index);
    const item = items[other]!;
    items[other] = items[index]!;
    items[index] = item;
  }
  items.length = limit;
  return items;
}

/**
 * Balanced polarity: hands out 'positive' and 'negative' alternately per
 * key, each key starting at random, so every key gets ⌊n/2⌋ of each (and
 * the odd one is a coin flip).
 * @returns a function giving the polarity of the next item with `key`.
 */
export function createPolarityBalancer(random: Random): (key: string | number) => 'positive' | 'negative' {
  const next = new Map<string | number, boolean>();
  return (key) => {
    const positive = next.get(key) ?? random.next() < 0.5;
    next.set(key, !positive);
    return positive ? 'positive' : 'negative';
  };
}
