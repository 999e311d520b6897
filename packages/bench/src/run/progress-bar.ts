/**
 * A one-line progress bar for terminals: done/total, percent, rate and ETA,
 * redrawn in place at most every `intervalMs`. Not a TTY: silent.
 */
import type { RunProgress } from './run-bench';

/** Options of {@link createProgressBar}. */
export interface ProgressBarOptions {
  /** Where to draw. @default process.stderr */
  readonly stream?: NodeJS.WriteStream | { isTTY?: boolean; columns?: number; write(text: string): unknown };
  /** Minimum milliseconds between redraws. @default 100 */
  readonly intervalMs?: number;
  /** @internal */
  readonly _internal?: { readonly now?: () => number };
}

/** Formats seconds as `1h02m`, `3m05s` or `42s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--';
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/**
 * The bar's text for a progress state.
 * @param width - characters of the bar itself. @default 24
 */
export function renderProgress(progress: RunProgress, width = 24): string {
  const fraction = progress.total === 0 ? 1 : progress.done / progress.total;
  const filled = Math.round(fraction * width);
  const rate = progress.elapsedMs > 0 ? (progress.done * 1000) / progress.elapsedMs : 0;
  const eta = rate > 0 ? (progress.total - progress.done) / rate : Number.POSITIVE_INFINITY;
  const failed = progress.failed > 0 ? `  ${progress.failed} failed` : '';
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${progress.done}/${progress.total} ${(fraction * 100).toFixed(1)}%  ${rate.toFixed(2)}/s  ETA ${formatDuration(eta)}${failed}`;
}

/** Returns an `onProgress` callback and a `done()` that ends the line. */
export function createProgressBar(options: ProgressBarOptions = {}): {
  onProgress: (progress: RunProgress) => void;
  done: () => void;
} {
  const stream = options.stream ?? process.stderr;
  const now = options._internal?.now ?? Date.now;
  const interval = options.intervalMs ?? 100;
  let last = Number.NEGATIVE_INFINITY;
  let drawn = false;
  if (!stream.isTTY) return { onProgress: () => undefined, done: () => undefined };
  return {
    onProgress(progress) {
      const time = now();
      if (time - last < interval && progress.done < progress.total) return;
      last = time;
      drawn = true;
      stream.write(`\r${renderProgress(progress)}\u001b[K`);
    },
    done() {
      if (drawn) stream.write('\n');
    },
  };
}
