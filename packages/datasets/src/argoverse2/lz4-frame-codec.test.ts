import { describe, expect, it } from 'vitest';
import * as lz4 from 'lz4js';
import { checkLz4Frame, createLz4FrameCodec } from './lz4-frame-codec';

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
