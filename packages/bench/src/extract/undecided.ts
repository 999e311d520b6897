/**
 * Refusals phrased around the question ("it is hard to tell whether the red
 * one is faster", "I cannot determine whether they move in the same
 * direction") restate the question rather than answer it, yet contain the
 * very words an answer would ("faster", "same direction"). Such clauses are
 * blanked before the comparison extractors read a response; an answer given
 * after them ("…, but the red one seems faster", a later sentence) still
 * counts.
 */
import { sentenceStarts } from './select';

const UNDECIDED_CLAUSE =
  /(?:\b(?:cannot|can not|could not|unable to|impossible to|difficult to|hard to|not possible to|not easy to|no way to|not clear|unclear|uncertain)|n't)\s+(?:[a-z']+\s+){0,3}?(?:whether|if)\b/g;
const CLAUSE_END = /,?\s+(?:but|however|although|though|yet)\b/g;

/**
 * `text` (normalised) with every undecided clause replaced by spaces, from its
 * sentence's start to the sentence's end or a following "but" / "however".
 * Offsets are preserved.
 */
export function blankUndecidedClauses(text: string): string {
  const starts = sentenceStarts(text);
  let out = text;
  UNDECIDED_CLAUSE.lastIndex = 0;
  for (let match = UNDECIDED_CLAUSE.exec(text); match !== null; match = UNDECIDED_CLAUSE.exec(text)) {
    let sentence = 0;
    while (sentence + 1 < starts.length && starts[sentence + 1]! <= match.index) sentence++;
    const from = starts[sentence]!;
    const sentenceEnd = starts[sentence + 1] ?? text.length;
    CLAUSE_END.lastIndex = match.index + match[0].length;
    const boundary = CLAUSE_END.exec(text);
    const to = boundary !== null && boundary.index < sentenceEnd ? boundary.index : sentenceEnd;
    out = out.slice(0, from) + ' '.repeat(to - from) + out.slice(to);
  }
  return out;
}
