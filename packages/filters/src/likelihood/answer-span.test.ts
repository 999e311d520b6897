import { describe, expect, it } from 'vitest';
import { answerLogLikelihood } from './answer-span';

describe('answerLogLikelihood', () => {
  it('sums the answer tokens, skipping a leading BOS and the generated token', () => {
    // Prompt "Q: far?" + " 12 m"; returned: <s> | Q | : | Ġfar | ? | Ġ12 | Ġm || Ġthe (generated).
    // Continuation " 12 m" has 5 characters: Ġm (2) + Ġ12 (3) = 5 → tokens 5 and 6: −0.25 + −0.75 = −1.
    const logprobs = {
      tokens: ['<s>', 'Q', ':', 'Ġfar', '?', 'Ġ12', 'Ġm', 'Ġthe'],
      token_logprobs: [null, -3, -2, -4, -1, -0.25, -0.75, -9],
      text_offset: [0, 3, 4, 5, 9, 10, 13, 15],
    };
    expect(answerLogLikelihood(logprobs, 5, 1)).toEqual({ logLikelihood: -1, start: 5, end: 7 });
    // Without text_offset the token strings give the same lengths.
    expect(answerLogLikelihood({ ...logprobs, text_offset: null }, 5, 1).start).toBe(5);
  });
  it('includes a token that straddles the context/answer boundary', () => {
    // Context "Q: " (trailing space) + "12 m": the tokenizer emits "Ġ12" across the boundary.
    // 4 characters: Ġm (2) → 2 < 4, + Ġ12 (3) → 5 ≥ 4 → span starts at Ġ12.
    const logprobs = { tokens: ['Q', ':', 'Ġ12', 'Ġm'], token_logprobs: [null, -1, -0.5, -0.25] };
    expect(answerLogLikelihood(logprobs, 4, 0)).toEqual({ logLikelihood: -0.75, start: 2, end: 4 });
  });
  it('rejects responses without echoed log-probabilities', () => {
    expect(() => answerLogLikelihood(undefined, 3, 1)).toThrow(/echo/);
    expect(() => answerLogLikelihood({ tokens: ['Ġa'], token_logprobs: [-1] }, 2, 1)).toThrow(/not echoed/);
    expect(() => answerLogLikelihood({ tokens: ['Ġa', 'b'], token_logprobs: [null, -1] }, 3, 0)).toThrow(
      /no log-probability/,
    );
  });
});
