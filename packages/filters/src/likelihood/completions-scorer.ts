/**
 * Default {@link LikelihoodScorerV1}: an OpenAI-compatible `/completions`
 * endpoint that echoes prompt log-probabilities, as vLLM serves them.
 *
 * Request: `{ model, prompt: context + continuation, echo: true, logprobs: 1,
 * max_tokens: 1, temperature: 0 }`. vLLM returns the log-probability of every
 * prompt token with `echo: true` and `logprobs ≥ 1` (the first token's is
 * null); `max_tokens: 0` with echo works since vllm-project/vllm#2995 but failed before
 * and on some other servers, hence the default of 1 — the generated token is
 * excluded from the answer span (see `answer-span.ts`). Prefix caching must be
 * off on vLLM for prompt log-probabilities of cached prefixes on some versions.
 *
 * The endpoint falls back to `STKIT_SCORER_BASE_URL`, `STKIT_SCORER_MODEL`,
 * `STKIT_SCORER_API_KEY`/`OPENAI_API_KEY`.
 */
import type { Sample } from '@stkit/core';
import { contentHash, createDiskCache } from '../remote/disk-cache';
import { MalformedResponseError, resolveEndpoint, withRetries, type EndpointSettings } from '../remote/endpoint';
import { createLimiter } from '../remote/limiter';
import { answerLogLikelihood } from './answer-span';
import type { LikelihoodScorerV1 } from './likelihood-scorer';

/** A prompt split into the conditioning context and the answer being scored. */
export interface ScoringPrompt {
  context: string;
  continuation: string;
}

/**
 * Default rendering: `USER: <question>\nASSISTANT:` + `" " + <answer>` (the
 * space starts the continuation, so the context ends on a token boundary).
 * Pass `renderPrompt` to use the scoring model's own chat template.
 */
export function defaultRenderPrompt(sample: Sample): ScoringPrompt {
  return {
    context: `USER: ${sample.conversations[0].value}\nASSISTANT:`,
    continuation: ` ${sample.conversations[1].value}`,
  };
}

/** Settings of {@link createCompletionsLikelihoodScorer}. */
export interface CompletionsScorerSettings extends EndpointSettings {
  /** Renders a sample into context and answer. @default {@link defaultRenderPrompt} */
  renderPrompt?: (sample: Sample) => ScoringPrompt;
  /** `max_tokens` of the request (0 or 1). @default 1 */
  maxTokens?: 0 | 1;
  /** Folder of a score cache keyed by (model, prompt); none when omitted. */
  cacheDir?: string;
}

/** Creates the completions-endpoint scorer; nothing is contacted until the first call. */
export function createCompletionsLikelihoodScorer(settings: CompletionsScorerSettings = {}): LikelihoodScorerV1 {
  const endpoint = resolveEndpoint(settings, 'STKIT_SCORER');
  const limit = createLimiter(settings.concurrency ?? 4);
  const render = settings.renderPrompt ?? defaultRenderPrompt;
  const maxTokens = settings.maxTokens ?? 1;
  const cache = settings.cacheDir
    ? createDiskCache<{ logLikelihood: number; tokens: number }>(settings.cacheDir)
    : undefined;

  const scoreOne = async (sample: Sample, signal?: AbortSignal) => {
    const { context, continuation } = render(sample);
    if (continuation.length === 0) throw new MalformedResponseError(`sample ${sample.id}: empty answer`);
    const prompt = context + continuation;
    const key = contentHash({ kind: 'stkit-likelihood-v1', model: endpoint.model, prompt, continuation });
    const hit = await cache?.get(key);
    if (hit) return hit;
    const result = await limit(() =>
      withRetries(
        async (attemptSignal) => {
          const completion = await endpoint.client.completions.create(
            { model: endpoint.model, prompt, echo: true, logprobs: 1, max_tokens: maxTokens, temperature: 0 },
            { signal: attemptSignal },
          );
          const choice = completion?.choices?.[0];
          if (!choice) throw new MalformedResponseError('no choices[0] in the response');
          const generated =
            typeof completion.usage?.completion_tokens === 'number' ? completion.usage.completion_tokens : maxTokens;
          const span = answerLogLikelihood(choice.logprobs, continuation.length, generated);
          return { logLikelihood: span.logLikelihood, tokens: span.end - span.start };
        },
        { endpointName: endpoint.endpointName, settings, signal },
      ),
    );
    await cache?.set(key, result);
    return result;
  };

  return {
    specificationVersion: 'v1',
    scorerId: 'openai-completions',
    modelId: endpoint.model,
    async doScore({ samples, signal }) {
      const results = await Promise.all(samples.map((sample) => scoreOne(sample, signal)));
      return {
        logLikelihoods: Float64Array.from(results, (result) => result.logLikelihood),
        tokenCounts: Int32Array.from(results, (result) => result.tokens),
      };
    },
  };
}
