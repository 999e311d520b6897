/**
 * Capped, label-balanced random choice among eligible candidates, and
 * balanced polarity assignment.
 */
import type { Random } from '@stkit/core';

/**
 * Picks at most `cap` items so that no label dominates: items are grouped by
 * `keyOf` (e.g. the clock value, or same/different), each group shuffled,
 * the groups visited round-robin in a random order until `cap` items are
 * taken. With one group this is a uniform random choice of `cap` items.
 * @returns the picked items, in pick order.
 */
export function pickBalanced<T>(pool: readonly T[], keyOf: (item: T) => string | number, cap: number, random: Random): T[] {
  if (pool.length === 0 || cap <= 0) return [];
  const groups = new Map<string | number, T[]>();
  for (const item of pool) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  const queues = random.shuffle([...groups.values()]).map((group) => random.shuffle(group));
  const picked: T[] = [];
  for (let round = 0; picked.length < cap; round++) {
    let any = false;
    for (const queue of queues) {
      if (round < queue.length && picked.length < cap) {
        picked.push(queue[round]!);
        any = true;
      }
    }
    if (!any) break;
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
