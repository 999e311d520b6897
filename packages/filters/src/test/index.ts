/**
 * @packageDocumentation
 * Test doubles for users' own tests (`@stkit/filters/test`): a VLM judge and
 * a likelihood scorer that answer from functions, with no server.
 */
import type { Sample } from '@stkit/core';
import type { LikelihoodScorerV1 } from '../likelihood/likelihood-scorer';
import { GENERAL_FILTER_PROMPT_IDS, type GeneralFilterPromptId } from '../vlm-judge/general-filter-prompts';
import type { ImageInput } from '../vlm-judge/image-input';
import { parseYesNo } from '../vlm-judge/parse-yes-no';
import type { JudgeAnswer, VlmJudge } from '../vlm-judge/vlm-judge';

/**
 * A judge whose answer text to each prompt comes from `answer` (parsed like a
 * real answer, so `'No'` or a refusal rejects the scene). @default every answer "Yes"
 */
export function createMockVlmJudge(
  answer: (prompt: GeneralFilterPromptId, frames: readonly ImageInput[]) => string = () => 'Yes',
): VlmJudge {
  return {
    model: 'mock',
    async judge({ frames, signal }) {
      signal?.throwIfAborted();
      const answers = {} as Record<GeneralFilterPromptId, JudgeAnswer>;
      for (const prompt of GENERAL_FILTER_PROMPT_IDS) {
        const text = answer(prompt, frames);
        answers[prompt] = { verdict: parseYesNo(text), text, cached: false };
      }
      const failed = GENERAL_FILTER_PROMPT_IDS.filter((prompt) => answers[prompt].verdict !== 'yes');
      return { keep: failed.length === 0, answers, failed };
    },
  };
}

/** A scorer whose log-likelihood of each sample comes from `score`. */
export function createMockLikelihoodScorer(score: (sample: Sample) => number): LikelihoodScorerV1 {
  return {
    specificationVersion: 'v1',
    scorerId: 'mock',
    modelId: 'mock',
    async doScore({ samples, signal }) {
      signal?.throwIfAborted();
      return { logLikelihoods: Float64Array.from(samples, score) };
    },
  };
}
