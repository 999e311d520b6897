/**
 * Resolves after `ms` milliseconds, or rejects with the signal's reason as soon as `signal` aborts (at once
 * when it already has). The timer and the listener are both removed whichever comes first.
 *
 * @param ms - How long to wait, milliseconds.
 * @param signal - Cancels the wait.
 * @throws The signal's `reason` (a `DOMException` named `AbortError` unless the caller gave another).
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
