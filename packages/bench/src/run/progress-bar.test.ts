import { describe, expect, it } from 'vitest';
import { createProgressBar, formatDuration, renderProgress } from './progress-bar';

describe('progress bar', () => {
  it('renders done/total, percent, rate and ETA', () => {
    // 50 of 200 in 10 s → 5/s; 150 left → 30 s.
    expect(renderProgress({ total: 200, done: 50, failed: 0, elapsedMs: 10_000 }, 8)).toBe(
      '[##......] 50/200 25.0%  5.00/s  ETA 30s',
    );
    expect(renderProgress({ total: 10, done: 0, failed: 0, elapsedMs: 0 }, 4)).toBe('[....] 0/10 0.0%  0.00/s  ETA --');
    expect(renderProgress({ total: 4, done: 2, failed: 1, elapsedMs: 1000 }, 4)).toContain('1 failed');
    expect(formatDuration(3725)).toBe('1h02m');
    expect(formatDuration(185)).toBe('3m05s');
  });
  it('draws on a TTY only, throttled, and ends the line', () => {
    let time = 0;
    const written: string[] = [];
    const tty = { isTTY: true, write: (text: string) => written.push(text) };
    const bar = createProgressBar({ stream: tty, intervalMs: 100, _internal: { now: () => time } });
    bar.onProgress({ total: 3, done: 1, failed: 0, elapsedMs: 10 });
    time = 50;
    bar.onProgress({ total: 3, done: 2, failed: 0, elapsedMs: 60 }); // throttled
    time = 60;
    bar.onProgress({ total: 3, done: 3, failed: 0, elapsedMs: 70 }); // the last one always draws
    bar.done();
    expect(written).toHaveLength(3);
    expect(written[0]!.startsWith('\r[')).toBe(true);
    expect(written[2]).toBe('\n');
    const silent: string[] = [];
    const pipe = createProgressBar({ stream: { isTTY: false, write: (text: string) => silent.push(text) } });
    pipe.onProgress({ total: 1, done: 1, failed: 0, elapsedMs: 1 });
    pipe.done();
    expect(silent).toEqual([]);
  });
});
