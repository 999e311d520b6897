/**
 * Direction-comparison extraction. A statement about the directions ("same
 * direction", "parallel", "different directions", "opposite", "not … the same
 * direction") decides; without one, a leading yes/no answers the question as
 * asked: "yes" to "same direction?" means same, "yes" to "different
 * direction?" means different. Refusals that restate the question ("I can't
 * tell whether they move in the same direction") are not statements.
 */
import { normalizeResponse } from './normalize';
import { blankUndecidedClauses } from './undecided';

/** Options of {@link extractSameDirection}. */
export interface ExtractSameDirectionOptions {
  readonly response: string;
  /** `positive`: the question asks "same direction?"; `negative`: "different direction?". */
  readonly polarity: 'positive' | 'negative';
}

const NOT_SAME =
  /(?:\bnot|n't|\bnever|\bno longer)\s+(?:\w+\s+){0,4}?(?:the\s+)?(?:same|similar)\s+(?:general\s+)?(?:direction|way|heading)|\bnot\s+(?:\w+\s+){0,2}?(?:parallel|aligned)/;
const NOT_DIFFERENT =
  /(?:\bnot|n't|\bnever)\s+(?:\w+\s+){0,4}?(?:in\s+)?(?:a\s+)?(?:different|opposite)\s+directions?|\bno different\b/;
const SAME = /\b(?:same|similar)\s+(?:general\s+)?(?:direction|way|heading)|\bparallel\b|\baligned\b/;
const DIFFERENT =
  /\b(?:different|differing|opposite|contrary|perpendicular|orthogonal|divergent|diverging)\s+(?:\w+\s+)?(?:directions?|ways?|headings?)|\b(?:opposite|perpendicular|orthogonal)\b|\bdiverg\w*|\bdirections? (?:differ|are different)/;
const YES = /^(?:yes|yeah|yep|correct|indeed|true|affirmative|that's right|right)\b/;
const NO = /^(?:no|nope|incorrect|false|not really|actually)\b/;

/** True (same), false (different) or undefined when the response says neither. */
export function extractSameDirection(options: ExtractSameDirectionOptions): boolean | undefined {
  const text = blankUndecidedClauses(normalizeResponse(options.response));
  if (NOT_SAME.test(text)) return false;
  if (NOT_DIFFERENT.test(text)) return true;
  const same = SAME.exec(text);
  const different = DIFFERENT.exec(text);
  if (same !== null && different !== null) return same.index < different.index;
  if (same !== null) return true;
  if (different !== null) return false;
  const lead = text.replace(/^[^a-z]+/, '');
  const yes = YES.test(lead);
  const no = NO.test(lead);
  if (yes === no) return undefined;
  return options.polarity === 'positive' ? yes : no;
}
