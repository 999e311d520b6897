import { describe, expect, it } from 'vitest';
import * as lz4 from 'lz4js';
import { checkLz4Frame, createLz4FrameCodec, decodeLz4Frame } from './lz4-frame-codec';

describe('LZ4 frame codec', () => {
  const codec = createLz4FrameCodec(lz4);
  const data = new TextEncoder().encode('kinematic '.repeat(5000));
  const frame = lz4.compress(data);

  it('round-trips a frame written by lz4js', () => {
    expect(Buffer.from(codec.decode(frame)).equals(Buffer.from(data))).toBe(true);
  });
  it('rejects a frame cut short, a bad magic number and an oversized block instead of looping', () => {
    expect(() => checkLz4Frame(frame.subarray(0, frame.length - 10))).toThrow(/truncated/);
    const badMagic = Uint8Array.from(frame);
    badMagic[0] = 0;
    expect(() => codec.decode(badMagic)).toThrow(/magic/);
    const badBlock = Uint8Array.from(frame);
    badBlock[7 + 3] = 0x7f; // block-size word of the first block (after 4 magic + 3 descriptor bytes): ~2 GB
    expect(() => checkLz4Frame(badBlock)).toThrow(/exceeds|truncated/);
  });
});

describe('LZ4 frame decoder on corrupt frames', () => {
  const data = new TextEncoder().encode(
    Array.from({ length: 400 }, (_, index) => `row ${index % 37} speed ${(index * 0.37).toFixed(2)};`).join(''),
  );
  const frame = lz4.compress(data);

  it('decodes what lz4js wrote, byte for byte', () => {
    expect(Buffer.from(decodeLz4Frame(frame, data.length)).equals(Buffer.from(data))).toBe(true);
  });

  it('every single-bit flip either fails with an LZ4 error or decodes to exactly the declared length', () => {
    let detected = 0;
    let decoded = 0;
    for (let at = 7; at < frame.length; at++) {
      for (let bit = 0; bit < 8; bit++) {
        const broken = Uint8Array.from(frame);
        broken[at]! ^= 1 << bit;
        let output: Uint8Array;
        try {
          output = decodeLz4Frame(broken, data.length);
        } catch (error) {
          expect((error as Error).message).toMatch(/^LZ4 frame/);
          detected++;
          continue;
        }
        expect(output.length).toBe(data.length);
        decoded++;
      }
    }
    // Structure bytes (tokens, offsets, lengths) are caught; only flips inside literal bytes decode.
    expect(detected).toBeGreaterThan(0);
    expect(detected + decoded).toBe((frame.length - 7) * 8);
  });

  it('rejects a match offset before the start of the output and a size that disagrees with the container', () => {
    // A hand-built block: 1 literal 'a', then a match at offset 2 (only 1 byte written so far).
    const block = Uint8Array.from([0x10, 0x61, 0x02, 0x00, 0x00]);
    const handmade = Uint8Array.from([
      0x04,
      0x22,
      0x4d,
      0x18,
      0x40,
      0x40,
      0xc0,
      block.length,
      0,
      0,
      0,
      ...block,
      0,
      0,
      0,
      0,
    ]);
    expect(() => decodeLz4Frame(handmade)).toThrow(/offset 2 points before the start/);
    expect(() => decodeLz4Frame(frame, data.length + 8)).toThrow(/declared|container/);
  });
});
