import { RemoteCallError } from '@stkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeReply, type FakeServer } from '../../test/fake-openai-server';
import { makeSample } from '../../test/samples';
import { createCompletionsLikelihoodScorer } from './completions-scorer';

/**
 * What a vLLM server answers to `echo: true, logprobs: 1, max_tokens: 1`: a BOS token (null log-prob),
 * every prompt token, then one generated token; `text_offset` as cumulative token-string lengths
 * (so shifted by the 3 characters of "<s>"). Toy tokenizer: words and numbers with their leading space,
 * single punctuation marks. Log-probs: fixed per answer token below, −2 for every other prompt token,
 * −9 for the generated one.
 */
const ANSWER_LOGPROBS: Record<string, number> = {
  ' It': -0.5,
  ' travels': -0.25,
  ' 12': -1.25,
  '.': -0.125,
  '50': -2,
  ' m': -0.375,
};
function echoReply(prompt: string): FakeReply {
  const pieces = prompt.match(/\s?[A-Za-z]+|\s?\d+|\s?[^\sA-Za-z\d]|\s/g)!;
  const tokens = ['<s>', ...pieces, ' The'];
  const token_logprobs = tokens.map((token, index) =>
    index === 0 ? null : index === tokens.length - 1 ? -9 : (ANSWER_LOGPROBS[token] ?? -2),
  );
  const text_offset: number[] = [];
  tokens.reduce((offset, token) => (text_offset.push(offset), offset + token.length), 0);
  return {
    body: {
      id: 'cmpl-test',
      object: 'text_completion',
      created: 0,
      model: 'gt-model',
      choices: [
        {
          index: 0,
          text: `${prompt} The`,
          finish_reason: 'length',
          logprobs: { tokens, token_logprobs, text_offset, top_logprobs: null },
        },
      ],
      usage: { prompt_tokens: tokens.length - 1, completion_tokens: 1, total_tokens: tokens.length },
    },
  };
}

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const noSleep = { sleep: async () => {}, random: () => 0.5 };

describe('createCompletionsLikelihoodScorer against a local completions server', () => {
  it('sends the exact request and sums the answer tokens only', async () => {
    server = await startFakeServer((request) => echoReply(request.body.prompt));
    const scorer = createCompletionsLikelihoodScorer({ baseURL: server.baseURL, model: 'gt-model', apiKey: 'k' });
    const samples = [
      makeSample('traveled_distance', 's1'),
      makeSample('traveled_distance', 's2', 'How far?', 'It travels 12.50 m.'),
    ];
    const result = await scorer.doScore({ samples });
    // Answer " It travels 12.50 m." → " It" −0.5, " travels" −0.25, " 12" −1.25, "." −0.125, "50" −2, " m" −0.375, "." −0.125 = −4.625.
    expect(Array.from(result.logLikelihoods)).toEqual([-4.625, -4.625]);
    expect(Array.from(result.tokenCounts!)).toEqual([7, 7]);
    expect(server.requests[0]!.path).toBe('/v1/completions');
    expect(server.requests[0]!.body).toEqual({
      model: 'gt-model',
      prompt: 'USER: How far does the object travel?\nASSISTANT: It travels 12.50 m.',
      echo: true,
      logprobs: 1,
      max_tokens: 1,
      temperature: 0,
    });
    expect(scorer.modelId).toBe('gt-model');
  });

  it('uses a custom prompt renderer and max_tokens 0', async () => {
    server = await startFakeServer((request) => {
      const reply = echoReply(request.body.prompt) as { body: any };
      // With max_tokens 0 the server returns the prompt tokens only.
      for (const key of ['tokens', 'token_logprobs', 'text_offset']) reply.body.choices[0].logprobs[key].pop();
      reply.body.usage.completion_tokens = 0;
      return reply;
    });
    const scorer = createCompletionsLikelihoodScorer({
      baseURL: server.baseURL,
      model: 'gt-model',
      maxTokens: 0,
      renderPrompt: (sample) => ({
        context: `<|user|>${sample.conversations[0].value}<|assistant|>`,
        continuation: ' 12.50 m',
      }),
    });
    const result = await scorer.doScore({ samples: [makeSample('traveled_distance', 's1')] });
    expect(result.logLikelihoods[0]).toBe(-1.25 - 0.125 - 2 - 0.375);
    expect(server.requests[0]!.body.max_tokens).toBe(0);
  });

  it('retries 500 and malformed bodies, and fails clearly when the server does not echo', async () => {
    server = await startFakeServer((request, index) =>
      index === 0
        ? { status: 500, body: { error: { message: 'x' } } }
        : index === 1
          ? { body: '{"choices":' }
          : echoReply(request.body.prompt),
    );
    const scorer = createCompletionsLikelihoodScorer({
      baseURL: server.baseURL,
      model: 'gt-model',
      concurrency: 1,
      _internal: noSleep,
    });
    expect((await scorer.doScore({ samples: [makeSample('traveling_speed', 's1')] })).logLikelihoods[0]).toBe(-4.625);
    expect(server.requests).toHaveLength(3);
    await server.close();
    // A server that ignores echo: logprobs of the generated token only.
    server = await startFakeServer(() => ({
      body: {
        id: 'c',
        object: 'text_completion',
        created: 0,
        model: 'gt-model',
        choices: [
          {
            index: 0,
            text: ' The',
            finish_reason: 'length',
            logprobs: { tokens: [' The'], token_logprobs: [-9], text_offset: [0] },
          },
        ],
      },
    }));
    const noEcho = createCompletionsLikelihoodScorer({
      baseURL: server.baseURL,
      model: 'gt-model',
      maxRetries: 1,
      _internal: noSleep,
    });
    const error = await noEcho
      .doScore({ samples: [makeSample('traveling_speed', 's1')] })
      .catch((caught: unknown) => caught);
    expect(RemoteCallError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/not echoed/);
    expect(server.requests).toHaveLength(2);
  });
});
