import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BackendLoadError, InvalidArgumentError, type MaskFrame } from '@stkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGsam2TrackingFolder, writeGsam2TrackingFolder } from '../formats/gsam2-tracking';
import { segmentVideo, type VideoFrame } from '../tracker';
import { createGroundingDinoBackend } from './grounding-dino';
import { maskBounds, type RgbImage } from './image';
import { createSam2Backend } from './sam2';
import { bertTokenizerJson } from '../test/bert-tokenizer';

// Tiny graphs of scripts/make-onnx-fixtures.py (formulas stated there).
const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));
const DETECTOR = fixture('grounding-dino.onnx'),
  ENCODER = fixture('sam2-encoder.onnx'),
  DECODER = fixture('sam2-decoder.onnx');

const image = (width: number, height: number, value: number): RgbImage => ({
  width,
  height,
  data: new Uint8Array(width * height * 3).fill(value),
});

describe('Grounding DINO backend (tiny graph, real signature)', () => {
  const detector = createGroundingDinoBackend({ model: DETECTOR, tokenizer: bertTokenizerJson(), device: 'cpu' });
  afterAll(() => detector.dispose?.());

  it('maps queries to prompt phrases, scores by sigmoid, boxes to pixels (hand-computed)', async () => {
    const { detections, provider } = await detector.doDetect({ image: image(640, 480, 0), prompt: 'car. person.' });
    expect(provider).toBe('cpu');
    // Black frame: query 2's logit is 4·mean(img) ≈ 4·(−1.79) → σ ≈ 0.0008, dropped; queries 0, 1 have logit 6.
    expect(detections.map((d) => d.className)).toEqual(['car', 'person']);
    const sigmoid6 = 1 / (1 + Math.exp(-6));
    expect(detections[0]!.boxScore).toBeCloseTo(sigmoid6, 5);
    expect(detections[0]!.textScore).toBeCloseTo(sigmoid6, 5);
    // (cx, cy, w, h) = (0.25, 0.25, 0.2, 0.2) of 640×480 → [96, 72, 224, 168]; (0.7, 0.6, 0.2, 0.4) → [384, 192, 512, 384].
    expect(detections[0]!.box.map((v) => Math.round(v * 1e3) / 1e3)).toEqual([96, 72, 224, 168]);
    expect(detections[1]!.box.map((v) => Math.round(v * 1e3) / 1e3)).toEqual([384, 192, 512, 384]);
  });

  it('a bright frame makes query 2 (a second car) pass the box threshold', async () => {
    const { detections } = await detector.doDetect({ image: image(640, 480, 255), prompt: 'car. person.' });
    expect(detections.map((d) => d.className)).toEqual(['car', 'person', 'car']);
    // mean of the normalised white image = mean((1 − m)/s) = 2.4421 → logit 9.768.
    expect(detections[2]!.boxScore).toBeCloseTo(1 / (1 + Math.exp(-4 * 2.44212)), 4);
  });

  it('thresholds apply: box 0.999 drops everything', async () => {
    const strict = createGroundingDinoBackend({
      model: DETECTOR,
      tokenizer: bertTokenizerJson(),
      device: 'cpu',
      boxThreshold: 0.999,
    });
    expect((await strict.doDetect({ image: image(64, 48, 0), prompt: 'car. person.' })).detections).toEqual([]);
    await strict.dispose?.();
    expect(() => createGroundingDinoBackend({ model: DETECTOR, tokenizer: {}, textThreshold: 1.5 })).toThrow(
      InvalidArgumentError,
    );
  });
});

describe('SAM 2 backend (tiny graphs, real signature)', () => {
  const sam = createSam2Backend({ encoder: ENCODER, decoder: DECODER, device: 'cpu' });
  afterAll(() => sam.dispose?.());

  it('a box prompt gives that box back as a frame-sized mask (stretched to 1024², 256² logits resized back)', async () => {
    const embedding = await sam.doEmbed({ image: image(640, 480, 128) });
    expect(embedding.features.image_embed!.shape).toEqual([1, 256, 64, 64]);
    const { masks } = await sam.doSegment({
      embedding,
      prompts: [{ box: [96, 72, 224, 168] }, { box: [384, 96, 512, 384] }],
    });
    expect(masks).toHaveLength(2);
    expect(masks[0]!.score).toBeCloseTo(0.9, 6); // the candidate with the highest predicted IoU
    expect(masks[0]!.lowRes).toHaveLength(256 * 256);
    // Low-res cells with centres 4u+2 inside [153.6, 358.4] (1024 space) are u = 38…89 → the mask's
    // extent in frame pixels is within 2 px of the box.
    const b0 = maskBounds(masks[0]!.mask, 640, 480)!.box,
      b1 = maskBounds(masks[1]!.mask, 640, 480)!.box;
    [96, 72, 224, 168].forEach((v, i) => expect(Math.abs(b0[i]! - v)).toBeLessThanOrEqual(2));
    [384, 96, 512, 384].forEach((v, i) => expect(Math.abs(b1[i]! - v)).toBeLessThanOrEqual(2));
  });

  it('rejects an inverted box prompt', async () => {
    const embedding = await sam.doEmbed({ image: image(64, 48, 0) });
    await expect(sam.doSegment({ embedding, prompts: [{ box: [10, 10, 5, 20] }] })).rejects.toThrow(
      InvalidArgumentError,
    );
  });
});

describe('detector → SAM 2 → tracker → folder, end to end on CPU', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'stkit-track-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('keeps ids stable, gives a new id to an object that appears, writes a readable tracking folder', async () => {
    const detector = createGroundingDinoBackend({ model: DETECTOR, tokenizer: bertTokenizerJson(), device: 'cpu' });
    const segmenter = createSam2Backend({ encoder: ENCODER, decoder: DECODER, device: 'cpu' });
    // Frames 0–2 dark, 3–5 bright; detection on frames 0, 2, 4 (every 2nd): the bright-only car appears at frame 4.
    const frames: VideoFrame[] = [0, 1, 2, 3, 4, 5].map((k) => ({
      frameIndex: 10 + k,
      image: image(320, 240, k < 3 ? 0 : 255),
    }));
    const progress: { frameIndex: number; objects: number; detected: boolean }[] = [];
    const out = join(root, 'tracked');
    const result = await writeGsam2TrackingFolder(
      out,
      segmentVideo({
        frames,
        detector,
        segmenter,
        prompt: 'car. person.',
        detectEvery: 2,
        onFrame: ({ frameIndex, objects, detected }) => progress.push({ frameIndex, objects, detected }),
      }),
    );
    expect(result).toMatchObject({ frames: 6, masks: true });
    expect(progress.map((p) => [p.frameIndex, p.objects, p.detected])).toEqual([
      [10, 2, true],
      [11, 2, false],
      [12, 2, true],
      [13, 2, false],
      [14, 3, true],
      [15, 3, false],
    ]);
    const read: MaskFrame[] = [];
    for await (const frame of readGsam2TrackingFolder(out)) read.push(frame);
    expect(read.map((f) => f.instances.map((i) => `${i.instanceId}:${i.className}`).join(' '))).toEqual([
      '1:car 2:person',
      '1:car 2:person',
      '1:car 2:person',
      '1:car 2:person',
      '1:car 2:person 3:car',
      '1:car 2:person 3:car',
    ]);
    // The id map of frame 15 holds each id inside its box: car 1 around (80, 60) = 0.25 of 320×240.
    const last = read[5]!;
    expect(last.idMap![60 * 320 + 80]).toBe(1);
    expect(last.idMap![Math.round(0.6 * 240) * 320 + Math.round(0.7 * 320)]).toBe(2);
    expect(last.idMap![Math.round(0.2 * 240) * 320 + Math.round(0.7 * 320)]).toBe(3);
    expect(last.instances[0]!.boxScore).toBeCloseTo(1 / (1 + Math.exp(-6)), 4);
    await detector.dispose?.();
    await segmenter.dispose?.();
  });
});

describe('provider choice (core device table)', () => {
  it('cpu runs on CPU; auto and cuda fall back to CPU with the reason when CUDA cannot be created', async () => {
    const cpu = createGroundingDinoBackend({ model: DETECTOR, tokenizer: bertTokenizerJson(), device: 'cpu' });
    expect((await cpu.load!()).attempts.map((a) => a.provider)).toEqual(['cpu']);
    await cpu.dispose?.();
    for (const device of ['auto', 'cuda'] as const) {
      const sam = createSam2Backend({ encoder: ENCODER, decoder: DECODER, device });
      const { encoder } = await sam.load!();
      expect(encoder.attempts[0]!.provider).toBe('cuda');
      if (encoder.provider === 'cpu') expect(encoder.fallbackReason).toMatch(/^cuda unavailable: /);
      await sam.dispose?.();
    }
  });

  it('an unknown device is an InvalidArgumentError listing the known ones; a missing model a BackendLoadError', async () => {
    expect(() => createSam2Backend({ encoder: ENCODER, decoder: DECODER, device: 'tpu' as 'cpu' })).toThrow(
      /known devices: 'cuda', 'cpu', 'auto'/,
    );
    const missing = createGroundingDinoBackend({
      model: '/nonexistent/gdino.onnx',
      tokenizer: bertTokenizerJson(),
      device: 'cpu',
    });
    const error = await missing.doDetect({ image: image(8, 8, 0), prompt: 'car.' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(BackendLoadError.isInstance(error)).toBe(true);
  });
});
