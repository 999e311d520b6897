/**
 * Time-interval extraction for `direction_timestamp`: "between 3.00 and 5.50
 * seconds", "from 3 to 5.5 s", "3.00s-5.50s", "[3.0, 5.5]", "starts at 3 s and
 * ends at 5.5 s", a bare pair of times, a list of frame times ("at 3.00s,
 * 4.00s and 5.00s": first to last). "From 3 s onward" ends at the last frame
 * time; "from the start until 3 s" begins at 0; a single instant ("at 3.5
 * seconds") reads as the zero-length interval [3.5, 3.5]. Clock values ("3 o'clock") are never times.
 */
import { normalizeResponse } from './normalize';
import { scanQuantities, type Quantity } from './quantities';
import { selectCandidate, VALUE_CUES, type Span } from './select';

/** Options of {@link extractInterval}. */
export interface ExtractIntervalOptions {
  readonly response: string;
  /** Clip seconds of the video's end (the last frame time), for "from 3 s onward". */
  readonly videoEnd?: number | undefined;
}

interface IntervalCandidate extends Span {
  readonly startTime: number;
  readonly endTime: number;
}

const PAIR_JOIN = /^\s*(?:,|-|to|and|until|till|through|thru|up to)\s*(?:the\s+)?$/;

const LIST_JOIN = /^\s*,?\s*(?:and\s+)?$/;
// "from the start (of the video) until 3 s": the interval begins at clip time 0.
const FROM_START =
  /\b(?:from|since)\s+the\s+(?:very\s+)?(?:start|beginning)(?:\s+of\s+the\s+(?:video|clip))?\s*,?\s+(?:until|till|to|through|up to)\s+(?:about\s+|approximately\s+|around\s+|roughly\s+)?(?:the\s+)?$/;

function isTime(quantity: Quantity): boolean {
  return quantity.kind === 'time' || quantity.kind === 'unitless';
}

/** The interval `[start, end]` in seconds a response names, or undefined. */
export function extractInterval(options: ExtractIntervalOptions): { start: number; end: number } | undefined {
  const text = normalizeResponse(options.response);
  const times = scanQuantities(text).filter(isTime);
  const pairs: IntervalCandidate[] = [];
  for (let index = 0; index + 1 < times.length; index++) {
    const first = times[index]!;
    const second = times[index + 1]!;
    const joint = text.slice(first.end, second.start).replace(/\s*(?:second|sec|s)?\s*mark\b/g, '');
    const isAnd = /\band\b/.test(joint);
    if (!PAIR_JOIN.test(joint)) continue;
    if (isAnd && !/\bbetween\s*(?:the\s+)?$/.test(text.slice(Math.max(0, first.start - 14), first.start))) continue;
    const a =
      first.kind === 'time' ? first.si : first.value * (second.kind === 'time' ? second.si / (second.value || 1) : 1);
    let last = second;
    // A list of frame times ("at 3.00s, 4.00s and 5.00s") spans its first to its last time.
    if (/^\s*,\s*$/.test(joint)) {
      while (
        index + 2 < times.length &&
        times[index + 2]!.kind === last.kind &&
        LIST_JOIN.test(text.slice(last.end, times[index + 2]!.start))
      ) {
        last = times[index + 2]!;
        index++;
      }
    }
    const b = last.si;
    pairs.push({ startTime: Math.min(a, b), endTime: Math.max(a, b), start: first.start, end: last.end });
    index++;
  }
  const chosen = selectCandidate(text, pairs, VALUE_CUES);
  if (chosen !== undefined) return { start: chosen.startTime, end: chosen.endTime };
  const timed = times.filter((quantity) => quantity.kind === 'time');
  // "starts at 3 s … ends at 5.5 s": the first two times of the response.
  const labelled = /\bstart/.test(text) && /\bend/.test(text) ? times : timed;
  if (labelled.length >= 2) {
    const [a, b] = [labelled[0]!.si, labelled[1]!.si];
    return { start: Math.min(a, b), end: Math.max(a, b) };
  }
  const only =
    timed[0] ??
    times.find((quantity) =>
      /\b(?:at|from|after|since)\s*(?:the\s+)?$/.test(text.slice(Math.max(0, quantity.start - 10), quantity.start)),
    );
  if (only === undefined) return undefined;
  if (FROM_START.test(text.slice(Math.max(0, only.start - 80), only.start))) return { start: 0, end: only.si };
  const onward = /^\s*(?:seconds?|s)?\s*(?:onwards?|on\b|until the end|to the end|till the end|through the end)/.test(
    text.slice(only.end),
  );
  if (onward && options.videoEnd !== undefined && options.videoEnd >= only.si)
    return { start: only.si, end: options.videoEnd };
  return { start: only.si, end: only.si };
}
