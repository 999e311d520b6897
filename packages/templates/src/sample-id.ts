/**
 * Deterministic, readable sample ids. The id names what is asked, not how it
 * is worded, so it is the same for every seed and unique within a clip as
 * long as no two facts ask the same question.
 */
import type { Fact } from '@stkit/core';
import { formatFixed2 } from './quantity-format';

/**
 * `<clipId>:<task>:<trackIds joined by '+'>[:<what>]`, where `<what>` is
 * - `<start>-<end>` (two decimals) for distance and speed,
 * - nothing for movement direction (one per object),
 * - `<clock>@<start>-<end>` for direction timestamp,
 * - the polarity for the three comparisons.
 *
 * E.g. `scene-0061:traveled_distance:car-3:0.00-19.50`,
 * `scene-0061:traveling_speed_comparison:car-3+ped-7:negative`.
 * @returns the sample id, stable for the same clip and fact.
 */
export function sampleIdFor(clipId: string, fact: Fact): string {
  const head = `${clipId}:${fact.task}:${fact.trackIds.join('+')}`;
  switch (fact.task) {
    case 'traveled_distance':
    case 'traveling_speed':
      return `${head}:${formatFixed2(fact.label.start)}-${formatFixed2(fact.label.end)}`;
    case 'movement_direction':
      return head;
    case 'direction_timestamp':
      return `${head}:${fact.label.clock}@${formatFixed2(fact.label.start)}-${formatFixed2(fact.label.end)}`;
    default:
      return `${head}:${fact.label.polarity}`;
  }
}
