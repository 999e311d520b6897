/**
 * Worker-thread entry of the clip pool: receives batches of raw clip lines,
 * answers with their outcomes in the same order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { outcomeOfLine, type RawClipLine } from './clip-outcome';
import type { ClipSamplesOptions } from './clip-samples';

const options = workerData as ClipSamplesOptions;
parentPort!.on('message', (message: { id: number; lines: RawClipLine[] }) => {
  try {
    parentPort!.postMessage({ id: message.id, outcomes: message.lines.map((raw) => outcomeOfLine(raw, options)) });
  } catch (error) {
    parentPort!.postMessage({
      id: message.id,
      error: { message: (error as Error).message, stack: (error as Error).stack },
    });
  }
});
