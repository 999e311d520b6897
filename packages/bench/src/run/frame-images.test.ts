import { describe, expect, it } from 'vitest';
import { sniffImageType, uniformIndices } from './frame-images';

describe('frame images', () => {
  it('sniffs JPEG, PNG, GIF and WebP magic bytes', () => {
    expect(sniffImageType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe('image/png');
    expect(sniffImageType(new TextEncoder().encode('GIF89a'))).toBe('image/gif');
    expect(sniffImageType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImageType(new TextEncoder().encode('hello'))).toBeUndefined();
  });
  it('spreads indices uniformly with both ends', () => {
    // 8 frames, 3 wanted: 0, round(7/2 = 3.5) = 4, 7.
    expect(uniformIndices(8, 3)).toEqual([0, 4, 7]);
    expect(uniformIndices(3, 5)).toEqual([0, 1, 2]);
    expect(uniformIndices(5, 1)).toEqual([0]);
    expect(uniformIndices(0, 4)).toEqual([]);
  });
});
