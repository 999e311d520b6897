import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_START_TIMEOUT_MS } from '@stkit/test-data';
import { RemoteCallError } from '@stkit/core';
import { startChatServer, type ChatServer } from '../__fixtures__/chat-server';
import { createChatClient } from './chat-client';

let server: ChatServer;
beforeAll(async () => {
  server = await startChatServer(() => 'ok');
}, SERVER_START_TIMEOUT_MS);
afterAll(() => server.close(), SERVER_START_TIMEOUT_MS);

const messages = [{ role: 'user' as const, content: 'hi' }];

describe('createChatClient', () => {
  it('returns text, usage, latency and attempts; sends temperature 0 and max_tokens only when given', async () => {
    const chat = createChatClient({ baseURL: server.baseURL, maxRetries: 0 });
    const result = await chat.complete({ model: 'm', messages });
    expect(result).toMatchObject({ text: 'ok', finishReason: 'stop', attempts: 1, model: 'm' });
    expect(result.usage!.totalTokens).toBe(result.usage!.promptTokens + result.usage!.completionTokens);
    const request = server.requests[server.requests.length - 1]!;
    expect(request.temperature).toBe(0);
    expect('max_tokens' in request).toBe(false);
    await chat.complete({ model: 'm', messages, maxTokens: 32, extraBody: { top_k: 1 } });
    expect(server.requests[server.requests.length - 1]).toMatchObject({ max_tokens: 32, top_k: 1 });
  });
  it('waits as retry-after-ms says, through the sleep seam', async () => {
    const sleeps: number[] = [];
    const chat = createChatClient({
      baseURL: server.baseURL,
      maxRetries: 2,
      _internal: { sleep: async (ms) => void sleeps.push(ms) },
    });
    server.misbehave({ status: 429, retryAfterMs: 1234 }, { status: 503 });
    const result = await chat.complete({ model: 'm', messages });
    expect(result.attempts).toBe(3);
    // First wait from the header; second the default backoff 500 · 2^1.
    expect(sleeps).toEqual([1234, 1000]);
  });
  it('does not retry a 400 and reports endpoint and status', async () => {
    const chat = createChatClient({
      baseURL: server.baseURL,
      maxRetries: 3,
      _internal: { sleep: async () => undefined },
    });
    server.misbehave({ status: 400 });
    const error = await chat.complete({ model: 'm', messages }).catch((caught: unknown) => caught);
    expect(RemoteCallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, retryable: false, endpoint: `${server.baseURL}/chat/completions` });
    expect((error as Error).message).toContain('after 1 attempt');
  });
  it('rejects with the abort reason, also during a retry wait', async () => {
    const chat = createChatClient({ baseURL: server.baseURL, maxRetries: 5, retryBaseMs: 10_000 });
    server.misbehave({ status: 500 });
    const controller = new AbortController();
    const pending = chat.complete({ model: 'm', messages, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
  it('rejects bad settings', () => {
    expect(() => createChatClient({})).toThrow(/Invalid argument 'baseURL'/);
    expect(() => createChatClient({ baseURL: 'http://x', maxRetries: -1 })).toThrow(/maxRetries/);
  });
});
