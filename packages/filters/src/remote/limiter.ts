/** A concurrency limiter: at most `concurrency` tasks run at once, the rest wait in FIFO order. */
import { InvalidArgumentError } from '@stkit/core';

/** Runs tasks with bounded concurrency. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** Creates a {@link Limiter} allowing `concurrency` (≥ 1) tasks at a time. */
export function createLimiter(concurrency: number): Limiter {
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) {
    throw new InvalidArgumentError({ argument: 'concurrency', value: concurrency, message: 'must be an integer ≥ 1' });
  }
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
