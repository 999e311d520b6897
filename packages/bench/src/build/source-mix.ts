/**
 * Source mixes: parsing `nuplan=0.748,nuscenes=0.125,…` and turning weights
 * into per-dataset quotas that respect availability. The paper's STKit-Bench
 * mix ([definitions §6](docs/pages/definitions.md#benchmark)) is {@link PAPER_MIX}.
 */
import { InvalidArgumentError } from '@stkit/core';

/** STKit-Bench's source mix ([definitions §6](docs/pages/definitions.md#benchmark)): 74.8 % nuPlan, 12.5 % nuScenes, 5.6 % Argoverse 2, 7.1 % Ego-Exo4D (Aria). */
export const PAPER_MIX: Readonly<Record<string, number>> = Object.freeze({
  nuplan: 0.748,
  nuscenes: 0.125,
  argoverse2: 0.056,
  aria: 0.071,
});

/**
 * Parses `name=weight,name=weight`; weights are normalised to sum 1.
 * @param text - the `--mix` value.
 * @throws {@link InvalidArgumentError} for `mix`: '…' is not name=weight
 */
export function parseMix(text: string): Record<string, number> {
  const mix: Record<string, number> = {};
  for (const part of text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const match = /^([^=\s]+)\s*=\s*([0-9]*\.?[0-9]+(?:e-?\d+)?)$/i.exec(part);
    if (!match)
      throw new InvalidArgumentError({ argument: 'mix', value: text, message: `'${part}' is not name=weight` });
    mix[match[1]!] = Number(match[2]);
  }
  return normalizeMix(mix);
}

/**
 * Validates weights (finite, non-negative, positive sum) and scales them to sum 1.
 * @returns the weights divided by their sum.
 * @throws {@link InvalidArgumentError} for `mix`: needs at least one dataset
 * @throws {@link InvalidArgumentError} for `mix.…`: must be a finite non-negative weight
 * @throws {@link InvalidArgumentError} for `mix`: weights must not all be zero
 */
export function normalizeMix(mix: Readonly<Record<string, number>>): Record<string, number> {
  const entries = Object.entries(mix);
  if (entries.length === 0)
    throw new InvalidArgumentError({ argument: 'mix', value: mix, message: 'needs at least one dataset' });
  for (const [name, weight] of entries) {
    if (!Number.isFinite(weight) || weight < 0)
      throw new InvalidArgumentError({
        argument: `mix.${name}`,
        value: weight,
        message: 'must be a finite non-negative weight',
      });
  }
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  if (!(total > 0))
    throw new InvalidArgumentError({ argument: 'mix', value: mix, message: 'weights must not all be zero' });
  return Object.fromEntries(entries.map(([name, weight]) => [name, weight / total]));
}

/**
 * Largest-remainder rounding of `total · weight` per key (sums to `total`; ties by key order).
 * @returns an integer count per key.
 */
export function apportion(total: number, weights: Readonly<Record<string, number>>): Record<string, number> {
  const names = Object.keys(weights);
  const raw = names.map((name) => total * weights[name]!);
  const out = Object.fromEntries(names.map((name, index) => [name, Math.floor(raw[index]!)]));
  let left = total - names.reduce((sum, name) => sum + out[name]!, 0);
  const order = names
    .map((name, index) => ({ name, remainder: raw[index]! - Math.floor(raw[index]!) }))
    .sort((a, b) => b.remainder - a.remainder);
  for (let index = 0; left > 0 && order.length > 0; index = (index + 1) % order.length, left--)
    out[order[index]!.name]!++;
  return out;
}

/**
 * Quotas per dataset for `total` picks: the mix's shares, each capped at what
 * is available, the shortfall moved to datasets with spare samples in
 * proportion to their weights.
 * @returns an integer quota per dataset, none above its availability.
 */
export function mixQuotas(
  total: number,
  weights: Readonly<Record<string, number>>,
  available: Readonly<Record<string, number>>,
): Record<string, number> {
  const quotas = Object.fromEntries(Object.keys(weights).map((name) => [name, 0]));
  let remaining = Math.min(
    total,
    Object.keys(weights).reduce((sum, name) => sum + (weights[name]! > 0 ? (available[name] ?? 0) : 0), 0),
  );
  for (let round = 0; remaining > 0 && round < 64; round++) {
    const open = Object.keys(weights).filter((name) => (available[name] ?? 0) > quotas[name]! && weights[name]! > 0);
    if (open.length === 0) break;
    const share = apportion(remaining, Object.fromEntries(open.map((name) => [name, weights[name]!])));
    for (const name of open) {
      const add = Math.min(share[name]!, (available[name] ?? 0) - quotas[name]!);
      quotas[name]! += add;
      remaining -= add;
    }
  }
  return quotas;
}
