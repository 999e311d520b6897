/**
 * One retry loop for every package that calls a remote service: exponential
 * backoff (optionally jittered and capped), a caller-supplied verdict on
 * which errors are worth retrying (and how long the server asked us to
 * wait), and an `AbortSignal` that stops the loop at once — before an
 * attempt, after a failed one and during the wait.
 */
import { abortableSleep } from './abortable-sleep';
import { InvalidArgumentError } from './errors';

/** The verdict on one failed attempt. */
export interface RetryDecision {
  /** Whether another attempt may be made. */
  readonly retryable: boolean;
  /**
   * Wait before the next attempt, milliseconds, instead of the backoff (e.g. a
   * server's `Retry-After`). Used as given: cap it yourself if it needs a cap.
   */
  readonly delayMs?: number | undefined;
}

/** What the loop knows when it gives up. */
export interface RetryGiveUp {
  /** Attempts made, including the one that failed last (≥ 1). */
  readonly attempts: number;
  /** The last verdict: `false` when a non-retryable error ended the loop, `true` when retries ran out. */
  readonly retryable: boolean;
}

/** Options of {@link retryWithBackoff}. */
export interface RetryWithBackoffOptions {
  /** Attempts after the first. @default 4 */
  readonly maxRetries?: number | undefined;
  /** Delay before the first retry, milliseconds; doubled each retry. @default 500 */
  readonly baseDelayMs?: number | undefined;
  /** Longest backoff delay, milliseconds (before jitter). @default 30000 */
  readonly maxDelayMs?: number | undefined;
  /**
   * Relative jitter `j` in [0, 1]: the backoff delay is multiplied by a uniform
   * factor in `[1 − j, 1 + j)`. @default 0 (no jitter)
   */
  readonly jitter?: number | undefined;
  /** Stops the loop; the signal's `reason` is thrown. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Whether `error` (thrown by the attempt with index `attempt`, 0-based) may be retried.
   * @default every error is retryable
   */
  readonly shouldRetry?: ((error: unknown, attempt: number) => boolean | RetryDecision) | undefined;
  /**
   * The error to throw when the loop gives up (a non-retryable error, or retries exhausted).
   * @default the attempt's error, unchanged
   */
  readonly onGiveUp?: ((error: unknown, info: RetryGiveUp) => unknown) | undefined;
  /** Deterministic seams for tests. */
  readonly _internal?:
    | { readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>; readonly random?: () => number }
    | undefined;
}

/** Context of one attempt. */
export interface RetryAttempt {
  /** 0 for the first attempt, 1 for the first retry, … */
  readonly attempt: number;
  /** The caller's signal (forward it to the I/O of the attempt). */
  readonly signal: AbortSignal | undefined;
}

function checkNonNegative(argument: string, value: number, integer: boolean): void {
  if (!(value >= 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new InvalidArgumentError({
      argument,
      value,
      message: integer ? 'must be a non-negative integer' : 'must be a finite number ≥ 0',
    });
  }
}

/**
 * The backoff delay before retry number `retry + 1`: `min(maxDelayMs, baseDelayMs · 2^retry)`, times a jitter
 * factor `1 − jitter + 2 · jitter · random()`.
 *
 * @param retry - 0 before the first retry.
 * @param random - A uniform draw in [0, 1) (only used when `jitter > 0`).
 */
export function backoffDelay(
  retry: number,
  options: Pick<RetryWithBackoffOptions, 'baseDelayMs' | 'maxDelayMs' | 'jitter'> = {},
  random: () => number = Math.random,
): number {
  const base = options.baseDelayMs ?? 500;
  const cap = options.maxDelayMs ?? 30_000;
  const jitter = options.jitter ?? 0;
  const delay = Math.min(cap, base * 2 ** retry);
  return jitter > 0 ? delay * (1 - jitter + 2 * jitter * random()) : delay;
}

/**
 * Runs `attempt` until it resolves, `shouldRetry` refuses the error, `maxRetries` retries have failed, or
 * `signal` aborts. Between attempts it waits the verdict's `delayMs`, else {@link backoffDelay}.
 *
 * @param attempt - One try; receives its index and the caller's signal.
 * @returns What the first successful attempt resolved to.
 * @throws The signal's `reason` when `signal` aborts (checked before every attempt, after a failure and during the wait).
 * @throws What `onGiveUp` returns (by default the last attempt's error) when the loop gives up.
 * @throws {@link InvalidArgumentError} for `maxRetries`, `baseDelayMs`, `maxDelayMs` or `jitter` out of range.
 */
export async function retryWithBackoff<T>(
  attempt: (context: RetryAttempt) => Promise<T>,
  options: RetryWithBackoffOptions = {},
): Promise<T> {
  const maxRetries = options.maxRetries ?? 4;
  checkNonNegative('maxRetries', maxRetries, true);
  checkNonNegative('baseDelayMs', options.baseDelayMs ?? 500, false);
  checkNonNegative('maxDelayMs', options.maxDelayMs ?? 30_000, false);
  const jitter = options.jitter ?? 0;
  if (!(jitter >= 0 && jitter <= 1))
    throw new InvalidArgumentError({ argument: 'jitter', value: jitter, message: 'must be in [0, 1]' });
  const { signal } = options;
  const sleep = options._internal?.sleep ?? abortableSleep;
  const random = options._internal?.random ?? Math.random;
  for (let index = 0; ; index++) {
    signal?.throwIfAborted();
    try {
      return await attempt({ attempt: index, signal });
    } catch (error) {
      signal?.throwIfAborted();
      const verdict = options.shouldRetry ? options.shouldRetry(error, index) : true;
      const decision: RetryDecision = typeof verdict === 'boolean' ? { retryable: verdict } : verdict;
      if (!decision.retryable || index >= maxRetries) {
        throw options.onGiveUp
          ? options.onGiveUp(error, { attempts: index + 1, retryable: decision.retryable })
          : error;
      }
      await sleep(decision.delayMs ?? backoffDelay(index, options, random), signal);
    }
  }
}
