import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors';
import { backoffDelay, retryWithBackoff } from './retry';

/** A sleep that records the delays and returns at once (still honouring an aborted signal). */
function recordingSleep(): { delays: number[]; sleep: (ms: number, signal?: AbortSignal) => Promise<void> } {
  const delays: number[] = [];
  return {
    delays,
    sleep: async (ms, signal) => {
      delays.push(ms);
      signal?.throwIfAborted();
    },
  };
}

/** An attempt that fails `failures` times with the given errors, then resolves 'ok'. */
function flaky(failures: number, error: (index: number) => unknown = (index) => new Error(`failure ${index}`)) {
  const calls: number[] = [];
  return {
    calls,
    attempt: async ({ attempt }: { attempt: number }) => {
      calls.push(attempt);
      if (calls.length <= failures) throw error(calls.length - 1);
      return 'ok';
    },
  };
}

describe('retryWithBackoff', () => {
  it('retries until an attempt succeeds, passing the 0-based attempt index', async () => {
    const { delays, sleep } = recordingSleep();
    const { calls, attempt } = flaky(3);
    await expect(retryWithBackoff(attempt, { _internal: { sleep } })).resolves.toBe('ok');
    expect(calls).toEqual([0, 1, 2, 3]);
    // Defaults: 500 ms doubled per retry, no jitter.
    expect(delays).toEqual([500, 1000, 2000]);
  });

  it('gives up after maxRetries retries (maxRetries + 1 attempts) with the last error, or what onGiveUp makes of it', async () => {
    const { delays, sleep } = recordingSleep();
    const { calls, attempt } = flaky(10);
    await expect(retryWithBackoff(attempt, { maxRetries: 2, _internal: { sleep } })).rejects.toThrow('failure 2');
    expect(calls).toEqual([0, 1, 2]);
    expect(delays).toHaveLength(2);

    const second = flaky(10);
    const wrapped = retryWithBackoff(second.attempt, {
      maxRetries: 1,
      _internal: { sleep },
      onGiveUp: (error, info) =>
        new Error(`gave up after ${info.attempts} attempts (retryable ${info.retryable}): ${(error as Error).message}`),
    });
    await expect(wrapped).rejects.toThrow('gave up after 2 attempts (retryable true): failure 1');
  });

  it('maxRetries 0 makes a single attempt', async () => {
    const { delays, sleep } = recordingSleep();
    const { calls, attempt } = flaky(1);
    await expect(retryWithBackoff(attempt, { maxRetries: 0, _internal: { sleep } })).rejects.toThrow('failure 0');
    expect(calls).toEqual([0]);
    expect(delays).toEqual([]);
  });

  it('doubles the delay per retry up to maxDelayMs, and jitter scales it within [1 − j, 1 + j)', async () => {
    const { delays, sleep } = recordingSleep();
    await retryWithBackoff(flaky(5).attempt, {
      maxRetries: 5,
      baseDelayMs: 100,
      maxDelayMs: 700,
      _internal: { sleep },
    });
    expect(delays).toEqual([100, 200, 400, 700, 700]);

    // Hand-computed: 100·2^r · (1 − 0.5 + 2·0.5·u) for u = 0, 0.5, 0.999.
    const draws = [0, 0.5, 0.999];
    const jittered = recordingSleep();
    await retryWithBackoff(flaky(3).attempt, {
      baseDelayMs: 100,
      jitter: 0.5,
      _internal: { sleep: jittered.sleep, random: () => draws.shift()! },
    });
    expect(jittered.delays[0]).toBeCloseTo(50, 10);
    expect(jittered.delays[1]).toBeCloseTo(200, 10);
    expect(jittered.delays[2]).toBeCloseTo(400 * 1.499, 10);
    expect(backoffDelay(3, { baseDelayMs: 250, maxDelayMs: 1000 })).toBe(1000);
  });

  it('stops at once on a non-retryable error and reports retryable false to onGiveUp', async () => {
    const { delays, sleep } = recordingSleep();
    const { calls, attempt } = flaky(10, (index) =>
      Object.assign(new Error(`e${index}`), { status: index === 0 ? 503 : 400 }),
    );
    let info: unknown;
    await expect(
      retryWithBackoff(attempt, {
        _internal: { sleep },
        shouldRetry: (error) => (error as { status: number }).status >= 500,
        onGiveUp: (error, given) => {
          info = given;
          return error;
        },
      }),
    ).rejects.toThrow('e1');
    expect(calls).toEqual([0, 1]);
    expect(delays).toEqual([500]);
    expect(info).toEqual({ attempts: 2, retryable: false });
  });

  it('waits the delay the verdict asks for (e.g. Retry-After) instead of the backoff', async () => {
    const { delays, sleep } = recordingSleep();
    await retryWithBackoff(flaky(2).attempt, {
      _internal: { sleep },
      shouldRetry: (_error, attempt) => ({ retryable: true, delayMs: attempt === 0 ? 1234 : undefined }),
    });
    expect(delays).toEqual([1234, 1000]);
  });

  it('throws the abort reason before the first attempt when the signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled early'));
    const { calls, attempt } = flaky(0);
    await expect(retryWithBackoff(attempt, { signal: controller.signal })).rejects.toThrow('cancelled early');
    expect(calls).toEqual([]);
  });

  it('aborts during the real backoff wait, without waiting it out, and makes no further attempt', async () => {
    const controller = new AbortController();
    const { calls, attempt } = flaky(10);
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('user cancelled')), 30);
    await expect(retryWithBackoff(attempt, { baseDelayMs: 60_000, signal: controller.signal })).rejects.toThrow(
      'user cancelled',
    );
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(calls).toEqual([0]);
  });

  it('does not retry when the signal aborted while the attempt ran (the attempt failed because of it)', async () => {
    const controller = new AbortController();
    const calls: number[] = [];
    const attempt = async ({ attempt: index, signal }: { attempt: number; signal: AbortSignal | undefined }) => {
      calls.push(index);
      controller.abort(new Error('stop'));
      signal?.throwIfAborted();
      return 'unreachable';
    };
    await expect(retryWithBackoff(attempt, { signal: controller.signal, shouldRetry: () => true })).rejects.toThrow(
      'stop',
    );
    expect(calls).toEqual([0]);
  });

  it('refuses out-of-range settings with InvalidArgumentError', async () => {
    const attempt = async () => 'ok';
    await expect(retryWithBackoff(attempt, { maxRetries: -1 })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(retryWithBackoff(attempt, { maxRetries: 1.5 })).rejects.toThrow(/maxRetries/);
    await expect(retryWithBackoff(attempt, { baseDelayMs: Number.NaN })).rejects.toThrow(/baseDelayMs/);
    await expect(retryWithBackoff(attempt, { jitter: 2 })).rejects.toThrow(/jitter/);
  });
});
