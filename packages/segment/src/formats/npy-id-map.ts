/**
 * Strict reader and writer of the `.npy` instance-id maps of a Grounded-SAM-2
 * tracking folder: a 2-D `(height, width)` array of `uint16` (`np.save` of
 * the tracker's id map, 0 = background).
 *
 * The reader accepts format versions 1.0–3.0, either byte order and either
 * memory order (returning row-major, native order), and rejects anything else
 * — another dtype, another rank, a header without `fortran_order`, truncated
 * data or trailing bytes — with a `DatasetFormatError` naming the file, the
 * frame and the header field. The writer produces the bytes NumPy ≥ 1.23
 * `np.save` writes (version 1.0 header, padded for in-place growth of the
 * first axis and aligned to 64 bytes), so written folders compare
 * byte-for-byte with NumPy's.
 */
import { frameFormatError } from '../frame-error';

/** A parsed id map: row-major `Uint16Array` of `height·width` values. */
export interface NpyIdMap {
  readonly data: Uint16Array;
  readonly height: number;
  readonly width: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Parses the bytes of a uint16 `(H, W)` `.npy` file; `file` and `frameIndex` name it in errors. */
export function parseNpyIdMap(bytes: Uint8Array, file: string, frameIndex?: number): NpyIdMap {
  const fail = (reason: string, field: string): never => {
    throw frameFormatError({ file, frameIndex, field }, reason);
  };
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b))
    fail('not a .npy file (missing \\x93NUMPY magic)', 'magic');
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLength = 0,
    headerStart = 10;
  if (major === 1) headerLength = view.getUint16(8, true);
  else if (major === 2 || major === 3) {
    if (bytes.length < 12) fail('truncated header', 'header');
    headerLength = view.getUint32(8, true);
    headerStart = 12;
  } else fail(`unsupported .npy format version ${major}.${bytes[7]}`, 'version');
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length)
    fail(`truncated header: ${headerLength} bytes announced, ${bytes.length - headerStart} present`, 'header');
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, dataStart));

  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(header)?.[1];
  if (descr === undefined) return fail('header has no descr (structured dtypes are not id maps)', 'descr');
  if (descr !== '<u2' && descr !== '>u2' && descr !== '=u2')
    fail(`dtype '${descr}' is not uint16 ('<u2'); an instance-id map is a uint16 array`, 'descr');
  const order = /['"]fortran_order['"]\s*:\s*(True|False)\b/.exec(header)?.[1];
  if (order === undefined) fail('header has no fortran_order', 'fortran_order');
  const fortran = order === 'True';
  const shapeText = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (shapeText === undefined) return fail('header has no shape tuple', 'shape');
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => Number(s.replace(/L$/, '')));
  if (shape.length !== 2 || !shape.every((d) => Number.isInteger(d) && d >= 0))
    fail(`shape (${shapeText}) is not a 2-D (height, width)`, 'shape');
  const [height, width] = shape as [number, number];
  const expected = height * width * 2;
  const present = bytes.length - dataStart;
  if (present < expected)
    fail(
      `truncated data: ${expected} bytes expected for shape (${height}, ${width}) uint16, ${present} present`,
      'data',
    );
  if (present > expected) fail(`${present - expected} bytes after the (${height}, ${width}) uint16 data`, 'data');

  const data = new Uint16Array(height * width);
  const little = descr !== '>u2';
  if (!fortran && little === LITTLE_ENDIAN) {
    // Native-order C data: one copy (the file bytes need not be 2-byte aligned, so no view).
    new Uint8Array(data.buffer).set(bytes.subarray(dataStart, dataStart + expected));
  } else {
    // Fortran order stores column by column: file element f is (row f % height, column ⌊f / height⌋).
    for (let f = 0, column = 0, row = 0; f < data.length; f++) {
      const value = view.getUint16(dataStart + 2 * f, little);
      data[fortran ? row * width + column : f] = value;
      if (fortran && ++row === height) {
        row = 0;
        column++;
      }
    }
  }
  return { data, height, width };
}

/** NumPy's `GROWTH_AXIS_MAX_DIGITS`: header room for the first axis to grow in place. */
const GROWTH_AXIS_MAX_DIGITS = 21;
const ARRAY_ALIGN = 64;

/** The header bytes (magic, version, length, padded dict) of a `(height, width)` `<u2` `.npy` file, as NumPy ≥ 1.23 writes it. */
export function npyIdMapHeader(height: number, width: number): Uint8Array {
  let header = `{'descr': '<u2', 'fortran_order': False, 'shape': (${height}, ${width}), }`;
  header += ' '.repeat(GROWTH_AXIS_MAX_DIGITS - String(height).length);
  const headerWithNewline = header.length + 1;
  // As numpy's _wrap_header: ARRAY_ALIGN − (10 + hlen) % ARRAY_ALIGN, which is 64 (not 0) when already aligned.
  const padding = ARRAY_ALIGN - ((10 + headerWithNewline) % ARRAY_ALIGN);
  const headerLength = headerWithNewline + padding;
  const out = new Uint8Array(10 + headerLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  out[8] = headerLength & 0xff;
  out[9] = headerLength >> 8;
  const text = `${header}${' '.repeat(padding)}\n`;
  for (let i = 0; i < text.length; i++) out[10 + i] = text.charCodeAt(i);
  return out;
}

/** The little-endian bytes of the id map: a view (no copy) on little-endian machines. */
export function idMapBytes(idMap: Uint16Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(idMap.buffer, idMap.byteOffset, idMap.byteLength);
  const out = new Uint8Array(idMap.byteLength);
  const view = new DataView(out.buffer);
  for (let i = 0; i < idMap.length; i++) view.setUint16(2 * i, idMap[i]!, true);
  return out;
}

/** The bytes of `np.save(path, idMap.reshape(height, width).astype('<u2'))` (NumPy ≥ 1.23), in one buffer. */
export function encodeNpyIdMap(idMap: Uint16Array, height: number, width: number): Uint8Array {
  const header = npyIdMapHeader(height, width);
  const out = new Uint8Array(header.length + idMap.byteLength);
  out.set(header, 0);
  out.set(idMapBytes(idMap), header.length);
  return out;
}
