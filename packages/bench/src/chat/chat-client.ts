/**
 * A chat-completions caller over the official `openai` client, for any
 * OpenAI-compatible server (vLLM, SGLang, llama.cpp, LM Studio, OpenAI).
 * Retries are ours (the client's own are turned off; the loop is core's
 * `retryWithBackoff`) so that they can be counted, cut short by an AbortSignal, and honour `retry-after(-ms)`.
 *
 * Hostile settings get one clear error: credentials in the base URL
 * (`http://user:secret@host/v1`) are sent as a Basic `Authorization` header
 * and stripped from every message; a server that refuses connections before
 * it has ever answered fails at once (no retries: it is not running), while
 * one that answered before is retried as a transient outage. Each attempt
 * links its own signal to the caller's with one listener, removed when the
 * attempt ends, so a long run over one AbortSignal never accumulates
 * listeners (`MaxListenersExceededWarning`).
 */
import OpenAI from 'openai';
import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { abortableSleep, InvalidArgumentError, RemoteCallError, retryWithBackoff } from '@stkit/core';

/** Settings of {@link createChatClient}. */
export interface ChatClientSettings {
  /** Base URL of the server, e.g. `http://localhost:8000/v1`. Required unless `client` is given. */
  readonly baseURL?: string | undefined;
  /** API key. @default process.env.OPENAI_API_KEY ?? 'EMPTY' (local servers ignore it) */
  readonly apiKey?: string | undefined;
  /** A preconfigured `openai` client (custom headers, proxies); its retries are not used. */
  readonly client?: OpenAI | undefined;
  /** Attempts after the first on 408, 409, 429, 5xx, timeouts and connection errors. @default 4 */
  readonly maxRetries?: number | undefined;
  /** Timeout of one attempt, milliseconds. @default 120000 */
  readonly timeoutMs?: number | undefined;
  /** First retry delay, milliseconds, doubled each retry up to 8 s, unless the server sends `retry-after(-ms)`. @default 500 */
  readonly retryBaseMs?: number | undefined;
  /** @internal Deterministic seams for tests. */
  readonly _internal?:
    | { readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>; readonly now?: () => number }
    | undefined;
}

/** One completion request. */
export interface ChatRequest {
  readonly model: string;
  readonly messages: ChatCompletionMessageParam[];
  /** @default 0 */
  readonly temperature?: number | undefined;
  /** Sent as `max_tokens` when given. */
  readonly maxTokens?: number | undefined;
  /** Extra body fields for server-specific options (e.g. vLLM's `top_k`). */
  readonly extraBody?: Record<string, unknown> | undefined;
  readonly signal?: AbortSignal | undefined;
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

const UNREACHABLE = Symbol.for('stkit.bench.serverUnreachable');

/** True when `error` says the server could not be reached before it ever answered (a run should stop). */
export function isServerUnreachable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[UNREACHABLE] === true;
}

/** `url` without user name and password. */
export function stripCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url.replace(/\/\/[^/@\s]*@/g, '//');
  }
}

/** `text` with every `scheme://user:password@` and every given secret replaced. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1');
  for (const secret of secrets) if (secret.length >= 3) out = out.split(secret).join('***');
  return out;
}

/** Per shared signal: the controllers of the attempts in flight, aborted together by one listener. */
const links = new WeakMap<AbortSignal, Set<AbortController>>();

/**
 * A signal for one attempt or read, aborted when `parent` aborts. However many
 * are in flight, `parent` carries a single listener (added with the first,
 * removed with the last), so a run of many concurrent requests over one
 * signal never passes Node's listener limit. `dispose()` ends the link.
 */
export function linkSignal(parent: AbortSignal | undefined): { signal: AbortSignal | undefined; dispose(): void } {
  if (parent === undefined) return { signal: undefined, dispose: () => {} };
  const controller = new AbortController();
  if (parent.aborted) {
    controller.abort(parent.reason);
    return { signal: controller.signal, dispose: () => {} };
  }
  let group = links.get(parent);
  if (group === undefined) {
    const members = new Set<AbortController>();
    group = members;
    links.set(parent, members);
    const onAbort = (): void => {
      for (const member of members) member.abort(parent.reason);
      members.clear();
    };
    parent.addEventListener('abort', onAbort, { once: true });
    (members as Set<AbortController> & { release?: () => void }).release = () => {
      parent.removeEventListener('abort', onAbort);
      links.delete(parent);
    };
  }
  const members = group;
  members.add(controller);
  return {
    signal: controller.signal,
    dispose: () => {
      members.delete(controller);
      if (members.size === 0) (members as Set<AbortController> & { release?: () => void }).release?.();
    },
  };
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

/**
 * Creates a caller; nothing is sent until {@link ChatClient.complete}.
 * @throws {@link InvalidArgumentError} for `baseURL`: a server base URL (or a client) is required
 * @throws {@link InvalidArgumentError} for `maxRetries`: must be a non-negative integer
 * @throws {@link InvalidArgumentError} for `timeoutMs`: must be positive
 * @throws {@link InvalidArgumentError} on the other invalid inputs this function checks (the message names the value)
 */
export function createChatClient(settings: ChatClientSettings): ChatClient {
  if (settings.client === undefined && !settings.baseURL)
    throw new InvalidArgumentError({ argument: 'baseURL', message: 'a server base URL (or a client) is required' });
  const maxRetries = settings.maxRetries ?? 4;
  if (!Number.isInteger(maxRetries) || maxRetries < 0)
    throw new InvalidArgumentError({
      argument: 'maxRetries',
      value: maxRetries,
      message: 'must be a non-negative integer',
    });
  const timeoutMs = settings.timeoutMs ?? 120_000;
  if (!(timeoutMs > 0))
    throw new InvalidArgumentError({ argument: 'timeoutMs', value: timeoutMs, message: 'must be positive' });
  // Credentials in the URL go into a header (fetch refuses URLs that carry them) and never into a message.
  const secrets: string[] = [];
  let baseURL = settings.baseURL;
  let defaultHeaders: Record<string, string> | undefined;
  if (baseURL !== undefined) {
    try {
      const parsed = new URL(baseURL);
      if (parsed.username !== '' || parsed.password !== '') {
        const user = decodeURIComponent(parsed.username);
        const password = decodeURIComponent(parsed.password);
        secrets.push(password, parsed.password, `${user}:${password}`);
        defaultHeaders = { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
        baseURL = stripCredentials(baseURL);
      }
    } catch {
      throw new InvalidArgumentError({
        argument: 'baseURL',
        value: stripCredentials(baseURL),
        message: `not a URL: ${redactSecrets(baseURL, [])}`,
      });
    }
  }
  if (settings.apiKey !== undefined) secrets.push(settings.apiKey);
  const client =
    settings.client ??
    new OpenAI({
      baseURL,
      apiKey: settings.apiKey ?? process.env.OPENAI_API_KEY ?? 'EMPTY',
      maxRetries: 0,
      timeout: timeoutMs,
      ...(defaultHeaders ? { defaultHeaders } : {}),
    });
  const endpoint = `${stripCredentials(String(client.baseURL)).replace(/\/+$/, '')}/chat/completions`;
  // Whether the server ever answered (any HTTP response): until then a refused connection means it is not running.
  let answered = false;
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
    return retryWithBackoff(
      async ({ attempt }) => {
        const started = now();
        const link = linkSignal(request.signal);
        try {
          const completion = await client.chat.completions.create(body, {
            signal: link.signal,
            timeout: timeoutMs,
            maxRetries: 0,
          });
          answered = true;
          const choice = completion.choices?.[0];
          const usage = completion.usage
            ? {
                promptTokens: completion.usage.prompt_tokens,
                completionTokens: completion.usage.completion_tokens,
                totalTokens: completion.usage.total_tokens,
              }
            : null;
          return {
            text: choice?.message?.content ?? '',
            finishReason: choice?.finish_reason ?? null,
            usage,
            latencyMs: now() - started,
            attempts: attempt + 1,
            model: completion.model ?? request.model,
          };
        } catch (error) {
          if (request.signal?.aborted) throw request.signal.reason;
          if (error instanceof OpenAI.APIError && error.status !== undefined) answered = true;
          if (
            error instanceof OpenAI.APIConnectionError &&
            !(error instanceof OpenAI.APIConnectionTimeoutError) &&
            !answered
          ) {
            const detail = redactSecrets(connectionDetail(error), secrets);
            const failure = new RemoteCallError({
              endpoint,
              retryable: false,
              message: `cannot connect to the server (${detail}); is it running at this address?`,
              cause: error,
            });
            Object.defineProperty(failure, UNREACHABLE, { value: true });
            throw failure;
          }
          throw error;
        } finally {
          link.dispose();
        }
      },
      {
        maxRetries,
        signal: request.signal,
        _internal: { sleep },
        shouldRetry: (error, attempt) => {
          if (isServerUnreachable(error)) return false;
          const status = error instanceof OpenAI.APIError ? error.status : undefined;
          const retryable =
            error instanceof OpenAI.APIConnectionError || (status !== undefined && RETRYABLE_STATUS(status));
          return retryable ? { retryable, delayMs: retryDelay(error, attempt, baseMs) } : { retryable };
        },
        onGiveUp: (error, { attempts, retryable }) => {
          if (isServerUnreachable(error)) return error;
          const status = error instanceof OpenAI.APIError ? error.status : undefined;
          const message = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
          return new RemoteCallError({
            endpoint,
            status,
            retryable,
            message: `${message} (after ${attempts} attempt${attempts === 1 ? '' : 's'})`,
            cause: error,
          });
        },
      },
    );
  }
  return { endpoint, complete };
}

/** The innermost cause of a connection error (`ECONNREFUSED`, `ENOTFOUND` …), in one line. */
function connectionDetail(error: unknown): string {
  let cause: unknown = error;
  for (let depth = 0; depth < 5 && (cause as { cause?: unknown })?.cause !== undefined; depth++)
    cause = (cause as { cause: unknown }).cause;
  const code = (cause as { code?: unknown })?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  return (typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message).split('\n')[0]!;
}
