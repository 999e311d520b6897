import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeCocoRle, DatasetFormatError, type MaskFrame } from '@stkit/core';
import {
  DEBIAN_PYTHON,
  HEAVY_PROCESS_TIMEOUT_MS,
  hasSharedData,
  pythonModulesUnavailable,
  repoRoot,
  requirePeers,
  runProcess,
  sharedDataPath,
  skipMessage,
} from '@stkit/test-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertMasks } from '../convert';
import { readGsam2TrackingFolder } from './gsam2-tracking';
import { readSavAnnotation } from './sav';

const numpyMissing = await pythonModulesUnavailable(['numpy']);
if (numpyMissing && requirePeers) throw new Error(numpyMissing);
const PEER = join(repoRoot, 'packages', 'segment', 'bench', 'sav_peer.py');

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'stkit-sav-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe.skipIf(!hasSharedData)(`SA-V sav_000001_manual.json ${hasSharedData ? '' : skipMessage}`, () => {
  const file = sharedDataPath('sa-v', 'example', 'sav_000001_manual.json')!;
  let out = '';
  const frames: MaskFrame[] = [];
  beforeAll(async () => {
    out = join(root, 'gsam2');
    const result = await convertMasks({ from: 'sa-v', input: file, out });
    expect(result.videos[0]).toMatchObject({ name: 'sav_000001', frames: 121, tracks: 5 });
    for await (const frame of readGsam2TrackingFolder(out)) frames.push(frame);
  }, HEAVY_PROCESS_TIMEOUT_MS);

  it('writes the 121 annotated frames named by video frame index, 848 high × 480 wide', async () => {
    expect(frames.map((f) => f.frameIndex)).toEqual(Array.from({ length: 121 }, (_, k) => 4 * k));
    expect((await readdir(join(out, 'mask_data'))).slice(0, 3)).toEqual([
      'mask_00000.npy',
      'mask_00004.npy',
      'mask_00008.npy',
    ]);
    expect(frames.every((f) => f.height === 848 && f.width === 480)).toBe(true);
    expect(new Set(frames.flatMap((f) => f.instances.map((i) => `${i.instanceId}:${i.className}`)))).toEqual(
      new Set(['1:object', '2:object', '3:object', '4:object', '5:object']),
    );
    expect(frames.every((f) => f.instances.every((i) => i.boxScore === undefined && i.textScore === undefined))).toBe(
      true,
    );
  });

  it('id maps: ≥ 99.9 % of single-object pixels carry the id, ≥ 99.9 % of background pixels are 0 (masks decoded independently of the id map)', async () => {
    const annotation = JSON.parse(await readFile(file, 'utf8')) as {
      masklet: { size: [number, number]; counts: string }[][];
      masklet_id: number[];
    };
    let single = 0,
      singleRight = 0,
      none = 0,
      noneRight = 0;
    annotation.masklet.forEach((masks, k) => {
      const idMap = frames[k]!.idMap!;
      const coverage = new Uint8Array(idMap.length),
        owner = new Uint16Array(idMap.length);
      masks.forEach((rle, o) => {
        const mask = decodeCocoRle(rle);
        for (let p = 0; p < mask.length; p++)
          if (mask[p]) {
            coverage[p]!++;
            owner[p] = annotation.masklet_id[o]! + 1;
          }
      });
      for (let p = 0; p < idMap.length; p++) {
        if (coverage[p] === 1) {
          single++;
          if (idMap[p] === owner[p]) singleRight++;
        } else if (coverage[p] === 0) {
          none++;
          if (idMap[p] === 0) noneRight++;
        }
      }
    });
    expect(single).toBeGreaterThan(1_000_000);
    expect(singleRight / single).toBeGreaterThanOrEqual(0.999);
    expect(noneRight / none).toBeGreaterThanOrEqual(0.999);
  });

  describe.skipIf(numpyMissing !== undefined)(`against the NumPy peer ${numpyMissing ?? ''}`, () => {
    let peerOut = '';
    let peerBoxes: { frame: number; id: number; box: number[] }[] = [];
    beforeAll(async () => {
      peerOut = join(root, 'peer');
      const { stdout } = await runProcess(DEBIAN_PYTHON, [PEER, file, peerOut, '--boxes'], {
        timeoutMs: HEAVY_PROCESS_TIMEOUT_MS,
        maxBuffer: 64 << 20,
      });
      peerBoxes = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
    }, HEAVY_PROCESS_TIMEOUT_MS);

    it('every .npy is byte-identical to NumPy np.save of the NumPy-decoded id map', async () => {
      const names = await readdir(peerOut);
      expect(names).toHaveLength(121);
      for (const name of names) {
        expect(
          Buffer.compare(await readFile(join(out, 'mask_data', name)), await readFile(join(peerOut, name))),
          name,
        ).toBe(0);
      }
    });

    it('boxes are within 1 px of the mask extents NumPy computes', () => {
      const ours = new Map(
        frames.flatMap((f) => f.instances.map((i) => [`${f.frameIndex}:${i.instanceId}`, i.box] as const)),
      );
      expect(ours.size).toBe(peerBoxes.length);
      for (const { frame, id, box } of peerBoxes) {
        const mine = ours.get(`${frame}:${id}`)!;
        for (let c = 0; c < 4; c++) expect(Math.abs(mine[c]! - box[c]!)).toBeLessThanOrEqual(1);
      }
    });
  });

  it(
    'round trip: gsam2 → gsam2-json → gsam2 gives the same folder (.npy byte-identical, JSON equal as data)',
    async () => {
      const json = join(root, 'as-json'),
        back = join(root, 'back');
      await convertMasks({ from: 'gsam2', input: out, to: 'gsam2-json', out: json });
      expect(await readdir(json)).toHaveLength(121);
      await convertMasks({ from: 'gsam2-json', input: json, out: back });
      for (const name of await readdir(join(out, 'mask_data'))) {
        expect(
          Buffer.compare(await readFile(join(back, 'mask_data', name)), await readFile(join(out, 'mask_data', name))),
          name,
        ).toBe(0);
      }
      for (const name of await readdir(join(out, 'json_data'))) {
        expect(JSON.parse(await readFile(join(back, 'json_data', name), 'utf8'))).toEqual(
          JSON.parse(await readFile(join(out, 'json_data', name), 'utf8')),
        );
      }
    },
    HEAVY_PROCESS_TIMEOUT_MS,
  );

  it(
    'bad RLE counts: a typed error naming file and frame, and no output folder',
    async () => {
      const annotation = JSON.parse(await readFile(file, 'utf8'));
      annotation.masklet[3][2].counts = annotation.masklet[3][2].counts.slice(0, -2);
      const bad = join(root, 'bad.json');
      await writeFile(bad, JSON.stringify(annotation));
      const target = join(root, 'bad-out');
      const error = await convertMasks({ from: 'sa-v', input: bad, out: target }).then(
        () => new Error('no error'),
        (e: unknown) => e as Error,
      );
      expect(DatasetFormatError.isInstance(error)).toBe(true);
      expect(error.message).toMatch(/bad\.json \(field 'masklet\.3\.2'\): frame 12: .*(runs sum to|truncated)/);
      expect((await readdir(root)).filter((n) => n.includes('bad-out'))).toEqual([]);
      await expect(readSavAnnotation(join(root, 'missing.json'))).rejects.toThrow(/missing\.json: file not found/);
    },
    HEAVY_PROCESS_TIMEOUT_MS,
  );
});
