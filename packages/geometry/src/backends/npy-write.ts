/**
 * Writes NumPy `.npy` files (format 1.0, little-endian, C order), byte for
 * byte as `np.save(path, array)` does for float32 and uint16 arrays: the magic,
 * a version, a little-endian header length, a Python-dict header padded with
 * spaces and ended by `\n` so that the data starts on a 64-byte boundary.
 */
import { writeFile } from 'node:fs/promises';

/** The bytes of a `.npy` file holding `data` (float32 → `<f4`, uint16 → `<u2`) with `shape` (row-major). */
export function encodeNpy(data: Float32Array | Uint16Array, shape: readonly number[]): Uint8Array {
  const descr = data instanceof Float32Array ? '<f4' : '<u2';
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // 10 = magic (6) + version (2) + header length (2); numpy pads to a multiple of 64.
  const unpadded = 10 + dict.length + 1;
  const header = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const bytes = new Uint8Array(10 + header.length + data.byteLength);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(bytes.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) bytes[10 + i] = header.charCodeAt(i);
  const body = new DataView(bytes.buffer, 10 + header.length);
  if (data instanceof Float32Array) for (let i = 0; i < data.length; i++) body.setFloat32(4 * i, data[i]!, true);
  else for (let i = 0; i < data.length; i++) body.setUint16(2 * i, data[i]!, true);
  return bytes;
}

/**
 * Writes a `.npy` file (see {@link encodeNpy}).
 * @param path - the file to write.
 * @param shape - the array's shape, row-major (C order).
 */
export async function writeNpy(
  path: string,
  data: Float32Array | Uint16Array,
  shape: readonly number[],
): Promise<void> {
  await writeFile(path, encodeNpy(data, shape));
}
