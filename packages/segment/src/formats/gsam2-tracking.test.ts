import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetFormatError, type MaskFrame } from '@stkit/core';
import {
  DEBIAN_PYTHON,
  PROCESS_TIMEOUT_MS,
  pythonModulesUnavailable,
  requirePeers,
  runProcess,
} from '@stkit/test-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gsam2FrameJson, readGsam2TrackingFolder, writeGsam2TrackingFolder } from './gsam2-tracking';

const numpyMissing = await pythonModulesUnavailable(['numpy']);
if (numpyMissing && requirePeers) throw new Error(numpyMissing);

async function collect(frames: AsyncIterable<MaskFrame>): Promise<MaskFrame[]> {
  const out: MaskFrame[] = [];
  for await (const frame of frames) out.push(frame);
  return out;
}

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'stkit-gsam2-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

// A folder laid out as Grounded-SAM-2's continuous-id demo writes it (np.save + json.dump of
// MaskDictionaryModel.to_dict), by NumPy: frames 0, 4 and 8 of a 6×8 video, two cars, id 2 leaves.
const PEER = `
import json, os, sys
import numpy as np
d = sys.argv[1]
os.makedirs(d + '/mask_data'); os.makedirs(d + '/json_data')
for f in (0, 4, 8):
    m = np.zeros((6, 8), np.uint16)
    m[1:3, f // 4: f // 4 + 3] = 1
    labels = {'1': {'instance_id': 1, 'class_name': 'car', 'x1': f // 4, 'y1': 1, 'x2': f // 4 + 2, 'y2': 2, 'logit': 0.91}}
    if f < 8:
        m[4:6, 5:8] = 2
        labels['2'] = {'instance_id': 2, 'class_name': 'person', 'x1': 5, 'y1': 4, 'x2': 7, 'y2': 5, 'logit': 0.0}
    name = 'mask_%05d' % f
    np.save(d + '/mask_data/' + name + '.npy', m)
    json.dump({'mask_name': name + '.npy', 'mask_height': 6, 'mask_width': 8, 'promote_type': 'mask', 'labels': labels},
              open(d + '/json_data/' + name + '.json', 'w'))
`;

describe.skipIf(numpyMissing !== undefined)(
  `Grounded-SAM-2 tracking folder written by NumPy ${numpyMissing ?? ''}`,
  () => {
    let source = '';
    beforeAll(async () => {
      source = join(root, 'peer');
      await runProcess(DEBIAN_PYTHON, ['-c', PEER, source], { timeoutMs: PROCESS_TIMEOUT_MS });
    }, PROCESS_TIMEOUT_MS);

    it('reads frames in order with their id maps, boxes, ids and scores (0 = unknown)', async () => {
      const frames = await collect(readGsam2TrackingFolder(source));
      expect(frames.map((f) => f.frameIndex)).toEqual([0, 4, 8]);
      const f4 = frames[1]!;
      expect([f4.height, f4.width, f4.promptType]).toEqual([6, 8, 'mask']);
      expect(f4.instances).toEqual([
        { instanceId: 1, box: [1, 1, 3, 2], className: 'car', boxScore: 0.91 },
        { instanceId: 2, box: [5, 4, 7, 5], className: 'person' },
      ]);
      // Row 1 of frame 4: columns 1..3 are car 1.
      expect(Array.from(f4.idMap!.subarray(8, 16))).toEqual([0, 1, 1, 1, 0, 0, 0, 0]);
      expect(f4.idMap![5 * 8 + 7]).toBe(2);
      expect(frames[2]!.instances.map((i) => i.instanceId)).toEqual([1]);
    });

    it('writes the folder back: .npy byte-identical to np.save, JSON equal as data', async () => {
      const out = join(root, 'rewritten');
      const result = await writeGsam2TrackingFolder(out, readGsam2TrackingFolder(source));
      expect(result).toMatchObject({ frames: 3, masks: true, instances: 5 });
      for (const name of await readdir(join(source, 'mask_data'))) {
        expect(
          Buffer.compare(await readFile(join(out, 'mask_data', name)), await readFile(join(source, 'mask_data', name))),
        ).toBe(0);
      }
      for (const name of await readdir(join(source, 'json_data'))) {
        expect(JSON.parse(await readFile(join(out, 'json_data', name), 'utf8'))).toEqual(
          JSON.parse(await readFile(join(source, 'json_data', name), 'utf8')),
        );
      }
      expect((await readdir(root)).filter((n) => n.includes('partial'))).toEqual([]);
    });

    it(
      'streams: a frame is read only when it is reached (a later missing .npy fails at that frame)',
      async () => {
        const dir = join(root, 'streaming');
        await runProcess(DEBIAN_PYTHON, ['-c', PEER, dir], { timeoutMs: PROCESS_TIMEOUT_MS });
        const frames = readGsam2TrackingFolder(dir);
        const first = await frames.next();
        expect(first.done === false && first.value.frameIndex).toBe(0);
        await rm(join(dir, 'mask_data', 'mask_00008.npy'));
        expect((await frames.next()).value?.frameIndex).toBe(4);
        await expect(frames.next()).rejects.toThrow(/frame 8: names mask_00008\.npy, which is not in mask_data/);
      },
      PROCESS_TIMEOUT_MS,
    );

    it('reads boxes only with masks: skip, and a folder without mask_data', async () => {
      const frames = await collect(readGsam2TrackingFolder(source, { masks: 'skip' }));
      expect(frames.every((f) => f.idMap === undefined)).toBe(true);
      const boxes = join(root, 'boxes');
      await writeGsam2TrackingFolder(boxes, frames);
      expect(await readdir(boxes)).toEqual(['json_data']);
      expect((await collect(readGsam2TrackingFolder(boxes))).map((f) => f.instances.length)).toEqual([2, 2, 1]);
      await expect(collect(readGsam2TrackingFolder(boxes, { masks: 'require' }))).rejects.toThrow(
        /no mask_data directory/,
      );
    });

    describe('bad input: a DatasetFormatError naming file and frame', () => {
      const broken = async (name: string, edit: (dir: string) => Promise<void>) => {
        const dir = join(root, name);
        await runProcess(DEBIAN_PYTHON, ['-c', PEER, dir], { timeoutMs: PROCESS_TIMEOUT_MS });
        await edit(dir);
        return collect(readGsam2TrackingFolder(dir)).then(
          () => undefined,
          (error: unknown) => error as DatasetFormatError,
        );
      };
      const editJson = (frame: string, change: (json: Gsam2FrameJson) => void) => async (dir: string) => {
        const file = join(dir, 'json_data', `${frame}.json`);
        const json = JSON.parse(await readFile(file, 'utf8'));
        change(json);
        await writeFile(file, JSON.stringify(json));
      };

      it(
        'an id map whose shape differs from the JSON',
        async () => {
          const error = await broken(
            'shape',
            editJson('mask_00004', (json) => {
              json.mask_height = 7;
            }),
          );
          expect(DatasetFormatError.isInstance(error)).toBe(true);
          expect(error!.message).toMatch(/mask_00004\.npy .*frame 4: id map is \(6, 8\) but .*mask_height 7/);
        },
        PROCESS_TIMEOUT_MS,
      );

      it(
        'JSON naming a missing .npy',
        async () => {
          const error = await broken('missing', async (dir) => rm(join(dir, 'mask_data', 'mask_00008.npy')));
          expect(error!.message).toMatch(
            /mask_00008\.json \(field 'mask_name'\): frame 8: names mask_00008\.npy, which is not in mask_data/,
          );
        },
        PROCESS_TIMEOUT_MS,
      );

      it(
        'duplicate instance ids',
        async () => {
          const error = await broken(
            'duplicate',
            editJson('mask_00000', (json) => {
              json.labels['2']!.instance_id = 1;
            }),
          );
          expect(error!.message).toMatch(
            /mask_00000\.json \(field 'labels\.2\.instance_id'\): frame 0: duplicate instance id 1/,
          );
        },
        PROCESS_TIMEOUT_MS,
      );

      it(
        'a truncated .npy',
        async () => {
          const error = await broken('truncated', async (dir) => {
            const file = join(dir, 'mask_data', 'mask_00004.npy');
            await writeFile(file, (await readFile(file)).subarray(0, 150));
          });
          expect(error!.message).toMatch(
            /mask_00004\.npy \(field 'data'\): frame 4: truncated data: 96 bytes expected/,
          );
        },
        PROCESS_TIMEOUT_MS,
      );

      it(
        'invalid JSON and a schema violation',
        async () => {
          expect(
            (await broken('invalid', async (dir) =>
              writeFile(join(dir, 'json_data', 'mask_00004.json'), '{"mask_name": '),
            ))!.message,
          ).toMatch(/frame 4: not valid JSON/);
          expect(
            (await broken(
              'schema',
              editJson('mask_00008', (json) => {
                (json.labels['1'] as unknown as Record<string, unknown>).x1 = 'left';
              }),
            ))!.message,
          ).toMatch(/field 'labels\.1\.x1'\): frame 8: /);
        },
        2 * PROCESS_TIMEOUT_MS,
      );
    });
  },
);

describe('writeGsam2TrackingFolder leaves nothing half-written', () => {
  const frame = (frameIndex: number, ids: number[]): MaskFrame => ({
    frameIndex,
    width: 2,
    height: 2,
    idMap: new Uint16Array(4),
    instances: ids.map((instanceId) => ({ instanceId, box: [0, 0, 1, 1], className: 'car' })),
  });

  it('a bad frame after good ones: no output folder, no temporary left', async () => {
    const out = join(root, 'half');
    await expect(writeGsam2TrackingFolder(out, [frame(0, [1]), frame(1, [1, 1])])).rejects.toThrow(
      /frame 1: duplicate instance id 1/,
    );
    expect((await readdir(root)).filter((n) => n.includes('half'))).toEqual([]);
  });

  it('an existing folder is kept unless overwrite, and replaced only when the new one is complete', async () => {
    const out = join(root, 'existing');
    await mkdir(out);
    await writeFile(join(out, 'keep.txt'), 'x');
    await expect(writeGsam2TrackingFolder(out, [frame(0, [1])])).rejects.toThrow(/exists and is not empty/);
    await expect(writeGsam2TrackingFolder(out, [frame(0, [1]), frame(0, [2])], { overwrite: true })).rejects.toThrow(
      /frame 0 given twice/,
    );
    expect(await readdir(out)).toEqual(['keep.txt']);
    await writeGsam2TrackingFolder(out, [frame(0, [1])], { overwrite: true });
    expect((await readdir(out)).sort()).toEqual(['json_data', 'mask_data']);
  });

  it('paints per-instance RLE masks into the id map, later instances winning', async () => {
    const out = join(root, 'painted');
    await writeGsam2TrackingFolder(out, [
      {
        frameIndex: 3,
        width: 2,
        height: 2,
        instances: [
          { instanceId: 1, box: [0, 0, 1, 1], className: 'a', mask: { size: [2, 2], counts: [0, 4] } },
          { instanceId: 2, box: [1, 0, 1, 1], className: 'b', mask: { size: [2, 2], counts: [2, 2] } },
        ],
      },
    ]);
    const [read] = await collect(readGsam2TrackingFolder(out));
    expect(Array.from(read!.idMap!)).toEqual([1, 2, 1, 2]);
  });
});
