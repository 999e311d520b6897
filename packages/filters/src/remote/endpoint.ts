/**
 * Connection settings and the retry policy shared by the VLM judge and the
 * likelihood scorer. Both talk to any OpenAI-compatible server (vLLM, SGLang,
 * Ollama, OpenAI) through the official `openai` client, whose own retries are
 * turned off so that one policy — here — covers HTTP 408/409/429/5xx,
 * connection errors, timeouts and malformed JSON bodies, honours
 * `Retry-After`, and stops at once on an AbortSignal. The API key is never
 * logged nor put into an error message; errors name the base URL only.
 */
import { abortableSleep, InvalidArgumentError, RemoteCallError, backoffDelay, retryWithBackoff } from '@stkit/core';
import OpenAI from 'openai';

/** Settings of an OpenAI-compatible endpoint. */
export interface EndpointSettings {
  /** Base URL, e.g. `http://localhost:8000/v1`. @default env `<PREFIX>_BASE_URL` */
  baseURL?: string;
  /** Model name as the server knows it. @default env `<PREFIX>_MODEL` */
  model?: string;
  /** API key. @default env `<PREFIX>_API_KEY`, then `OPENAI_API_KEY`, then `'EMPTY'` (what vLLM accepts) */
  apiKey?: string;
  /** Per-request timeout, ms. @default 120000 */
  timeoutMs?: number;
  /** Retries after the first attempt (429, 5xx, timeouts, connection errors, malformed JSON). @default 4 */
  maxRetries?: number;
  /** First backoff delay, ms; doubles per retry, with ±50 % jitter. @default 500 */
  retryBaseDelayMs?: number;
  /** Longest backoff delay (also caps `Retry-After`), ms. @default 30000 */
  retryMaxDelayMs?: number;
  /** Requests in flight at once. @default 4 */
  concurrency?: number;
  /** Test seams. */
  _internal?: {
    sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
    random?: () => number;
    fetch?: typeof fetch;
  };
}

/** Settings after defaults and environment are applied. */
export interface ResolvedEndpoint {
  baseURL: string;
  model: string;
  client: OpenAI;
  /** The base URL without credentials, for messages. */
  endpointName: string;
}

/**
 * Applies defaults and the environment (`<prefix>_BASE_URL`, `<prefix>_MODEL`,
 * `<prefix>_API_KEY`, `OPENAI_API_KEY`) and creates the client.
 */
export function resolveEndpoint(
  settings: EndpointSettings,
  prefix: string,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedEndpoint {
  const baseURL = settings.baseURL ?? env[`${prefix}_BASE_URL`];
  const model = settings.model ?? env[`${prefix}_MODEL`];
  if (!baseURL)
    throw new InvalidArgumentError({
      argument: 'baseURL',
      message: `no base URL: pass baseURL or set ${prefix}_BASE_URL`,
    });
  if (!model)
    throw new InvalidArgumentError({ argument: 'model', message: `no model: pass model or set ${prefix}_MODEL` });
  let endpointName: string;
  try {
    const url = new URL(baseURL);
    url.username = '';
    url.password = '';
    url.search = '';
    endpointName = url.toString().replace(/\/$/, '');
  } catch (cause) {
    throw new InvalidArgumentError({ argument: 'baseURL', value: baseURL, message: 'is not a valid URL', cause });
  }
  const timeout = settings.timeoutMs ?? 120_000;
  if (!(timeout > 0)) throw new InvalidArgumentError({ argument: 'timeoutMs', value: timeout, message: 'must be > 0' });
  const client = new OpenAI({
    baseURL,
    apiKey: settings.apiKey ?? env[`${prefix}_API_KEY`] ?? env.OPENAI_API_KEY ?? 'EMPTY',
    maxRetries: 0,
    timeout,
    logLevel: 'off',
    ...(settings._internal?.fetch ? { fetch: settings._internal.fetch } : {}),
  });
  return { baseURL, model, client, endpointName };
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('This operation was aborted', 'AbortError');
}

// The abortable wait between retries is core's (one home for every package).
export { abortableSleep };

interface Classified {
  retryable: boolean;
  status: number | undefined;
  retryAfterMs: number | undefined;
  message: string;
}

function classify(error: unknown): Classified {
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    const status = error.status;
    const header = error.headers?.get('retry-after');
    const seconds = header !== null && header !== undefined ? Number(header) : Number.NaN;
    return {
      retryable: status === 408 || status === 409 || status === 429 || status >= 500,
      status,
      retryAfterMs: Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined,
      message: `HTTP ${status}: ${error.message}`,
    };
  }
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return { retryable: true, status: undefined, retryAfterMs: undefined, message: 'request timed out' };
  if (error instanceof OpenAI.APIConnectionError)
    return {
      retryable: true,
      status: undefined,
      retryAfterMs: undefined,
      message: `connection error: ${error.message}`,
    };
  if (error instanceof SyntaxError || error instanceof MalformedResponseError) {
    return {
      retryable: true,
      status: undefined,
      retryAfterMs: undefined,
      message: `malformed response: ${error.message}`,
    };
  }
  return {
    retryable: false,
    status: undefined,
    retryAfterMs: undefined,
    message: error instanceof Error ? error.message : String(error),
  };
}

/** Thrown by response parsers when a 200 response lacks the expected fields; retried like malformed JSON. */
export class MalformedResponseError extends Error {
  override name = 'MalformedResponseError';
}

/** Options of {@link withRetries}. */
export interface RetryOptions {
  endpointName: string;
  settings: EndpointSettings;
  signal?: AbortSignal;
}

/**
 * Runs `attempt` until it succeeds, a non-retryable error occurs, retries are
 * exhausted (→ {@link RemoteCallError}) or `signal` aborts (→ the abort reason):
 * core's `retryWithBackoff` with this endpoint's policy (jitter ±50 %,
 * `Retry-After` capped at `retryMaxDelayMs`).
 */
export async function withRetries<T>(
  attempt: (signal: AbortSignal | undefined) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const { settings, signal, endpointName } = options;
  const cap = settings.retryMaxDelayMs ?? 30_000;
  const backoff = { baseDelayMs: settings.retryBaseDelayMs ?? 500, maxDelayMs: cap, jitter: 0.5 };
  const random = settings._internal?.random ?? Math.random;
  try {
    return await retryWithBackoff(({ signal: attemptSignal }) => attempt(attemptSignal), {
      maxRetries: settings.maxRetries ?? 4,
      signal,
      _internal: settings._internal,
      // The jittered backoff is capped too (after the jitter), as is a server's Retry-After.
      shouldRetry: (error, index) => {
        const verdict = classify(error);
        return verdict.retryable
          ? { retryable: true, delayMs: Math.min(cap, verdict.retryAfterMs ?? backoffDelay(index, backoff, random)) }
          : { retryable: false };
      },
      onGiveUp: (error, { attempts }) => {
        const verdict = classify(error);
        return new RemoteCallError({
          endpoint: endpointName,
          status: verdict.status,
          retryable: verdict.retryable,
          message: `${verdict.message}${verdict.retryable ? ` (after ${attempts} attempts)` : ''}`,
          cause: error,
        });
      },
    });
  } catch (error) {
    // An abort keeps its Error reason; a non-Error reason becomes an AbortError.
    if (signal?.aborted && error === signal.reason) throw abortError(signal);
    throw error;
  }
}
