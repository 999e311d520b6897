/**
 * The loop every file-per-log reader shares: for each unit of work (a log,
 * sequence or recording) report progress, load its clips, turn a
 * `DatasetFormatError` into one `{ kind: 'error' }` event and go on with the
 * next unit, and stop after `maxClips` clips.
 */
import { DatasetFormatError, type Clip } from '@stkit/core';
import type { ClipReadEvent, ReadClipsOptions } from '../reader';

/** Options of {@link readClipsByUnit}. */
export interface ReadClipsByUnitOptions<U> {
  /** The reader's options (`maxClips`, `signal`, `onUnits` are used). */
  read: Pick<ReadClipsOptions, 'maxClips' | 'signal' | 'onUnits'>;
  /** What a unit is, for progress: `logs`, `sequences`, `recordings`. */
  unit: string;
  /** The log name an error event carries. */
  logOf: (unit: U) => string;
  /** Loads the clips of one unit; a `DatasetFormatError` skips the unit. */
  load: (unit: U) => Promise<Clip[]>;
}

/** Streams the clips of `units` in order (see the module comment). */
export async function* readClipsByUnit<U>(
  units: readonly U[],
  options: ReadClipsByUnitOptions<U>,
): AsyncGenerator<ClipReadEvent> {
  const { read } = options;
  let produced = 0;
  for (const [index, unit] of units.entries()) {
    read.onUnits?.({ done: index, total: units.length, unit: options.unit });
    read.signal?.throwIfAborted();
    if (read.maxClips !== undefined && produced >= read.maxClips) return;
    let clips: Clip[];
    try {
      clips = await options.load(unit);
    } catch (error) {
      if (DatasetFormatError.isInstance(error)) {
        yield { kind: 'error', error, log: options.logOf(unit) };
        continue;
      }
      throw error;
    }
    for (const clip of clips) {
      if (read.maxClips !== undefined && produced >= read.maxClips) return;
      produced++;
      yield { kind: 'clip', clip };
    }
  }
}

/** A warning function that passes each `key` on only once. */
export function createWarnOnce(
  onWarning: ((message: string) => void) | undefined,
): (key: string, message: string) => void {
  const warned = new Set<string>();
  return (key, message) => {
    if (warned.has(key)) return;
    warned.add(key);
    onWarning?.(message);
  };
}
