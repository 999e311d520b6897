/**
 * Stage 2 of [definitions §4](docs/pages/definitions.md#filtering), the general model-based filter: a VLM answers the four
 * `general_filter` prompts about a scene's frames (with the visual-prompt
 * boxes already drawn on them); the scene is kept only with four "Yes".
 *
 * Each prompt is one chat-completions request whose single user message holds
 * every frame as an `image_url` part (in frame order) followed by the prompt
 * as a `text` part; temperature 0. Verdicts are cached on disk under the
 * SHA-256 of (model, prompt, frame hashes, max tokens), so a rerun does not
 * pay twice.
 */
import { InvalidArgumentError } from '@stkit/core';
import { MalformedResponseError, resolveEndpoint, withRetries, type EndpointSettings } from '../remote/endpoint';
import { contentHash, createDiskCache, type DiskCache } from '../remote/disk-cache';
import { createLimiter } from '../remote/limiter';
import {
  GENERAL_FILTER_PROMPT_IDS,
  GENERAL_FILTER_PROMPTS,
  type GeneralFilterPromptId,
} from './general-filter-prompts';
import { prepareImage, type ImageInput, type PreparedImage } from './image-input';
import { parseYesNo, type YesNo } from './parse-yes-no';

/** Settings of {@link createVlmJudge}; the endpoint falls back to `STKIT_VLM_BASE_URL`, `STKIT_VLM_MODEL`, `STKIT_VLM_API_KEY`/`OPENAI_API_KEY`. */
export interface VlmJudgeSettings extends EndpointSettings {
  /** Folder of the verdict cache; no caching when omitted. */
  cacheDir?: string;
  /** `max_tokens` of each answer. @default 32 */
  maxTokens?: number;
  /** Stop asking once an answer is not "Yes" (cheaper; the remaining prompts are reported `skipped`). @default false */
  stopAtFirstNo?: boolean;
}

/** One answer of the judge. */
export interface JudgeAnswer {
  /** Parsed verdict; `skipped` when not asked because of `stopAtFirstNo`. */
  verdict: YesNo | 'skipped';
  /** The raw answer text (empty for skipped). */
  text: string;
  /** Whether it came from the disk cache. */
  cached: boolean;
}

/** Result of {@link VlmJudge.judge}. */
export interface JudgeResult {
  /** True only with four "Yes". */
  keep: boolean;
  answers: Record<GeneralFilterPromptId, JudgeAnswer>;
  /** The prompts answered but not "Yes", in the paper's order (the rejection reasons; skipped ones excluded). */
  failed: GeneralFilterPromptId[];
}

/** Options of one {@link VlmJudge.judge} call. */
export interface JudgeOptions {
  /** The frames, in time order, with the boxes drawn. */
  frames: readonly ImageInput[];
  signal?: AbortSignal;
}

/** The VLM judge. */
export interface VlmJudge {
  readonly model: string;
  judge(options: JudgeOptions): Promise<JudgeResult>;
}

interface CachedVerdict {
  verdict: YesNo;
  text: string;
  model: string;
  prompt: GeneralFilterPromptId;
}

/** Creates a judge; nothing is contacted until the first {@link VlmJudge.judge}. */
export function createVlmJudge(settings: VlmJudgeSettings = {}): VlmJudge {
  const endpoint = resolveEndpoint(settings, 'STKIT_VLM');
  const limit = createLimiter(settings.concurrency ?? 4);
  const cache: DiskCache<CachedVerdict> | undefined = settings.cacheDir
    ? createDiskCache(settings.cacheDir)
    : undefined;
  const maxTokens = settings.maxTokens ?? 32;

  const ask = async (
    prompt: GeneralFilterPromptId,
    images: PreparedImage[],
    signal?: AbortSignal,
  ): Promise<JudgeAnswer> => {
    const key = contentHash({
      kind: 'stkit-vlm-judge-v1',
      model: endpoint.model,
      prompt: GENERAL_FILTER_PROMPTS[prompt],
      frames: images.map((image) => image.hash),
      maxTokens,
    });
    const hit = await cache?.get(key);
    // The verdict is re-read from the cached text, so a fix to the parser applies to cached answers too.
    if (hit && hit.model === endpoint.model && typeof hit.text === 'string')
      return { verdict: parseYesNo(hit.text), text: hit.text, cached: true };
    const text = await limit(() =>
      withRetries(
        async (attemptSignal) => {
          const completion = await endpoint.client.chat.completions.create(
            {
              model: endpoint.model,
              temperature: 0,
              max_tokens: maxTokens,
              messages: [
                {
                  role: 'user',
                  content: [
                    ...images.map((image) => ({ type: 'image_url' as const, image_url: { url: image.url } })),
                    { type: 'text' as const, text: GENERAL_FILTER_PROMPTS[prompt] },
                  ],
                },
              ],
            },
            { signal: attemptSignal },
          );
          const message = completion?.choices?.[0]?.message;
          if (!message) throw new MalformedResponseError('no choices[0].message in the response');
          // A refusal (OpenAI's `refusal` field) or empty content parses as "unclear".
          return typeof message.content === 'string' ? message.content : (message.refusal ?? '');
        },
        { endpointName: endpoint.endpointName, settings, signal },
      ),
    );
    const verdict = parseYesNo(text);
    await cache?.set(key, { verdict, text, model: endpoint.model, prompt });
    return { verdict, text, cached: false };
  };

  return {
    model: endpoint.model,
    async judge(options) {
      if (!Array.isArray(options.frames) || options.frames.length === 0) {
        throw new InvalidArgumentError({
          argument: 'frames',
          message: 'the judge needs at least one frame (with the boxes drawn)',
        });
      }
      const images = await Promise.all(
        options.frames.map((frame, index) => prepareImage(frame, index, options.signal)),
      );
      const answers = {} as Record<GeneralFilterPromptId, JudgeAnswer>;
      if (settings.stopAtFirstNo) {
        let stop = false;
        for (const prompt of GENERAL_FILTER_PROMPT_IDS) {
          answers[prompt] = stop
            ? { verdict: 'skipped', text: '', cached: false }
            : await ask(prompt, images, options.signal);
          if (answers[prompt].verdict !== 'yes') stop = true;
        }
      } else {
        const results = await Promise.all(
          GENERAL_FILTER_PROMPT_IDS.map((prompt) => ask(prompt, images, options.signal)),
        );
        GENERAL_FILTER_PROMPT_IDS.forEach((prompt, index) => (answers[prompt] = results[index]!));
      }
      const failed = GENERAL_FILTER_PROMPT_IDS.filter(
        (prompt) => answers[prompt].verdict !== 'yes' && answers[prompt].verdict !== 'skipped',
      );
      return { keep: GENERAL_FILTER_PROMPT_IDS.every((prompt) => answers[prompt].verdict === 'yes'), answers, failed };
    },
  };
}
