/**
 * A pool of worker threads that turn raw clip lines into outcomes. Parsing a
 * clip file is dominated by `JSON.parse` and fact selection, both CPU-bound
 * and independent per clip, so they spread over threads; the caller keeps
 * the input order (each batch resolves to its own outcomes).
 */
import { Worker } from 'node:worker_threads';
import { StkitError } from '@stkit/core';
import type { ClipOutcome, RawClipLine } from './clip-outcome';
import type { ClipSamplesOptions } from './clip-samples';

/** A running pool. */
export interface ClipPool {
  /** Processes a batch; resolves to one outcome per line, in order. */
  run(lines: RawClipLine[]): Promise<ClipOutcome[]>;
  /** Terminates the workers. */
  close(): Promise<void>;
}

interface Pending {
  resolve: (outcomes: ClipOutcome[]) => void;
  reject: (error: Error) => void;
}

/** Where the worker script is: next to this module, as `.js` when built and `.ts` in the repository's sources. */
/**
 * Young-generation size of a worker. Parsing a clip allocates thousands of
 * short-lived objects; a larger nursery lets them die there instead of being
 * copied and promoted (the default cost ~40 % of the run in GC).
 */
const YOUNG_GENERATION_MB = 96;

function startWorker(workerData: unknown): Worker {
  const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // Running from TypeScript sources (tests, `tsx`): a bootstrap registers tsx in the thread, then loads the
    // worker module; siblings resolve to their sources through the @stkit/source condition.
    const source = new URL('./clip-worker.ts', here).href;
    const bootstrap = `(async () => { const { register } = await import('tsx/esm/api'); register(); await import(${JSON.stringify(source)}); })()`;
    return new Worker(bootstrap, { eval: true, workerData, resourceLimits, execArgv: ['--conditions=@stkit/source'] });
  }
  return new Worker(new URL('./clip-worker.js', here), { workerData, resourceLimits });
}

/** Starts `size` worker threads. */
export function createClipPool(size: number, options: ClipSamplesOptions): ClipPool {
  const workers: { worker: Worker; busy: number }[] = [];
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let failure: Error | undefined;
  for (let index = 0; index < size; index++) {
    const worker = startWorker(options);
    const entry = { worker, busy: 0 };
    worker.on(
      'message',
      (message: { id: number; outcomes?: ClipOutcome[]; error?: { message: string; stack?: string } }) => {
        const request = pending.get(message.id);
        if (request === undefined) return;
        pending.delete(message.id);
        entry.busy--;
        if (message.error) request.reject(new StkitError({ message: `clip worker failed: ${message.error.message}` }));
        else request.resolve(message.outcomes!);
      },
    );
    worker.on('error', (error) => {
      failure = error;
      for (const request of pending.values()) request.reject(error);
      pending.clear();
    });
    workers.push(entry);
  }
  return {
    run(lines) {
      if (failure) return Promise.reject(failure);
      // Least busy worker; ties go to the first.
      let target = workers[0]!;
      for (const entry of workers) if (entry.busy < target.busy) target = entry;
      const id = nextId++;
      target.busy++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        target.worker.postMessage({ id, lines });
      });
    },
    async close() {
      await Promise.all(workers.map((entry) => entry.worker.terminate()));
    },
  };
}
