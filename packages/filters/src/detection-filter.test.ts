import { InvalidArgumentError } from '@stkit/core';
import { describe, expect, it } from 'vitest';
import { boxArea, checkDetection } from './detection-filter';

describe('checkDetection (SPEC §4 defaults: box ≥ 0.4, text ≥ 0.3, area ≥ 10 px²)', () => {
  it('keeps values at the thresholds and drops values below', () => {
    expect(checkDetection({ boxConfidence: 0.4, textConfidence: 0.3, box: [0, 0, 2, 5] })).toBeUndefined(); // area 2·5 = 10
    expect(checkDetection({ boxConfidence: 0.39 })).toBe('low_box_confidence');
    expect(checkDetection({ boxConfidence: 0.9, textConfidence: 0.29 })).toBe('low_text_confidence');
    expect(checkDetection({ box: [10, 10, 13, 13] })).toBe('small_box'); // 3·3 = 9 < 10
  });
  it('reports the first failing reason in the order box, text, area', () => {
    expect(checkDetection({ boxConfidence: 0.1, textConfidence: 0.1, box: [0, 0, 1, 1] })).toBe('low_box_confidence');
    expect(checkDetection({ boxConfidence: 0.5, textConfidence: 0.1, box: [0, 0, 1, 1] })).toBe('low_text_confidence');
  });
  it('does not check absent confidences and honours custom thresholds', () => {
    expect(checkDetection({})).toBeUndefined();
    expect(checkDetection({ boxConfidence: 0.5 }, { minBoxConfidence: 0.6 })).toBe('low_box_confidence');
    expect(checkDetection({ box: [0, 0, 3, 3] }, { minBoxArea: 9 })).toBeUndefined();
  });
  it('rejects inverted boxes and NaN confidences', () => {
    expect(boxArea([1.5, 2, 4, 6])).toBe(10); // 2.5 · 4
    expect(() => checkDetection({ box: [5, 0, 1, 1] })).toThrow(InvalidArgumentError);
    expect(() => checkDetection({ boxConfidence: Number.NaN })).toThrow(/boxConfidence/);
  });
});
