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
 * @returns the picked items, in pick order.
 */
export function pickBalanced<T>(pool: readonly T[], keyOf: (item: T) => string | number, cap: number, random: Random): T[] {
  if (pool.length === 0 || cap <= 0) return [];
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

/**
 * Balanced polarity: hands out 'positive' and 'negative' alternately per
 * key, each key starting at random, so every key gets ⌊n/2⌋ of each (and
 * the odd one is a coin flip).
 */
export function createPolarityBalancer(random: Random): (key: string | number) => 'positive' | 'negative' {
  const next = new Map<string | number, boolean>();
  return (key) => {
    const positive = next.get(key) ?? random.next() < 0.5;
    next.set(key, !positive);
    return positive ? 'positive' : 'negative';
  };
}
