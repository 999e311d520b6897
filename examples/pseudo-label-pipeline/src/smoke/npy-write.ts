/**
 * Writes NumPy `.npy` files (format 1.0, little-endian float32, C order), byte
 * for byte as `np.save(path, array.astype(np.float32))` does: the magic, a
 * version, a little-endian header length, a Python-dict header padded with
 * spaces and ended by `\n` so that the data starts on a 64-byte boundary.
 */
import { writeFile } from 'node:fs/promises';

/** The bytes of a float32 `.npy` file holding `data` with `shape` (row-major). */
export function encodeNpyFloat32(data: Float32Array, shape: readonly number[]): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // 10 = magic (6) + version (2) + header length (2); numpy pads to a multiple of 64.
  const unpadded = 10 + dict.length + 1;
  const header = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const bytes = new Uint8Array(10 + header.length + data.byteLength);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(bytes.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) bytes[10 + i] = header.charCodeAt(i);
  const body = new DataView(bytes.buffer, 10 + header.length);
  for (let i = 0; i < data.length; i++) body.setFloat32(4 * i, data[i]!, true);
  return bytes;
}

/** Writes a float32 `.npy` file. */
export async function writeNpyFloat32(path: string, data: Float32Array, shape: readonly number[]): Promise<void> {
  await writeFile(path, encodeNpyFloat32(data, shape));
}
