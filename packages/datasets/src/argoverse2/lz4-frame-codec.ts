/**
 * The LZ4 frame codec that Feather V2 files written by pandas/pyarrow need
 * (Arrow IPC body-buffer compression `LZ4_FRAME`).
 *
 * The frames in these files carry no checksums, so a flipped byte inside a
 * block cannot be detected by a hash; instead the decoder here checks the
 * structure of everything it reads, and any violation is an `Error`:
 * - the frame: magic number, version, block size code, blocks within the
 *   input, each block no longer than the declared maximum, the end mark;
 * - every block: literal runs and match lengths within the block, match
 *   offsets neither 0 nor before the start of the output, a block's output
 *   no longer than the block maximum, the block ending with literals;
 * - the whole frame: its decompressed size equals the content size in the
 *   frame header when present, and the uncompressed length Arrow recorded
 *   in the 8-byte prefix of the buffer.
 * lz4js (pure JS) is kept for encoding (tests write frames with it); its
 * decoder checks none of this and loops forever on a frame cut short.
 */
const MAGIC = 0x184d2204;
const BLOCK_MAX = [0, 0, 0, 0, 64 << 10, 256 << 10, 1 << 20, 4 << 20];
/** The last 5 bytes of a block are always literals, and a match starts ≥ 12 bytes before the end (LZ4 block format). */
const MIN_MATCH = 4;

/** The part of lz4js used here. */
export interface Lz4js {
  decompress(src: Uint8Array, maxSize?: number): Uint8Array;
  compress(src: Uint8Array, maxSize?: number): Uint8Array;
}

function readU32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

/** Parsed frame descriptor. */
interface FrameHeader {
  blockMax: number;
  blockChecksum: boolean;
  contentChecksum: boolean;
  /** Declared decompressed size, when the header carries one. */
  contentSize: number | undefined;
  /** Offset of the first block. */
  start: number;
}

function readHeader(bytes: Uint8Array): FrameHeader {
  if (bytes.length < 7 || readU32(bytes, 0) !== MAGIC) throw new Error('LZ4 frame: bad magic number');
  const flags = bytes[4]!;
  if ((flags & 0xc0) !== 0x40) throw new Error('LZ4 frame: unsupported version');
  if ((flags & 0x02) !== 0 || (bytes[5]! & 0x8f) !== 0) throw new Error('LZ4 frame: reserved descriptor bits set');
  const blockMax = BLOCK_MAX[(bytes[5]! >> 4) & 7]!;
  if (blockMax === 0) throw new Error('LZ4 frame: invalid block size');
  const hasSize = (flags & 0x08) !== 0;
  let contentSize: number | undefined;
  if (hasSize) {
    if (bytes.length < 14) throw new Error('LZ4 frame: truncated header');
    const high = readU32(bytes, 10);
    contentSize = readU32(bytes, 6) + high * 2 ** 32;
    if (high >= 1 << 21) throw new Error('LZ4 frame: content size beyond 2^53');
  }
  return {
    blockMax,
    blockChecksum: (flags & 0x10) !== 0,
    contentChecksum: (flags & 0x04) !== 0,
    contentSize,
    start: 6 + (hasSize ? 8 : 0) + ((flags & 0x01) !== 0 ? 4 : 0) + 1,
  };
}

/** Throws an `Error` describing the first structural defect of an LZ4 frame's block layout. */
export function checkLz4Frame(bytes: Uint8Array): void {
  const header = readHeader(bytes);
  let at = header.start;
  for (;;) {
    if (at + 4 > bytes.length) throw new Error('LZ4 frame: truncated (no end mark)');
    const word = readU32(bytes, at);
    at += 4;
    if (word === 0) break;
    const size = word & 0x7fffffff;
    if (size > header.blockMax)
      throw new Error(`LZ4 frame: block of ${size} bytes exceeds the maximum ${header.blockMax}`);
    at += size + (header.blockChecksum ? 4 : 0);
    if (at > bytes.length) throw new Error('LZ4 frame: truncated block');
  }
  if (header.contentChecksum && at + 4 > bytes.length) throw new Error('LZ4 frame: truncated content checksum');
}

/**
 * Decodes one LZ4 block `input[start, end)` into `output` from `outAt`;
 * returns the new output position. Every read and write is bounds-checked
 * (see the file comment); `outLimit` bounds the output of this block.
 */
function decodeBlock(
  input: Uint8Array,
  start: number,
  end: number,
  output: Uint8Array,
  outAt: number,
  outLimit: number,
  blockIndex: number,
): number {
  let at = start;
  let out = outAt;
  const fail = (reason: string): never => {
    throw new Error(`LZ4 frame: block ${blockIndex}: ${reason} (byte ${at - start} of the block)`);
  };
  for (;;) {
    if (at >= end) fail('ends without a final literal run');
    const token = input[at++]!;
    let literals = token >>> 4;
    if (literals === 15) {
      for (;;) {
        if (at >= end) fail('literal length runs past the block');
        const byte = input[at++]!;
        literals += byte;
        if (byte !== 255) break;
      }
    }
    if (at + literals > end) fail(`literal run of ${literals} bytes runs past the block`);
    if (out + literals > outLimit) fail(`literal run of ${literals} bytes overflows the block's output`);
    output.set(input.subarray(at, at + literals), out);
    at += literals;
    out += literals;
    if (at === end) return out; // the last sequence: literals only
    if (at + 2 > end) fail('match offset runs past the block');
    const offset = input[at]! | (input[at + 1]! << 8);
    at += 2;
    if (offset === 0) fail('match offset 0');
    if (offset > out) fail(`match offset ${offset} points before the start of the output`);
    let length = (token & 15) + MIN_MATCH;
    if ((token & 15) === 15) {
      for (;;) {
        if (at >= end) fail('match length runs past the block');
        const byte = input[at++]!;
        length += byte;
        if (byte !== 255) break;
      }
    }
    if (out + length > outLimit) fail(`match of ${length} bytes overflows the block's output`);
    // Byte by byte: a match may overlap its own output (offset < length repeats a pattern).
    let from = out - offset;
    for (let index = 0; index < length; index++) output[out++] = output[from++]!;
  }
}

/**
 * Decompresses an LZ4 frame with the structural checks of the file comment.
 * `expectedLength`, when given, is the decompressed size the container
 * recorded (Arrow's buffer prefix); the output must be exactly that long.
 */
export function decodeLz4Frame(bytes: Uint8Array, expectedLength?: number): Uint8Array {
  checkLz4Frame(bytes);
  const header = readHeader(bytes);
  if (expectedLength !== undefined && header.contentSize !== undefined && header.contentSize !== expectedLength) {
    throw new Error(`LZ4 frame: header declares ${header.contentSize} bytes, the container ${expectedLength}`);
  }
  // Upper bound of the output: the declared size, else blocks × block maximum.
  let capacity = expectedLength ?? header.contentSize;
  if (capacity === undefined) {
    let blocks = 0;
    for (let at = header.start; ; ) {
      const word = readU32(bytes, at);
      at += 4;
      if (word === 0) break;
      blocks++;
      at += (word & 0x7fffffff) + (header.blockChecksum ? 4 : 0);
    }
    capacity = blocks * header.blockMax;
  }
  const output = new Uint8Array(capacity);
  let out = 0;
  let at = header.start;
  for (let blockIndex = 0; ; blockIndex++) {
    const word = readU32(bytes, at);
    at += 4;
    if (word === 0) break;
    const size = word & 0x7fffffff;
    const limit = Math.min(capacity, out + header.blockMax);
    if ((word & 0x80000000) !== 0) {
      // Stored uncompressed.
      if (out + size > limit)
        throw new Error(`LZ4 frame: block ${blockIndex}: ${size} stored bytes overflow the declared size ${capacity}`);
      output.set(bytes.subarray(at, at + size), out);
      out += size;
    } else {
      out = decodeBlock(bytes, at, at + size, output, out, limit, blockIndex);
    }
    at += size + (header.blockChecksum ? 4 : 0);
  }
  const declared = expectedLength ?? header.contentSize;
  if (declared !== undefined && out !== declared)
    throw new Error(`LZ4 frame: decompressed to ${out} bytes, ${declared} declared`);
  return out === output.length ? output : output.subarray(0, out);
}

/** Arrow's uncompressed length, read from the 8 bytes just before the frame in the same buffer (Arrow IPC body-buffer prefix). */
function arrowPrefixLength(bytes: Uint8Array): number | undefined {
  if (bytes.byteOffset < 8) return undefined;
  const length = new DataView(bytes.buffer, bytes.byteOffset - 8, 8).getBigInt64(0, true);
  if (length < 0n) return undefined;
  if (length > BigInt(Number.MAX_SAFE_INTEGER))
    throw new Error(`Arrow buffer: uncompressed length ${length} is not plausible`);
  return Number(length);
}

/**
 * An Arrow codec: `decode` checks and decompresses a frame, and its size
 * against the uncompressed length Arrow stored before it (apache-arrow hands
 * the codec a view of the body just after that 8-byte prefix).
 */
export function createLz4FrameCodec(lz4: Lz4js): {
  decode(bytes: Uint8Array): Uint8Array;
  encode(bytes: Uint8Array): Uint8Array;
} {
  return {
    decode(bytes) {
      const expected = arrowPrefixLength(bytes);
      // A recorded length larger than what any valid frame of this size can produce (LZ4 expands at most 255×) is corrupt.
      if (expected !== undefined && expected > bytes.length * 255 + 64)
        throw new Error(
          `Arrow buffer: uncompressed length ${expected} impossible for a ${bytes.length}-byte LZ4 frame`,
        );
      return decodeLz4Frame(bytes, expected);
    },
    encode(bytes) {
      return lz4.compress(bytes);
    },
  };
}
