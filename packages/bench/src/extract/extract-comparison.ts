/**
 * Which object a distance/speed comparison response picks. The response's
 * comparative ("farther", "shorter", "faster", "more slowly", …) is tied to
 * its subject colour; the colour after "than" / "compared to" is the other
 * object; a negation flips the comparative, and "not as fast/far as" reads as
 * slower/shorter. With a known `kind`, comparatives of that quantity
 * ("faster", "a greater distance", "the speed is higher") are read before
 * generic ones about size or position ("larger", "in the lower part",
 * "farther from the camera"). Refusals restating the question ("hard to tell whether the
 * red one is faster") are not statements. The picked object is the one that
 * satisfies the question: "A is faster than B" and "B is slower than A" both
 * pick A for "which is faster?" and B for "which is slower?". Without a
 * comparative, a response naming only one of the two colours (not counting
 * "not the blue one") picks it, as does a verbless opening fragment naming
 * one ("The red one. The blue one is parked."); an
 * echo of the question ("between the red and the blue objects, …") is ignored.
 * Without a comparative but with a value stated for each colour ("red moves
 * about 30 m, blue only 10 m"), the values decide.
 */
import type { SampleObject } from '@stkit/core';
import { normalizeResponse } from './normalize';
import { scanQuantities } from './quantities';
import { sentenceOf, sentenceStarts } from './select';
import { blankUndecidedClauses } from './undecided';

/** Options of {@link extractComparedObject}. */
export interface ExtractComparedObjectOptions {
  readonly response: string;
  /** The two objects of the sample, with their box colours. */
  readonly objects: readonly SampleObject[];
  /** Whether the question asks for the larger value (positive) or the smaller (negative). */
  readonly polarity: 'positive' | 'negative';
  /** What is compared; enables reading "red moves 30 m, blue 10 m" by comparing the numbers. */
  readonly kind?: 'length' | 'speed';
}

interface Mention {
  readonly object: number;
  readonly start: number;
  readonly end: number;
}

interface Comparative {
  readonly larger: boolean;
  readonly start: number;
  readonly end: number;
  /** Whether it speaks of the compared quantity ("faster", "a greater distance") rather than of size or position ("larger", "lower in the frame"). */
  readonly specific: boolean;
}

const SMALLER = String.raw`more slowly|less quickly|less rapidly|less far|less|least|lesser|fewer|shorter|shortest|smaller|smallest|lower|lowest|slower|slowest`;
const LARGER = String.raw`more quickly|more rapidly|farther|further|farthest|furthest|more|most|greater|greatest|longer|longest|larger|largest|bigger|biggest|higher|highest|faster|fastest|quicker|quickest|exceeds?|outpaces?`;
// "not as fast as" / "isn't quite as far as" / "doesn't move as fast as": smaller (neither group matches, so `larger` is false).
const NOT_AS = String.raw`(?:\bnot|n't)\s+(?:[a-z]+\s+){0,2}?as\s+(?:fast|quick|quickly|rapid|rapidly|far)\s+as\b`;
const COMPARATIVE = new RegExp(String.raw`${NOT_AS}|\b(?:(${SMALLER})|(${LARGER}))\b`, 'g');
const NEGATION = /\b(?:not|never|no|n't|neither)\s+(?:\w+\s+){0,2}$|n't\s+(?:\w+\s+){0,2}$/;
const OTHER_MARKER =
  /\b(?:than|compared (?:to|with)|relative to|in comparison (?:to|with)|versus|vs\.?)\s+(?:that of\s+)?(?:the\s+)?(?:one|object)?\s*(?:\w+\s+){0,4}?$/;
const UNDECIDED =
  /\b(?:same (?:distance|speed)|equal(?:ly)?|neither|both (?:move|travel|cover)\w*(?: \w+){0,2} (?:same|equal)|cannot (?:determine|tell)|can't (?:determine|tell)|unable to)\b/;

const NEGATED_MENTION = /(?:\bnot|n't|\brather than|\binstead of)\s+(?:the\s+)?(?:one\s+(?:with|in)\s+(?:the\s+)?)?$/;
const VERB =
  /\b(?:is|are|was|were|be|been|moves?|moving|moved|travels?|traveling|travelled|traveled|covers?|covering|covered|goes|going|went|seems?|appears?|has|have|had|stays?|remains?)\b/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function findMentions(text: string, objects: readonly SampleObject[]): Mention[] {
  // Longest colour first so "light blue" is not read as "blue".
  const order = objects
    .map((object, index) => ({ index, color: object.color.toLowerCase() }))
    .sort((a, b) => b.color.length - a.color.length);
  const pattern = new RegExp(order.map((entry) => `\\b${escapeRegExp(entry.color)}\\b`).join('|'), 'g');
  const mentions: Mention[] = [];
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const object = order.find((entry) => entry.color === match![0])!.index;
    mentions.push({ object, start: match.index, end: match.index + match[0].length });
  }
  return mentions;
}

/** Drops "red and blue" / "red or blue" pairs that only repeat the question. */
function dropEchoes(text: string, mentions: Mention[]): Mention[] {
  const keep = mentions.slice();
  for (let index = 0; index + 1 < keep.length; index++) {
    const a = keep[index]!;
    const b = keep[index + 1]!;
    if (a.object === b.object) continue;
    const joint = text.slice(a.end, b.start);
    if (
      joint.length > 80 ||
      /[.;!?]/.test(joint) ||
      /\bthan\b/.test(joint) ||
      new RegExp(COMPARATIVE.source).test(joint)
    )
      continue;
    const isOr = /\b(?:or|versus|vs)\b/.test(joint);
    const isBetweenAnd =
      /\band\b/.test(joint) && /\bbetween\b[^.;]{0,40}$/.test(text.slice(Math.max(0, a.start - 45), a.start));
    if (isOr || isBetweenAnd) {
      keep.splice(index, 2);
      index--;
    }
  }
  return keep;
}

// Comparatives that can only be about speed / distance, and the nouns that make a generic one ("higher", "more") so.
const SPEED_WORD =
  /^(?:faster|fastest|slower|slowest|quicker|quickest|more quickly|less quickly|more rapidly|less rapidly|more slowly|outpaces?)$|as\s+(?:fast|quick|quickly|rapid|rapidly)\s+as$/;
const LENGTH_WORD = /^(?:farther|further|farthest|furthest|less far)$|as\s+far\s+as$/;
const SPEED_NOUN = /\b(?:speed|velocity|pace)\b/;
const LENGTH_NOUN = /\b(?:distance|ground|path|trajectory|far)\b/;
// "farther from the camera", "further away": a position, not the distance travelled.
const POSITION_AFTER = /^\s+(?:away|from|ahead|behind|back|to the)\b/;

function isSpecific(
  text: string,
  word: string,
  start: number,
  end: number,
  kind: 'length' | 'speed' | undefined,
): boolean {
  if (kind === undefined) return true;
  if ((kind === 'speed' ? SPEED_WORD : LENGTH_WORD).test(word))
    return kind === 'speed' || !POSITION_AFTER.test(text.slice(end, end + 12));
  // A generic comparative counts when the quantity's noun is next to it ("a higher speed", "the distance … is greater").
  const after = text.slice(end).match(/^\s+(?:[a-z]+\s+){0,2}/)?.[0] ?? '';
  const nearby = `${text
    .slice(Math.max(0, start - 40), start)
    .split(/\s+/)
    .slice(-5)
    .join(' ')} ${after}${text.slice(end + after.length).match(/^[a-z]+/)?.[0] ?? ''}`;
  return (kind === 'speed' ? SPEED_NOUN : LENGTH_NOUN).test(nearby);
}

function findComparatives(text: string, kind: 'length' | 'speed' | undefined): Comparative[] {
  const out: Comparative[] = [];
  COMPARATIVE.lastIndex = 0;
  for (let match = COMPARATIVE.exec(text); match !== null; match = COMPARATIVE.exec(text)) {
    let larger = match[2] !== undefined;
    if (NEGATION.test(text.slice(Math.max(0, match.index - 30), match.index))) larger = !larger;
    const end = match.index + match[0].length;
    out.push({ larger, start: match.index, end, specific: isSpecific(text, match[0], match.index, end, kind) });
  }
  // The task's own comparatives first, in text order; the generic ones only when none decides.
  return [...out.filter((comparative) => comparative.specific), ...out.filter((comparative) => !comparative.specific)];
}

/**
 * Index into `objects` of the picked object, or undefined when the response picks none.
 * @returns the index into `objects`, or `undefined`.
 */
export function extractComparedObjectIndex(options: ExtractComparedObjectOptions): number | undefined {
  if (options.objects.length !== 2) return undefined;
  const text = blankUndecidedClauses(normalizeResponse(options.response));
  const mentions = dropEchoes(text, findMentions(text, options.objects));
  if (mentions.length === 0) return undefined;
  const starts = sentenceStarts(text);
  const wantLarger = options.polarity === 'positive';
  if (UNDECIDED.test(text)) return undefined;
  for (const comparative of findComparatives(text, options.kind)) {
    const sentence = sentenceOf(starts, comparative.start);
    const inSentence = mentions.filter((mention) => sentenceOf(starts, mention.start) === sentence);
    if (inSentence.length === 0) continue;
    const otherMention = inSentence.find((mention) =>
      OTHER_MARKER.test(text.slice(Math.max(starts[sentence]!, mention.start - 60), mention.start)),
    );
    let subject: number | undefined;
    if (otherMention !== undefined) subject = 1 - otherMention.object;
    else {
      const before = inSentence.filter((mention) => mention.end <= comparative.start);
      subject = (before[before.length - 1] ?? inSentence.find((mention) => mention.start >= comparative.end))?.object;
    }
    if (subject === undefined) continue;
    return comparative.larger === wantLarger ? subject : 1 - subject;
  }
  // No comparative decides. "not the blue one" does not name an answer.
  const affirmed = mentions.filter(
    (mention) => !NEGATED_MENTION.test(text.slice(Math.max(0, mention.start - 24), mention.start)),
  );
  const named = new Set(affirmed.map((mention) => mention.object));
  if (named.size === 1) return affirmed[0]!.object;
  // A terse answer first ("The red one. The blue one is parked."): a verbless opening fragment naming one colour
  // (without a number: "Red: 10 m. Blue: 12 m." states values, compared below).
  const lead = text.slice(0, text.search(/[.;!?\n(]|$/));
  const inLead = affirmed.filter((mention) => mention.end <= lead.length);
  if (
    inLead.length > 0 &&
    inLead.every((mention) => mention.object === inLead[0]!.object) &&
    !VERB.test(lead) &&
    !/\d/.test(lead) &&
    lead.split(/\s+/).length <= 10
  ) {
    return inLead[0]!.object;
  }
  return options.kind === undefined ? undefined : compareStatedValues(text, mentions, options.kind, wantLarger);
}

/** Each colour's first value of `kind` after its mention (before the next mention); the larger or smaller wins. */
function compareStatedValues(
  text: string,
  mentions: readonly Mention[],
  kind: 'length' | 'speed',
  wantLarger: boolean,
): number | undefined {
  const quantities = scanQuantities(text).filter((quantity) => quantity.kind === kind);
  const values: (number | undefined)[] = [undefined, undefined];
  mentions.forEach((mention, index) => {
    const limit = mentions[index + 1]?.start ?? text.length;
    const value = quantities.find((quantity) => quantity.start >= mention.end && quantity.start < limit);
    if (value !== undefined && values[mention.object] === undefined) values[mention.object] = value.si;
  });
  const [a, b] = values;
  if (a === undefined || b === undefined || a === b) return undefined;
  return a > b === wantLarger ? 0 : 1;
}
