import { describe, expect, it } from 'vitest';
import { longestPresence, presenceSegments } from './presence';

describe('presence', () => {
  it('splits presence at gaps and finds the longest segment (ties → earliest)', () => {
    const present = Uint8Array.of(0, 1, 1, 1, 0, 1, 1, 1, 0, 1);
    const times = Float64Array.from({ length: 10 }, (_, k) => 0.5 * k);
    expect(presenceSegments(present)).toEqual([
      { start: 1, end: 3 },
      { start: 5, end: 7 },
      { start: 9, end: 9 },
    ]);
    expect(longestPresence(present, times)).toEqual({ start: 1, end: 3 });
    expect(longestPresence(Uint8Array.of(1, 0, 1, 1), Float64Array.of(0, 0.5, 1, 1.5))).toEqual({ start: 2, end: 3 });
    expect(longestPresence(new Uint8Array(3), Float64Array.of(0, 0.5, 1))).toBeUndefined();
  });
});
