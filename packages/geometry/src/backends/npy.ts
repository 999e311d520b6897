/**
 * A reader of NumPy `.npy` files (format versions 1.0, 2.0 and 3.0), as
 * written by `np.save`. Numeric and boolean dtypes in either byte order and
 * either memory order are supported; data is always returned row-major (C
 * order) in a native typed array. Anything else (complex, object, string,
 * structured dtypes, truncated files, data longer than the header's shape ×
 * itemsize, a folder or device where the file belongs) is a
 * {@link DatasetFormatError} naming the file and the header field.
 */
import { DatasetFormatError } from '@stkit/core';
import { readRegularFile } from '@stkit/core/node';

/** Typed arrays an `.npy` file is read into. */
export type NpyData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array;

/** A parsed `.npy` array. */
export interface NpyArray {
  /** The values in row-major (C) order, native byte order. `float16` is widened to `Float32Array`, `bool` is `Uint8Array` of 0/1. */
  readonly data: NpyData;
  /** Dimensions (`[]` for a 0-d array). */
  readonly shape: readonly number[];
  /** The dtype as the header spells it, e.g. `'<f4'`, `'>f8'`, `'|b1'`. */
  readonly descr: string;
  /** Whether the file stored the array in Fortran (column-major) order; `data` is C order either way. */
  readonly fortranOrder: boolean;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

interface Kind {
  readonly size: number;
  readonly make: (length: number) => NpyData;
  readonly read: (view: DataView, offset: number, little: boolean) => number | bigint;
}

const KINDS: Record<string, Kind> = {
  f2: { size: 2, make: (n) => new Float32Array(n), read: (v, o, le) => halfToFloat(v.getUint16(o, le)) },
  f4: { size: 4, make: (n) => new Float32Array(n), read: (v, o, le) => v.getFloat32(o, le) },
  f8: { size: 8, make: (n) => new Float64Array(n), read: (v, o, le) => v.getFloat64(o, le) },
  i1: { size: 1, make: (n) => new Int8Array(n), read: (v, o) => v.getInt8(o) },
  i2: { size: 2, make: (n) => new Int16Array(n), read: (v, o, le) => v.getInt16(o, le) },
  i4: { size: 4, make: (n) => new Int32Array(n), read: (v, o, le) => v.getInt32(o, le) },
  i8: { size: 8, make: (n) => new BigInt64Array(n), read: (v, o, le) => v.getBigInt64(o, le) },
  u1: { size: 1, make: (n) => new Uint8Array(n), read: (v, o) => v.getUint8(o) },
  u2: { size: 2, make: (n) => new Uint16Array(n), read: (v, o, le) => v.getUint16(o, le) },
  u4: { size: 4, make: (n) => new Uint32Array(n), read: (v, o, le) => v.getUint32(o, le) },
  u8: { size: 8, make: (n) => new BigUint64Array(n), read: (v, o, le) => v.getBigUint64(o, le) },
  b1: { size: 1, make: (n) => new Uint8Array(n), read: (v, o) => (v.getUint8(o) !== 0 ? 1 : 0) },
};

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? Number.NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** Parses the bytes of an `.npy` file; `file` names it in errors. */
export function parseNpy(bytes: Uint8Array, file = '<bytes>'): NpyArray {
  const fail = (reason: string, field?: string): never => {
    throw new DatasetFormatError({ file, ...(field ? { field } : {}), reason });
  };
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b))
    fail('not a .npy file (missing \\x93NUMPY magic)', 'magic');
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLength: number, headerStart: number;
  if (major === 1) [headerLength, headerStart] = [view.getUint16(8, true), 10];
  else if (major === 2 || major === 3) {
    if (bytes.length < 12) fail('truncated header', 'header');
    [headerLength, headerStart] = [view.getUint32(8, true), 12];
  } else return fail(`unsupported .npy format version ${major}.${bytes[7]}`, 'version');
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) fail('truncated header', 'header');
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, dataStart));

  const descrMatch = /['"]descr['"]\s*:\s*(['"])([^'"]*)\1/.exec(header);
  if (!descrMatch) {
    if (/['"]descr['"]\s*:\s*\[/.test(header)) fail('structured (record) dtypes are not supported', 'descr');
    fail('header has no descr', 'descr');
  }
  const descr = descrMatch![2]!;
  const orderMatch = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(header);
  if (!orderMatch) fail('header has no fortran_order', 'fortran_order');
  const fortranOrder = orderMatch![1] === 'True';
  const shapeMatch = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(header);
  if (!shapeMatch) fail('header has no shape tuple', 'shape');
  const shape = shapeMatch![1]!
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => {
      const n = Number(s.replace(/L$/, ''));
      if (!Number.isInteger(n) || n < 0) fail(`bad dimension '${s}'`, 'shape');
      return n;
    });

  const typeMatch = /^([<>|=])([a-zA-Z])(\d+)$/.exec(descr);
  const key = typeMatch ? `${typeMatch[2]}${typeMatch[3]}` : '';
  const kind = KINDS[key];
  if (!typeMatch || !kind || (typeMatch[2] === 'b' && typeMatch[3] !== '1')) {
    return fail(
      `unsupported dtype '${descr}' (supported: float16/32/64, int8–64, uint8–64, bool, either byte order)`,
      'descr',
    );
  }
  // '=' is native order; np.save never writes it, but treat it as little-endian (every platform Node runs on).
  const little = typeMatch[1] !== '>';
  let count = 1;
  for (const d of shape) count *= d;
  const needed = count * kind.size;
  if (bytes.length - dataStart < needed)
    fail(
      `truncated data: expected ${needed} bytes for shape (${shape.join(', ')}) of ${descr}, found ${bytes.length - dataStart}`,
      'data',
    );
  // np.save writes exactly product(shape) × itemsize bytes: more is a header that does not describe the data (e.g. float32
  // values declared '<f2'), which would otherwise be read as other, plausible-looking numbers.
  if (bytes.length - dataStart > needed)
    fail(
      `data length does not match the header: expected ${needed} bytes for shape (${shape.join(', ')}) of ${descr}, found ${bytes.length - dataStart}`,
      'data',
    );

  const data = kind.make(count);
  const nativeFast = little && key !== 'f2' && key !== 'b1' && !fortranOrder;
  if (nativeFast) {
    // Aligned little-endian C-order data: one memcpy into the typed array.
    new Uint8Array(data.buffer).set(bytes.subarray(dataStart, dataStart + needed));
  } else if (!fortranOrder) {
    for (let i = 0; i < count; i++)
      (data as { [i: number]: number | bigint })[i] = kind.read(view, dataStart + i * kind.size, little);
  } else {
    // Fortran order: file index runs the first axis fastest; write to the C-order position.
    const rank = shape.length;
    const cStrides = new Array<number>(rank).fill(1);
    for (let a = rank - 2; a >= 0; a--) cStrides[a] = cStrides[a + 1]! * shape[a + 1]!;
    const index = new Array<number>(rank).fill(0);
    for (let f = 0; f < count; f++) {
      let c = 0;
      for (let a = 0; a < rank; a++) c += index[a]! * cStrides[a]!;
      (data as { [i: number]: number | bigint })[c] = kind.read(view, dataStart + f * kind.size, little);
      for (let a = 0; a < rank; a++) {
        if (++index[a]! < shape[a]!) break;
        index[a] = 0;
      }
    }
  }
  return { data, shape, descr, fortranOrder };
}

/**
 * Reads and parses an `.npy` file.
 * @param path - the `.npy` file.
 * @param options - an optional `signal` to abort the read.
 */
export async function readNpy(path: string, options: { signal?: AbortSignal } = {}): Promise<NpyArray> {
  // Regular files only: a folder or a device (`/dev/zero` is endless) is a DatasetFormatError naming it, before any read.
  const bytes = await readRegularFile(path, options.signal ? { signal: options.signal } : {});
  return parseNpy(bytes, path);
}
