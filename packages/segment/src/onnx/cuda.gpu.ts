// GPU-only checks: run with `npm run test:gpu` on a machine with CUDA and onnxruntime-node's CUDA
// provider. Not part of `npm test` (its include pattern is *.test.ts), so CPU machines skip nothing.
import { describe, expect, it } from 'vitest';
import { bertTokenizerJson, TINY_MODELS } from '../test';
import { segmentVideo } from '../tracker';
import { createGroundingDinoBackend } from './grounding-dino';
import { createSam2Backend } from './sam2';

describe('CUDA execution provider', () => {
  it('detector and SAM 2 sessions are created on CUDA (not the CPU fallback) and the tracker runs there', async () => {
    const detector = createGroundingDinoBackend({
      model: TINY_MODELS.detector,
      tokenizer: bertTokenizerJson(),
      device: 'cuda',
    });
    const segmenter = createSam2Backend({
      encoder: TINY_MODELS.samEncoder,
      decoder: TINY_MODELS.samDecoder,
      device: 'cuda',
    });
    const info = await detector.load!();
    expect(info.provider, info.fallbackReason).toBe('cuda');
    const { encoder, decoder } = await segmenter.load!();
    expect([encoder.provider, decoder.provider]).toEqual(['cuda', 'cuda']);
    const image = { width: 320, height: 240, data: new Uint8Array(320 * 240 * 3) };
    const frames = [];
    for await (const frame of segmentVideo({
      frames: [{ frameIndex: 0, image }],
      detector,
      segmenter,
      prompt: 'car. person.',
    }))
      frames.push(frame);
    expect(frames[0]!.instances.map((i) => i.className)).toEqual(['car', 'person']);
    await detector.dispose?.();
    await segmenter.dispose?.();
  });
});
