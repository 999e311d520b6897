/**
 * Terminal progress: one self-overwriting status line on a TTY (done, rate,
 * ETA when the total is known), nothing at all otherwise, so logs of batch
 * jobs stay clean.
 */

/** A progress line. */
export interface Progress {
  /**
   * Updates the counters; redraws at most every 100 ms. `fraction` (0–1), when
   * given, is the share of the whole work finished, for the ETA when the total
   * count is not known (e.g. logs read of all logs).
   */
  update(done: number, extra?: string, fraction?: number): void;
  /** Clears the line. */
  finish(): void;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** What is counted, e.g. `clips`. */
  unit: string;
  /** Total, when known (enables the ETA). */
  total?: number;
  /** @default process.stderr */
  stream?: NodeJS.WriteStream;
  /** @internal clock seam for tests. */
  _internal?: { now?: () => number };
}

/**
 * Formats seconds as `1h02m`, `3m05s` or `12s`.
 * @returns the duration as text; `?` for a negative or non-finite value.
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** Creates a progress line (a no-op when the stream is not a TTY). */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options._internal?.now ?? (() => performance.now());
  if (!stream.isTTY) return { update() {}, finish() {} };
  const started = now();
  let last = 0;
  return {
    update(done, extra, fraction) {
      const time = now();
      if (time - last < 100) return;
      last = time;
      const elapsed = (time - started) / 1000;
      const rate = elapsed > 0 ? done / elapsed : 0;
      const parts = [
        `${done}${options.total !== undefined ? `/${options.total}` : ''} ${options.unit}`,
        `${rate.toFixed(1)} ${options.unit}/s`,
      ];
      if (options.total !== undefined && rate > 0) parts.push(`ETA ${formatDuration((options.total - done) / rate)}`);
      else if (fraction !== undefined && fraction > 0 && fraction < 1)
        parts.push(`ETA ${formatDuration((elapsed * (1 - fraction)) / fraction)}`);
      if (extra) parts.push(extra);
      stream.write(`\r\x1b[2K${parts.join(' · ')}`);
    },
    finish() {
      stream.write('\r\x1b[2K');
    },
  };
}
