/**
 * A chat-completions caller over the official `openai` client, for any
 * OpenAI-compatible server (vLLM, SGLang, llama.cpp, LM Studio, OpenAI).
 * Retries are ours (the client's own are turned off) so that they can be
 * counted, cut short by an AbortSignal, and honour `retry-after(-ms)`.
 */
import OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { InvalidArgumentError, RemoteCallError } from '@stkit/core';
import { abortableSleep } from './abortable-sleep';

/** Settings of {@link createChatClient}. */
export interface ChatClientSettings {
  /** Base URL of the server, e.g. `http://localhost:8000/v1`. Required unless `client` is given. */
  readonly baseURL?: string;
  /** API key. @default process.env.OPENAI_API_KEY ?? 'EMPTY' (local servers ignore it) */
  readonly apiKey?: string;
  /** A preconfigured `openai` client (custom headers, proxies); its retries are not used. */
  readonly client?: OpenAI;
  /** Attempts after the first on 408, 409, 429, 5xx, timeouts and connection errors. @default 4 */
  readonly maxRetries?: number;
  /** Timeout of one attempt, milliseconds. @default 120000 */
  readonly timeoutMs?: number;
  /** First retry delay, milliseconds, doubled each retry up to 8 s, unless the server sends `retry-after(-ms)`. @default 500 */
  readonly retryBaseMs?: number;
  /** @internal Deterministic seams for tests. */
  readonly _internal?: { readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>; readonly now?: () => number };
}

/** One completion request. */
export interface ChatRequest {
  readonly model: string;
  readonly messages: ChatCompletionMessageParam[];
  /** @default 0 */
  readonly temperature?: number;
  /** Sent as `max_tokens` when given. */
  readonly maxTokens?: number;
  /** Extra body fields for server-specific options (e.g. vLLM's `top_k`). */
  readonly extraBody?: Record<string, unknown>;
  readonly signal?: AbortSignal;
}

/** Token usage as the server reports it. */
export interface ChatUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
}

/** A completion. */
export interface ChatResult {
  /** The assistant message text ('' when the server sent none). */
  readonly text: string;
  readonly finishReason: string | null;
  readonly usage: ChatUsage | null;
  /** Wall time of the successful attempt, milliseconds. */
  readonly latencyMs: number;
  /** Attempts made, 1 when the first succeeded. */
  readonly attempts: number;
  /** Model name the server reported. */
  readonly model: string;
}

/** A chat-completions caller. */
export interface ChatClient {
  /** The endpoint, without credentials (for messages). */
  readonly endpoint: string;
  complete(request: ChatRequest): Promise<ChatResult>;
}

const RETRYABLE_STATUS = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500;
const MAX_DELAY_MS = 8000;

function retryDelay(error: unknown, attempt: number, baseMs: number): number {
  const headers = (error as { headers?: Headers }).headers;
  const ms = Number.parseFloat(headers?.get?.('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return Math.min(ms, 60_000);
  const seconds = Number.parseFloat(headers?.get?.('retry-after') ?? '');
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 60_000);
  return Math.min(baseMs * 2 ** attempt, MAX_DELAY_MS);
}

/** Creates a caller; nothing is sent until {@link ChatClient.complete}. */
export function createChatClient(settings: ChatClientSettings): ChatClient {
  if (settings.client === undefined && !settings.baseURL) throw new InvalidArgumentError({ argument: 'baseURL', message: 'a server base URL (or a client) is required' });
  const maxRetries = settings.maxRetries ?? 4;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new InvalidArgumentError({ argument: 'maxRetries', value: maxRetries, message: 'must be a non-negative integer' });
  const timeoutMs = settings.timeoutMs ?? 120_000;
  if (!(timeoutMs > 0)) throw new InvalidArgumentError({ argument: 'timeoutMs', value: timeoutMs, message: 'must be positive' });
  const client =
    settings.client ??
    new OpenAI({ baseURL: settings.baseURL, apiKey: settings.apiKey ?? process.env.OPENAI_API_KEY ?? 'EMPTY', maxRetries: 0, timeout: timeoutMs });
  const endpoint = `${String(client.baseURL).replace(/\/+$/, '')}/chat/completions`;
  const sleep = settings._internal?.sleep ?? abortableSleep;
  const now = settings._internal?.now ?? Date.now;
  const baseMs = settings.retryBaseMs ?? 500;

  async function complete(request: ChatRequest): Promise<ChatResult> {
    const body: ChatCompletionCreateParamsNonStreaming = {
      ...(request.extraBody as object),
      model: request.model,
      messages: request.messages,
      temperature: request.temperature ?? 0,
      ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
    };
    for (let attempt = 0; ; attempt++) {
      request.signal?.throwIfAborted();
      const started = now();
      try {
        const completion = await client.chat.completions.create(body, { signal: request.signal, timeout: timeoutMs, maxRetries: 0 });
        const choice = completion.choices?.[0];
        const usage = completion.usage
          ? { promptTokens: completion.usage.prompt_tokens, completionTokens: completion.usage.completion_tokens, totalTokens: completion.usage.total_tokens }
          : null;
        return { text: choice?.message?.content ?? '', finishReason: choice?.finish_reason ?? null, usage, latencyMs: now() - started, attempts: attempt + 1, model: completion.model ?? request.model };
      } catch (error) {
        if (request.signal?.aborted) throw request.signal.reason;
        const status = error instanceof OpenAI.APIError ? error.status : undefined;
        const connection = error instanceof OpenAI.APIConnectionError;
        const retryable = connection || (status !== undefined && RETRYABLE_STATUS(status));
        if (!retryable || attempt >= maxRetries) {
          const message = error instanceof Error ? error.message : String(error);
          throw new RemoteCallError({ endpoint, status, retryable, message: `${message} (after ${attempt + 1} attempt${attempt === 0 ? '' : 's'})`, cause: error });
        }
        await sleep(retryDelay(error, attempt, baseMs), request.signal);
      }
    }
  }
  return { endpoint, complete };
}
