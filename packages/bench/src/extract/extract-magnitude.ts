/**
 * Distance and speed extraction: the number with a unit of the asked kind,
 * converted to SI. A range ("10-12 m", "between 10 and 12 meters") reads as its
 * midpoint; an equivalent in parentheses ("15 m (49 ft)") is skipped; rates
 * ("2 m per frame") are not distances. Without any unit of the asked kind, a
 * bare number that is not one of the question's own numbers (timestamps,
 * frame count, video length) and not a time, clock or count reads in the SI
 * unit (metres, m/s). A number with a unit of another kind (a speed given for
 * a distance) is never used. Values the response reasons from ("typical lane
 * widths (~3.5 m)", "assuming the car is 4.5 m long", "a typical walking speed
 * of 1.4 m/s") are passed over when it states another.
 */
import { normalizeResponse } from './normalize';
import { scanQuantities, type Quantity } from './quantities';
import { selectCandidate, VALUE_CUES, type Span } from './select';

/** Options of {@link extractMagnitude}. */
export interface ExtractMagnitudeOptions {
  /** The model's response. */
  readonly response: string;
  /** Which magnitude the question asks for. */
  readonly kind: 'length' | 'speed';
  /** The question text: its numbers are never read as the answer when they stand without a unit. */
  readonly question?: string;
}

interface Candidate extends Span {
  readonly si: number;
}

const RANGE_JOIN = /^\s*(?:-|to|and|or)\s*$/;

function questionNumbers(question: string | undefined): Set<number> {
  const numbers = new Set<number>();
  if (question === undefined) return numbers;
  for (const quantity of scanQuantities(normalizeResponse(question))) numbers.add(quantity.value);
  return numbers;
}

/** Merges "A - B unit" / "between A and B unit" / "A unit to B unit" into one midpoint candidate. */
function collectCandidates(text: string, quantities: readonly Quantity[], kind: 'length' | 'speed'): Candidate[] {
  const out: Candidate[] = [];
  for (let index = 0; index < quantities.length; index++) {
    const quantity = quantities[index]!;
    const next = quantities[index + 1];
    if (next !== undefined && next.kind === kind && (quantity.kind === 'unitless' || quantity.kind === kind)) {
      const joint = text.slice(quantity.end, next.start);
      const isAnd = /\band\b/.test(joint);
      const between = /\bbetween\s*$/.test(text.slice(Math.max(0, quantity.start - 12), quantity.start));
      if (RANGE_JOIN.test(joint) && (!isAnd || between)) {
        const low = quantity.kind === kind ? quantity.si : (quantity.value * next.si) / next.value;
        const si = next.value === 0 && quantity.kind !== kind ? 0 : (low + next.si) / 2;
        out.push({ si, start: quantity.start, end: next.end });
        index++;
        continue;
      }
    }
    if (quantity.kind !== kind) continue;
    const previous = out[out.length - 1];
    // "15 m (49.2 ft)" or "15 m, or 49.2 ft": the second is the same value in other units.
    if (
      previous !== undefined &&
      /^\s*(?:,?\s*(?:or|i\.e\.,?|that is|which is)\s*(?:about|approximately|roughly)?\s*)?\(\s*(?:about|approximately|roughly|or)?\s*$/.test(
        text.slice(previous.end, quantity.start),
      )
    )
      continue;
    out.push({ si: quantity.si, start: quantity.start, end: quantity.end });
  }
  return out;
}

// A value the response reasons from rather than concludes: "typical lane widths (~3.5 m)", "assuming the car is
// 4.5 m long", "a typical walking speed of 1.4 m/s". Read in the candidate's clause (from the last , ; : ) or
// sentence break before it) and just after it.
const REFERENCE_BEFORE =
  /\b(?:typical(?:ly)?|standard|usual(?:ly)?|normal(?:ly)?|assum\w*|reference|lanes?|lane widths?|car lengths?|length of (?:a|an|the)|dash(?:es)?|each|walking speed|speed limits?)\b/;
const REFERENCE_AFTER = /^\s*(?:long|wide|in length|in width|apart|each)\b/;

function isReference(text: string, candidate: Candidate): boolean {
  const before = text.slice(Math.max(0, candidate.start - 120), candidate.start);
  const clause = before.slice(
    Math.max(
      before.lastIndexOf(','),
      before.lastIndexOf(';'),
      before.lastIndexOf(':'),
      before.lastIndexOf(')'),
      before.search(/[.!?]\s[^.!?]*$/),
    ) + 1,
  );
  return REFERENCE_BEFORE.test(clause) || REFERENCE_AFTER.test(text.slice(candidate.end, candidate.end + 20));
}

/** The asked magnitude in SI (metres or m/s), or undefined when the response states none. */
export function extractMagnitude(options: ExtractMagnitudeOptions): number | undefined {
  const text = normalizeResponse(options.response);
  const quantities = scanQuantities(text);
  const candidates = collectCandidates(text, quantities, options.kind);
  if (candidates.length > 0) {
    // Reference values are passed over when the response states another value of the asked kind.
    const answers = candidates.filter((candidate) => !isReference(text, candidate));
    return selectCandidate(text, answers.length > 0 ? answers : candidates, VALUE_CUES)?.si;
  }
  // No unit of the asked kind. A number with a unit of another kind disqualifies only itself.
  const excluded = questionNumbers(options.question);
  const bare: Candidate[] = [];
  for (let index = 0; index < quantities.length; index++) {
    const quantity = quantities[index]!;
    if (quantity.kind !== 'unitless' || excluded.has(quantity.value)) continue;
    // A bare number joined to a time ("3 to 5 seconds") is a time.
    const next = quantities[index + 1];
    if (next !== undefined && next.kind === 'time' && RANGE_JOIN.test(text.slice(quantity.end, next.start))) continue;
    if (
      /\b(?:at|from|until|till|between|after|before|frame|step|number|no\.)\s*$/.test(
        text.slice(Math.max(0, quantity.start - 10), quantity.start),
      )
    )
      continue;
    bare.push({ si: quantity.value, start: quantity.start, end: quantity.end });
  }
  return selectCandidate(text, bare, VALUE_CUES)?.si;
}
