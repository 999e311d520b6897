import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DatasetFormatError } from '@stkit/core';
import { parseNpy, readNpy } from './npy';

// Fixtures written by NumPy's own np.lib.format.write_array (scripts/make-npy-fixtures.py).
const fixture = (name: string): string => fileURLToPath(new URL(`./__fixtures__/npy/${name}`, import.meta.url));
// a23 = arange(6).reshape(2, 3) · 0.5 − 1 = [[−1, −0.5, 0], [0.5, 1, 1.5]]
const A23 = [-1, -0.5, 0, 0.5, 1, 1.5];

describe('readNpy', () => {
  it('reads little-endian float32 in C order (format 1.0, 2.0 and 3.0 headers)', async () => {
    for (const name of ['f4-c.npy', 'f4-v2.npy', 'f4-v3.npy']) {
      const array = await readNpy(fixture(name));
      expect(array.data).toBeInstanceOf(Float32Array);
      expect(array.shape).toEqual([2, 3]);
      expect(array.descr).toBe('<f4');
      expect(Array.from(array.data as Float32Array)).toEqual(A23);
    }
  });

  it('swaps big-endian data and reorders Fortran-order data to C order', async () => {
    const big = await readNpy(fixture('f8-big.npy'));
    expect(big.descr).toBe('>f8');
    expect(big.data).toBeInstanceOf(Float64Array);
    expect(Array.from(big.data as Float64Array)).toEqual(A23);
    const fortran = await readNpy(fixture('f4-big-fortran.npy'));
    expect(fortran.fortranOrder).toBe(true);
    expect(Array.from(fortran.data as Float32Array)).toEqual(A23);
    // arange(24).reshape(2,3,4) stored column-major: C-order data must again be 0, 1, …, 23
    const cube = await readNpy(fixture('f8-fortran-3d.npy'));
    expect(cube.shape).toEqual([2, 3, 4]);
    expect(Array.from(cube.data as Float64Array)).toEqual(Array.from({ length: 24 }, (_, i) => i));
  });

  it('reads uint8, bool, int64, float16 and 0-d arrays', async () => {
    expect(Array.from((await readNpy(fixture('u1.npy'))).data as Uint8Array)).toEqual([0, 1, 255]);
    const bool = await readNpy(fixture('b1.npy'));
    expect(bool.descr).toBe('|b1');
    expect(Array.from(bool.data as Uint8Array)).toEqual([1, 0, 1, 1]);
    expect(Array.from((await readNpy(fixture('i8.npy'))).data as BigInt64Array)).toEqual([-3n, 0n, 2n ** 40n]);
    // float16: 1.5, −2, 65504 (the largest half) are exact
    expect(Array.from((await readNpy(fixture('f2.npy'))).data as Float32Array)).toEqual([1.5, -2, 65504]);
    const scalar = await readNpy(fixture('scalar.npy'));
    expect(scalar.shape).toEqual([]);
    expect(Array.from(scalar.data as Float32Array)).toEqual([7.25]);
  });

  it('rejects unsupported dtypes and damaged files with DatasetFormatError naming the file and field', async () => {
    for (const [name, field, text] of [
      ['c8-unsupported.npy', 'descr', "unsupported dtype '<c8'"],
      ['object-unsupported.npy', 'descr', "unsupported dtype '|O'"],
      ['unicode-unsupported.npy', 'descr', "unsupported dtype '<U2'"],
      ['structured-unsupported.npy', 'descr', 'structured'],
      ['truncated.npy', 'data', 'truncated data'],
    ] as const) {
      const error = await readNpy(fixture(name)).catch((e: unknown) => e);
      expect(DatasetFormatError.isInstance(error), name).toBe(true);
      expect((error as DatasetFormatError).file).toBe(fixture(name));
      expect((error as DatasetFormatError).field).toBe(field);
      expect((error as Error).message).toContain(text);
    }
    expect(() => parseNpy(new TextEncoder().encode('P6 not numpy'), 'x.npy')).toThrow(/x\.npy \(field 'magic'\)/);
  });

  it('refuses data longer than shape × itemsize (a float32 map whose header says <f2), naming the byte counts', async () => {
    const { readFile } = await import('node:fs/promises');
    const bytes = Buffer.from(await readFile(fixture('f4-c.npy')));
    const at = bytes.indexOf("'<f4'");
    expect(at).toBeGreaterThan(0);
    bytes.write("'<f2'", at, 'latin1');
    expect(() => parseNpy(bytes, 'depth.npy')).toThrow(
      /depth\.npy \(field 'data'\): data length does not match the header: expected 12 bytes .* found 24/,
    );
  });

  it('reads regular files only: a folder or /dev/zero is a DatasetFormatError naming it, not EISDIR or a hang', async () => {
    await expect(readNpy('/dev/zero')).rejects.toThrow(DatasetFormatError);
    await expect(readNpy('/dev/zero')).rejects.toThrow(/\/dev\/zero: not a regular file/);
    const folder = fileURLToPath(new URL('./__fixtures__/npy', import.meta.url));
    await expect(readNpy(folder)).rejects.toThrow(/npy: is a folder, expected a file/);
  });
});
