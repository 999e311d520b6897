import { describe, expect, it } from 'vitest';
import { BackendLoadError } from '../errors';
import { loadOptionalPeer, loadSharp } from './optional-peer';

describe('loadOptionalPeer', () => {
  it('loads an installed package once (its default export) and returns the same module on later calls', async () => {
    const first = loadOptionalPeer<{ basename(path: string): string }>('node:path', { neededFor: 'to test' });
    expect(loadOptionalPeer('node:path', { neededFor: 'to test' })).toBe(first);
    expect((await first).basename('/a/b.png')).toBe('b.png');
  });

  it('turns a missing package into a BackendLoadError naming it, its use and the install command, and retries the next time', async () => {
    const name = '@stkit/no-such-optional-peer';
    const error = await loadOptionalPeer(name, { neededFor: 'to test the loader' }).catch((caught: unknown) => caught);
    expect(BackendLoadError.isInstance(error)).toBe(true);
    expect((error as BackendLoadError).backend).toBe(name);
    expect((error as BackendLoadError).hint).toBe(`npm install ${name}`);
    expect((error as Error).message).toContain(`${name} is needed to test the loader but could not be loaded`);
    // The failure is not cached: a second call tries the import again (a fresh rejection).
    const again = loadOptionalPeer(name, { neededFor: 'to test the loader', hint: 'see the README' });
    await expect(again).rejects.toThrow('see the README');
  });

  it('loadSharp returns the sharp function (it decodes a real PNG it encoded)', async () => {
    type Sharp = typeof import('sharp');
    const sharp = await loadSharp<Sharp>('to test');
    expect(typeof sharp).toBe('function');
    const png = await sharp({ create: { width: 2, height: 1, channels: 3, background: { r: 10, g: 20, b: 30 } } })
      .png()
      .toBuffer();
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([2, 1, 3]);
    expect(Array.from(data)).toEqual([10, 20, 30, 10, 20, 30]);
  });
});
