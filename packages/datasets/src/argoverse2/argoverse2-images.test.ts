/**
 * A copy of the real log with camera images generated here (the shared log
 * has none): frames pick the image nearest their grid time within 50 ms, and
 * the frames module draws the projected boxes on them.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import type { Clip } from '@stkit/core';
import { hasSharedData, sharedDataPath, skipMessage } from '@stkit/test-data';
import { writeClipFrames } from '../frames/index';
import { readArgoverse2Clips } from './argoverse2-reader';

const LOG = '7fab2350-7eaf-3b7e-a39d-6937a4c1bede';
const source = sharedDataPath('argoverse2', 'sensor', 'val', LOG) ?? '';
const temp = mkdtempSync(join(tmpdir(), 'stkit-av2-img-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe.skipIf(!hasSharedData)(
  hasSharedData ? 'Argoverse 2 with camera images' : `Argoverse 2 images: skipped, ${skipMessage}`,
  () => {
    it('assigns the nearest image within 50 ms to each frame and draws boxes on it', async () => {
      const root = join(temp, 'sensor');
      const log = join(root, 'val', LOG);
      for (const entry of ['annotations.feather', 'city_SE3_egovehicle.feather', 'calibration'])
        cpSync(join(source, entry), join(log, entry), { recursive: true });
      // First read without images to learn the grid timestamps.
      let clip: Clip | undefined;
      for await (const e of readArgoverse2Clips({ root })) if (e.kind === 'clip') clip = e.clip;
      const t0 = BigInt(clip!.frames[0]!.timestamp!);
      const cameraDir = join(log, 'sensors', 'cameras', 'ring_front_center');
      mkdirSync(cameraDir, { recursive: true });
      // Images at frame 0 + 20 ms (used), frame 1 + 49 ms (used) and frame 2 + 80 ms (too far: frame 2 has none).
      const image = sharp({
        create: { width: 1550, height: 2048, channels: 3, background: { r: 90, g: 90, b: 90 } },
      }).jpeg();
      const names = [t0 + 20_000_000n, t0 + 500_000_000n + 49_000_000n, t0 + 1_000_000_000n + 80_000_000n].map(
        (ts) => `${ts}.jpg`,
      );
      for (const name of names) await image.clone().toFile(join(cameraDir, name));

      const warnings: string[] = [];
      const clips: Clip[] = [];
      for await (const e of readArgoverse2Clips({ root, onWarning: (m) => warnings.push(m) }))
        if (e.kind === 'clip') clips.push(e.clip);
      expect(warnings).toEqual([]);
      const frames = clips[0]!.frames;
      expect(frames[0]!.image).toBe(join('val', LOG, 'sensors', 'cameras', 'ring_front_center', names[0]!));
      expect(frames[1]!.image).toBe(join('val', LOG, 'sensors', 'cameras', 'ring_front_center', names[1]!));
      expect(frames[2]!.image).toBeUndefined();

      // Draw the first visible track on frame 0 and check the outline colour at its box's top edge.
      const track = clips[0]!.tracks.find((t) =>
        t.samples.some(
          (s) => Math.abs(s.t) < 0.06 && s.box2d && s.box2d[2] - s.box2d[0] > 40 && s.box2d[3] - s.box2d[1] > 40,
        ),
      )!;
      const box = track.samples.find((s) => Math.abs(s.t) < 0.06 && s.box2d)!.box2d!;
      const result = await writeClipFrames({
        clip: clips[0]!,
        root,
        outDir: join(temp, 'out'),
        colors: { [track.id]: [255, 255, 0] },
        lineWidth: 8,
      });
      expect(result.files.filter(Boolean)).toHaveLength(2);
      const { data, info } = await sharp(result.files[0]!).raw().toBuffer({ resolveWithObject: true });
      const x = Math.round((box[0] + box[2]) / 2),
        y = Math.round(box[1] + 4);
      const i = (y * info.width + x) * info.channels;
      expect(data[i]!).toBeGreaterThan(200); // yellow: R, G high, B low
      expect(data[i + 1]!).toBeGreaterThan(200);
      expect(data[i + 2]!).toBeLessThan(80);
    });
  },
);
