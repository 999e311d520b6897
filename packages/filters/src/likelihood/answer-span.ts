/**
 * Locating the answer's tokens in an echoed prompt and summing their
 * log-probabilities.
 *
 * The request's prompt is `context + continuation`; the server echoes every
 * prompt token (possibly led by a BOS token such as `<s>`) followed by the
 * generated ones. Character offsets from the start are unreliable (a BOS
 * token shifts them, vLLM reports `text_offset` as cumulative token-string
 * lengths), so the span is found from the **end** of the prompt: drop the
 * generated tokens (`usage.completion_tokens`, else `max_tokens`), then walk
 * back over the prompt tokens, adding each token's character length, until
 * the continuation's length is covered. A token straddling the boundary (e.g.
 * `" 12"` when the context ends with `":"` and the continuation is `" 12 m"`)
 * belongs to the answer. Token lengths come from `text_offset` differences
 * when present, else from the token strings (byte-level BPE `Ġ`/SentencePiece
 * `▁` markers stand for one space, so lengths agree for ASCII answers).
 */
import { MalformedResponseError } from '../remote/endpoint';

/** The `logprobs` object of a completions choice. */
export interface CompletionLogprobs {
  tokens?: string[] | null;
  token_logprobs?: (number | null)[] | null;
  text_offset?: number[] | null;
}

/** The answer's log-likelihood and its token span `[start, end)` among the returned tokens. */
export interface AnswerSpan {
  logLikelihood: number;
  start: number;
  end: number;
}

/**
 * Sums the log-probabilities of the tokens that cover the last `continuationLength` characters of the prompt.
 * @throws {@link MalformedResponseError} when: choices[0].logprobs.tokens / token_logprobs missing or of different lengths (does the server support echo with logprobs?)
 * @throws {@link MalformedResponseError} when: only … tokens returned for … generated; the prompt was not echoed
 * @throws {@link MalformedResponseError} when: the echoed prompt is shorter than the answer
 * @throws {@link MalformedResponseError} on the other invalid inputs this function checks (the message names the value)
 */
export function answerLogLikelihood(
  logprobs: CompletionLogprobs | null | undefined,
  continuationLength: number,
  generatedCount: number,
): AnswerSpan {
  const tokens = logprobs?.tokens;
  const values = logprobs?.token_logprobs;
  if (!Array.isArray(tokens) || !Array.isArray(values) || tokens.length !== values.length) {
    throw new MalformedResponseError(
      'choices[0].logprobs.tokens / token_logprobs missing or of different lengths (does the server support echo with logprobs?)',
    );
  }
  const offsets =
    Array.isArray(logprobs!.text_offset) && logprobs!.text_offset.length === tokens.length
      ? logprobs!.text_offset
      : undefined;
  const end = tokens.length - generatedCount;
  if (end < 1)
    throw new MalformedResponseError(
      `only ${tokens.length} tokens returned for ${generatedCount} generated; the prompt was not echoed`,
    );
  const lengthOf = (index: number): number => {
    if (offsets && index + 1 < offsets.length) {
      const difference = offsets[index + 1]! - offsets[index]!;
      if (difference >= 0) return difference;
    }
    return tokens[index]!.length;
  };
  let covered = 0;
  let start = end;
  while (covered < continuationLength && start > 0) {
    start--;
    covered += lengthOf(start);
  }
  if (covered < continuationLength) throw new MalformedResponseError('the echoed prompt is shorter than the answer');
  let sum = 0;
  for (let index = start; index < end; index++) {
    const value = values[index];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new MalformedResponseError(`token ${index} of the answer has no log-probability (${String(value)})`);
    }
    sum += value;
  }
  return { logLikelihood: sum, start, end };
}
