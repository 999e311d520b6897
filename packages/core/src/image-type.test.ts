import { describe, expect, it } from 'vitest';
import { abortableSleep } from './abortable-sleep';
import { sniffImageType } from './image-type';

describe('sniffImageType', () => {
  it('reads the signatures of the four formats and nothing else', () => {
    // Signatures from the format specifications: JPEG SOI + marker, the PNG 8-byte signature, RIFF….WEBP, GIF89a.
    expect(sniffImageType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffImageType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImageType(new TextEncoder().encode('GIF89a'))).toBe('image/gif');
    expect(sniffImageType(new TextEncoder().encode('%PDF-1.7'))).toBeUndefined();
    expect(sniffImageType(Uint8Array.from([0x89, 0x50, 0x4e]))).toBeUndefined();
    expect(sniffImageType(new Uint8Array(0))).toBeUndefined();
  });
});

describe('abortableSleep', () => {
  it('resolves after the wait, rejects with the reason when aborted before or during it', async () => {
    await expect(abortableSleep(1)).resolves.toBeUndefined();
    await expect(abortableSleep(1, AbortSignal.abort(new Error('before')))).rejects.toThrow('before');
    const controller = new AbortController();
    const pending = abortableSleep(3_600_000, controller.signal);
    controller.abort(new Error('during'));
    await expect(pending).rejects.toThrow('during');
  });
});
