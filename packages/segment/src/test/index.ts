/**
 * `@stkit/segment/test`: helpers for tests of code that uses this package:
 * a small BERT-style tokenizer.json and the tiny ONNX graphs with the real
 * Grounding DINO / SAM 2 signatures (see scripts/make-onnx-fixtures.py).
 */
import { fileURLToPath } from 'node:url';

export { bertTokenizerJson, TEST_VOCAB } from './bert-tokenizer';

/** Paths of the tiny graphs: detector (`grounding-dino.onnx`), SAM 2 encoder and decoder. */
export const TINY_MODELS = Object.freeze({
  detector: fileURLToPath(new URL('../onnx/__fixtures__/grounding-dino.onnx', import.meta.url)),
  samEncoder: fileURLToPath(new URL('../onnx/__fixtures__/sam2-encoder.onnx', import.meta.url)),
  samDecoder: fileURLToPath(new URL('../onnx/__fixtures__/sam2-decoder.onnx', import.meta.url)),
});
