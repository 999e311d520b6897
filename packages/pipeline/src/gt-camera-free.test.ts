/**
 * Camera-free clips through `generateGt` on the real Project Aria MPS sample
 * trajectory: no camera, no frame images, no 2D boxes, so every sample is
 * marked `visualPrompt: false`, has no `frames`, and the manifest says the
 * samples serve text-only baselines and kinematics checks. MPS carries no
 * domain, so the clip is `general` and direction tasks are asked.
 */
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSample, type Sample } from '@stkit/core';
import { createAriaReader } from '@stkit/datasets/aria';
import { hasSharedData, sharedDataPath, skipMessage } from '@stkit/test-data';
import { createDemoClips } from './demo-scene';
import { generateGt, type GtReadEvent } from './gt';

async function samplesOf(out: string): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const name of (await readdir(join(out, 'samples'))).sort()) {
    if (!name.endsWith('.jsonl')) continue;
    for (const line of (await readFile(join(out, 'samples', name), 'utf8')).split('\n'))
      if (line) samples.push(parseSample(JSON.parse(line)));
  }
  return samples;
}

describe.skipIf(!hasSharedData)(
  hasSharedData ? 'camera-free clips (Aria MPS)' : `camera-free clips: skipped, ${skipMessage}`,
  () => {
    it('are marked visualPrompt: false, without frames, with a manifest note; domain general', async () => {
      const root = sharedDataPath('projectaria', 'gen1', 'mps_sample')!;
      const out = await mkdtemp(join(tmpdir(), 'stkit-gt-aria-'));
      const events = createAriaReader().readClips({ root }) as AsyncIterable<GtReadEvent>;
      const result = await generateGt({ events, outDir: out, seed: 1, renderFrames: async () => undefined });
      expect(result.samples).toBeGreaterThan(0);
      const samples = await samplesOf(out);
      for (const sample of samples) {
        expect(sample.visualPrompt).toBe(false);
        expect(sample.frames).toBeUndefined();
        expect(sample.source.domain).toBe('general');
      }
      expect(
        samples.some((sample) => sample.task === 'movement_direction' || sample.task === 'direction_timestamp'),
      ).toBe(true);
      const manifest = JSON.parse(await readFile(result.manifestPath, 'utf8'));
      expect(manifest.notes).toEqual([
        `${samples.length} samples come from camera-free clips (visualPrompt: false, no frames): they serve text-only baselines and kinematics checks, not video training.`,
      ]);
    }, 60_000);
  },
);

describe('clips with a camera', () => {
  it('carry no visualPrompt flag and no manifest note', async () => {
    const clip = createDemoClips({ count: 1, seed: 3 })[0]!;
    const withCamera = {
      ...clip,
      camera: { intrinsics: { fx: 1000, fy: 1000, cx: 960, cy: 540, width: 1920, height: 1080 } },
    };
    const out = await mkdtemp(join(tmpdir(), 'stkit-gt-camera-'));
    async function* events(): AsyncGenerator<GtReadEvent> {
      yield { kind: 'clip', clip: withCamera };
    }
    const result = await generateGt({ events: events(), outDir: out, cameraViewOnly: false });
    for (const sample of await samplesOf(out)) expect('visualPrompt' in sample).toBe(false);
    expect(JSON.parse(await readFile(result.manifestPath, 'utf8')).notes).toBeUndefined();
  });
});
