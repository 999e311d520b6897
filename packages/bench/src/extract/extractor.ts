/**
 * The extractor interface shared by the deterministic extractor (default) and
 * the LLM extractor, so evaluation takes either.
 */
import type { Sample } from '@stkit/core';
import { extractAnswer } from './extract-answer';
import type { Prediction } from './types';

/** Options of one extraction. */
export interface ExtractOptions {
  readonly sample: Sample;
  readonly response: string;
  readonly signal?: AbortSignal | undefined;
}

/** Reads responses into predictions. */
export interface Extractor {
  /** `deterministic` or `llm:<model>`. */
  readonly extractorId: string;
  /** Resolves to the prediction, or undefined when nothing is extractable. */
  extract(options: ExtractOptions): Promise<Prediction | undefined>;
}

/** The deterministic, rule-based extractor ({@link extractAnswer}); no I/O. */
export function createDeterministicExtractor(): Extractor {
  return {
    extractorId: 'deterministic',
    extract: async (options) => extractAnswer({ sample: options.sample, response: options.response }),
  };
}
