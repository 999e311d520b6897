/**
 * Clock-direction extraction: "3 o'clock", "three o'clock", "3 o clock",
 * "3:00 direction", "the 3 o'clock position". When several clock values are
 * named, the one at a conclusion cue ("at the end", "ends", "then",
 * "finally") wins, else the first; a value the response rules out ("not
 * toward 12 o'clock", "rather than 12 o'clock") is passed over when another
 * is named. "0 o'clock" reads as 12.
 */
import { normalizeResponse } from './normalize';
import { scanQuantities } from './quantities';
import { DIRECTION_CUES, selectCandidate } from './select';

const NEGATED = /(?:\b(?:not|never|no longer|rather than|instead of)|n't)\s+(?:[a-z]+\s+){0,3}$/;

/** The clock value 1–12 a response names, or undefined. */
export function extractClock(response: string): number | undefined {
  const text = normalizeResponse(response);
  const clocks = scanQuantities(text).filter(
    (quantity) =>
      quantity.kind === 'clock' && Number.isInteger(quantity.value) && quantity.value >= 0 && quantity.value <= 12,
  );
  // "not toward 12 o'clock", "rather than 12 o'clock": a value the response rules out is not its answer.
  const affirmed = clocks.filter(
    (quantity) => !NEGATED.test(text.slice(Math.max(0, quantity.start - 40), quantity.start)),
  );
  const chosen = selectCandidate(text, affirmed.length > 0 ? affirmed : clocks, DIRECTION_CUES);
  if (chosen === undefined) return undefined;
  return chosen.value === 0 ? 12 : chosen.value;
}
