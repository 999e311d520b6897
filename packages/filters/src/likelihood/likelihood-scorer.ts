/**
 * The likelihood scorer interface of stage 3 ([definitions §4](docs/pages/definitions.md#filtering)): a model trained on
 * ground-truth (3D-annotated) data only gives each pseudo-labelled sample's
 * answer log-likelihood. Implement {@link LikelihoodScorerV1} to plug in any
 * model (e.g. a multimodal one that also sees the frames); the default,
 * {@link createCompletionsLikelihoodScorer}, reads prompt log-probabilities
 * from an OpenAI-compatible completions endpoint.
 */
import type { Sample } from '@stkit/core';

/** Options of one {@link LikelihoodScorerV1.doScore} call. */
export interface LikelihoodCallOptions {
  samples: readonly Sample[];
  signal?: AbortSignal;
}

/** Result of {@link LikelihoodScorerV1.doScore}. */
export interface LikelihoodResult {
  /** Natural-log likelihood of each sample's answer given its question (same order as `samples`). */
  logLikelihoods: Float64Array;
  /** Number of answer tokens of each sample, when known. */
  tokenCounts?: Int32Array;
}

/** A versioned scorer backend. */
export interface LikelihoodScorerV1 {
  readonly specificationVersion: 'v1';
  /** e.g. `'openai-completions'`, `'mock'`. */
  readonly scorerId: string;
  readonly modelId: string;
  doScore(options: LikelihoodCallOptions): Promise<LikelihoodResult>;
}
