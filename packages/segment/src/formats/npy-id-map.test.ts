import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetFormatError } from '@stkit/core';
import {
  DEBIAN_PYTHON,
  PROCESS_TIMEOUT_MS,
  pythonModulesUnavailable,
  requirePeers,
  runProcess,
} from '@stkit/test-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeNpyIdMap, parseNpyIdMap } from './npy-id-map';

const numpyMissing = await pythonModulesUnavailable(['numpy']);
if (numpyMissing && requirePeers) throw new Error(numpyMissing);

describe.skipIf(numpyMissing !== undefined)(`uint16 id maps against NumPy np.save ${numpyMissing ?? ''}`, () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stkit-npy-'));
    // NumPy writes the reference files: C order, Fortran order, big-endian, a 3-D and a float array.
    await runProcess(
      DEBIAN_PYTHON,
      [
        '-c',
        `
import numpy as np, sys
d = sys.argv[1]
a = (np.arange(3 * 5, dtype=np.uint32) * 4099 % 65536).astype(np.uint16).reshape(3, 5)
np.save(d + '/c.npy', a)
np.save(d + '/f.npy', np.asfortranarray(a))
np.save(d + '/be.npy', a.astype('>u2'))
np.save(d + '/big.npy', np.zeros((848, 480), np.uint16) + 7)
np.save(d + '/rank3.npy', a.reshape(1, 3, 5))
np.save(d + '/float.npy', a.astype(np.float32))
open(d + '/values.txt', 'w').write(' '.join(map(str, a.ravel().tolist())))
`,
        dir,
      ],
      { timeoutMs: PROCESS_TIMEOUT_MS },
    );
  }, PROCESS_TIMEOUT_MS);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const read = async (name: string) => new Uint8Array(await readFile(join(dir, name)));

  it('reads C order, Fortran order and big-endian files to the same row-major values', async () => {
    const expected = (await readFile(join(dir, 'values.txt'), 'utf8')).split(' ').map(Number);
    for (const name of ['c.npy', 'f.npy', 'be.npy']) {
      const map = parseNpyIdMap(await read(name), name, 0);
      expect([map.height, map.width]).toEqual([3, 5]);
      expect(Array.from(map.data)).toEqual(expected);
    }
  });

  it('writes the bytes np.save writes', async () => {
    const c = await read('c.npy');
    const map = parseNpyIdMap(c, 'c.npy');
    expect(Buffer.from(encodeNpyIdMap(map.data, 3, 5)).equals(Buffer.from(c))).toBe(true);
    const big = await read('big.npy');
    expect(Buffer.from(encodeNpyIdMap(new Uint16Array(848 * 480).fill(7), 848, 480)).equals(Buffer.from(big))).toBe(
      true,
    );
  });

  it('rejects another rank, another dtype, truncated and padded data, naming file, frame and field', async () => {
    const expectError = (bytes: Uint8Array, field: string, message: RegExp) => {
      try {
        parseNpyIdMap(bytes, 'mask_00012.npy', 12);
        expect.unreachable();
      } catch (error) {
        expect(DatasetFormatError.isInstance(error)).toBe(true);
        expect((error as DatasetFormatError).field).toBe(field);
        expect((error as Error).message).toMatch(/^mask_00012\.npy .*frame 12: /);
        expect((error as Error).message).toMatch(message);
      }
    };
    expectError(await read('rank3.npy'), 'shape', /not a 2-D/);
    expectError(await read('float.npy'), 'descr', /'<f4' is not uint16/);
    const c = await read('c.npy');
    expectError(c.subarray(0, c.length - 1), 'data', /truncated data: 30 bytes expected .* 29 present/);
    expectError(c.subarray(0, 40), 'header', /truncated header/);
    expectError(Uint8Array.from([...c, 0, 0]), 'data', /2 bytes after/);
    expectError(new TextEncoder().encode('{"not": "npy"}'), 'magic', /magic/);
  });
});
