/**
 * Clock-direction extraction: "3 o'clock", "three o'clock", "3 o clock",
 * "3:00 direction", "the 3 o'clock position". When several clock values are
 * named, the one at a conclusion cue ("at the end", "then", "finally") wins,
 * else the first. "0 o'clock" reads as 12.
 */
import { normalizeResponse } from './normalize';
import { scanQuantities } from './quantities';
import { DIRECTION_CUES, selectCandidate } from './select';

/** The clock value 1–12 a response names, or undefined. */
export function extractClock(response: string): number | undefined {
  const text = normalizeResponse(response);
  const clocks = scanQuantities(text).filter((quantity) => quantity.kind === 'clock' && Number.isInteger(quantity.value) && quantity.value >= 0 && quantity.value <= 12);
  const chosen = selectCandidate(text, clocks, DIRECTION_CUES);
  if (chosen === undefined) return undefined;
  return chosen.value === 0 ? 12 : chosen.value;
}
