/**
 * The LZ4 frame codec that Feather V2 files written by pandas/pyarrow need
 * (Arrow IPC body-buffer compression `LZ4_FRAME`). Decompression is lz4js
 * (pure JS); before it runs, the frame's structure is walked with bounds
 * checks, because lz4js loops forever on a frame cut short.
 */
const MAGIC = 0x184d2204;
const BLOCK_MAX = [0, 0, 0, 0, 64 << 10, 256 << 10, 1 << 20, 4 << 20];

/** The part of lz4js used here. */
export interface Lz4js {
  decompress(src: Uint8Array, maxSize?: number): Uint8Array;
  compress(src: Uint8Array, maxSize?: number): Uint8Array;
}

function readU32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

/** Throws an `Error` describing the first structural defect of an LZ4 frame. */
export function checkLz4Frame(bytes: Uint8Array): void {
  if (bytes.length < 7 || readU32(bytes, 0) !== MAGIC) throw new Error('LZ4 frame: bad magic number');
  const flags = bytes[4]!;
  if ((flags & 0xc0) !== 0x40) throw new Error('LZ4 frame: unsupported version');
  const blockMax = BLOCK_MAX[(bytes[5]! >> 4) & 7]!;
  if (blockMax === 0) throw new Error('LZ4 frame: invalid block size');
  const blockChecksum = (flags & 0x10) !== 0;
  const contentChecksum = (flags & 0x04) !== 0;
  let at = 6 + ((flags & 0x08) !== 0 ? 8 : 0) + ((flags & 0x01) !== 0 ? 4 : 0) + 1;
  for (;;) {
    if (at + 4 > bytes.length) throw new Error('LZ4 frame: truncated (no end mark)');
    const word = readU32(bytes, at);
    at += 4;
    if (word === 0) break;
    const size = word & 0x7fffffff;
    if (size > blockMax) throw new Error(`LZ4 frame: block of ${size} bytes exceeds the maximum ${blockMax}`);
    at += size + (blockChecksum ? 4 : 0);
    if (at > bytes.length) throw new Error('LZ4 frame: truncated block');
  }
  if (contentChecksum && at + 4 > bytes.length) throw new Error('LZ4 frame: truncated content checksum');
}

/** An Arrow codec over lz4js: `decode` checks the frame, then decompresses it. */
export function createLz4FrameCodec(lz4: Lz4js): { decode(bytes: Uint8Array): Uint8Array; encode(bytes: Uint8Array): Uint8Array } {
  return {
    decode(bytes) {
      checkLz4Frame(bytes);
      return lz4.decompress(bytes);
    },
    encode(bytes) {
      return lz4.compress(bytes);
    },
  };
}
