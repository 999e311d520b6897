/** The reader registry: readers are discovered from their folders' `definition.ts`, options parsed by their schema. */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@stkit/core';
import {
  defineDatasetReader,
  findDatasetReader,
  listDatasetReaders,
  parseReaderOptions,
  registerDatasetReader,
} from './registry';

describe('dataset reader registry', () => {
  it('discovers every reader folder, Waymo included, without a list', async () => {
    expect((await listDatasetReaders()).map((reader) => reader.id)).toEqual([
      'argoverse2',
      'aria',
      'kitti',
      'nuplan',
      'nuscenes',
      'waymo',
      'waymo-motion',
    ]);
    const reader = await (await findDatasetReader('waymo-motion')).create();
    expect(reader.dataset).toBe('waymo-motion');
    await expect(findDatasetReader('waymo2')).rejects.toThrow(/expected one of argoverse2, aria/);
  });

  it("parses a reader's own options by its schema and names the flag of a bad one", async () => {
    const aria = await findDatasetReader('aria');
    expect(parseReaderOptions(aria, { domain: 'sports' })).toEqual({ domain: 'sports' });
    expect(() => parseReaderOptions(aria, { domain: 'indoor' })).toThrow(
      /--domain.*expected one of driving, sports, general/,
    );
    const kitti = await findDatasetReader('kitti');
    expect(() => parseReaderOptions(kitti, { domain: 'sports' })).toThrow(InvalidArgumentError);
    const motion = await findDatasetReader('waymo-motion');
    expect(parseReaderOptions(motion, { maxRecordBytes: '1024' })).toEqual({ maxRecordBytes: 1024 });
    expect(() => parseReaderOptions(motion, { maxRecordBytes: '1.5' })).toThrow(/--max-record-bytes/);
    expect(parseReaderOptions(kitti, { sequences: '0001, 0002' })).toEqual({ sequences: ['0001', '0002'] });
  });

  it('takes readers from outside the package', async () => {
    registerDatasetReader(
      defineDatasetReader({
        id: 'my-lidar',
        title: 't',
        layout: 'l',
        common: [],
        options: {},
        create: async () => ({ dataset: 'my-lidar', readClips: async function* () {} }),
      }),
    );
    expect((await listDatasetReaders()).map((reader) => reader.id)).toContain('my-lidar');
    expect(() =>
      defineDatasetReader({
        id: 'x',
        title: 't',
        layout: 'l',
        common: [],
        options: { split: { type: 'string', description: '' } },
        create: async () => ({ dataset: 'x', readClips: async function* () {} }),
      }),
    ).toThrow(/common option/);
  });
});
