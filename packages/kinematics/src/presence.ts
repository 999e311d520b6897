/**
 * Presence segments: maximal runs of consecutive grid frames in which the
 * object is present ("gap-free presence", [definitions §2](docs/pages/definitions.md#comparisons) "Comparisons").
 */

/** A gap-free presence interval, inclusive grid indices. */
export interface PresenceSegment {
  /** First grid frame. */
  readonly start: number;
  /** Last grid frame (inclusive). */
  readonly end: number;
}

/** All maximal gap-free presence segments, in time order. */
export function presenceSegments(present: Uint8Array): PresenceSegment[] {
  const segments: PresenceSegment[] = [];
  const frameCount = present.length;
  let k = 0;
  while (k < frameCount) {
    if (present[k] !== 1) {
      k++;
      continue;
    }
    let end = k;
    while (end + 1 < frameCount && present[end + 1] === 1) end++;
    segments.push({ start: k, end });
    k = end + 1;
  }
  return segments;
}

/**
 * The longest gap-free presence: the segment with the largest duration
 * `t_end − t_start` (ties → the earliest). A single present frame is a
 * segment of duration 0.
 * @param segments - the segments of `present`, when already computed.
 * @returns `undefined` when the object is never present.
 */
export function longestPresence(
  present: Uint8Array,
  frameTimes: Float64Array,
  segments: readonly PresenceSegment[] = presenceSegments(present),
): PresenceSegment | undefined {
  let best: PresenceSegment | undefined;
  let bestDuration = -1;
  for (const segment of segments) {
    const duration = frameTimes[segment.end]! - frameTimes[segment.start]!;
    if (duration > bestDuration) {
      best = segment;
      bestDuration = duration;
    }
  }
  return best;
}
