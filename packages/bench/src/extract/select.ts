/**
 * Choosing the answer among several candidates of a response. Chat models
 * either answer first and explain after, or reason first and conclude; a
 * conclusion cue ("in total", "therefore", "at the end", "answer:") marks the
 * answer in the second style, otherwise the first candidate is the answer.
 */

/** Span of a candidate in the normalised text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

const SENTENCE_BREAK = /[.!?](?=\s|$)|[;\n]/g;

/** Start offsets of the sentences of `text` (always begins with 0). */
export function sentenceStarts(text: string): number[] {
  const starts = [0];
  SENTENCE_BREAK.lastIndex = 0;
  for (let match = SENTENCE_BREAK.exec(text); match !== null; match = SENTENCE_BREAK.exec(text))
    starts.push(match.index + 1);
  return starts;
}

/** Index of the sentence that holds `offset`. */
export function sentenceOf(starts: readonly number[], offset: number): number {
  let index = 0;
  while (index + 1 < starts.length && starts[index + 1]! <= offset) index++;
  return index;
}

/** Conclusion cues for values (distance, speed, intervals). */
export const VALUE_CUES =
  /\b(?:in total|total|totals|overall|altogether|in all|answer|therefore|thus|hence|so|final|finally|result|conclusion|estimate|estimated)\b/g;
/** Conclusion cues for the movement direction at the end of the video. */
export const DIRECTION_CUES =
  /\b(?:end|ends|ending|final|finally|last|lastly|eventually|ultimately|answer|therefore|thus|hence|then|turns?|now)\b/g;

/**
 * Picks the answer among `candidates` (in text order): at the last cue that
 * shares a sentence with a candidate, the first candidate after the cue in
 * that sentence, else the nearest before it; without such a cue, the first
 * candidate.
 */
export function selectCandidate<T extends Span>(text: string, candidates: readonly T[], cues: RegExp): T | undefined {
  if (candidates.length <= 1) return candidates[0];
  const starts = sentenceStarts(text);
  const sentences = candidates.map((candidate) => sentenceOf(starts, candidate.start));
  const cueOffsets: number[] = [];
  cues.lastIndex = 0;
  for (let match = cues.exec(text); match !== null; match = cues.exec(text)) cueOffsets.push(match.index);
  for (let cueIndex = cueOffsets.length - 1; cueIndex >= 0; cueIndex--) {
    const cue = cueOffsets[cueIndex]!;
    const sentence = sentenceOf(starts, cue);
    let before: T | undefined;
    for (let index = 0; index < candidates.length; index++) {
      if (sentences[index] !== sentence) continue;
      const candidate = candidates[index]!;
      if (candidate.start >= cue) return candidate;
      before = candidate;
    }
    if (before !== undefined) return before;
  }
  return candidates[0];
}
