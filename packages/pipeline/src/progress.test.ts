import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration } from './progress';

function fakeTty(): NodeJS.WriteStream & { text: string } {
  const stream = {
    isTTY: true,
    text: '',
    write(chunk: string) {
      stream.text += chunk;
      return true;
    },
  };
  return stream as unknown as NodeJS.WriteStream & { text: string };
}

describe('createProgress', () => {
  it('shows done, rate and an ETA from the total', () => {
    let now = 0;
    const stream = fakeTty();
    const progress = createProgress({ unit: 'clips', total: 100, stream, _internal: { now: () => now } });
    now = 10_000; // 10 s for 25 clips → 2.5 clips/s → 75 left → 30 s
    progress.update(25);
    expect(stream.text).toContain('25/100 clips · 2.5 clips/s · ETA 30s');
  });

  it('estimates the ETA from the finished fraction when the total is unknown', () => {
    let now = 0;
    const stream = fakeTty();
    const progress = createProgress({ unit: 'clips', stream, _internal: { now: () => now } });
    now = 60_000; // a quarter of the logs in 60 s → 180 s to go
    progress.update(12, '2/8 logs', 0.25);
    expect(stream.text).toContain('12 clips · 0.2 clips/s · ETA 3m00s · 2/8 logs');
  });

  it('prints nothing when the stream is not a terminal', () => {
    const stream = fakeTty();
    (stream as { isTTY: boolean }).isTTY = false;
    const progress = createProgress({ unit: 'clips', total: 10, stream, _internal: { now: () => 5000 } });
    progress.update(5);
    progress.finish();
    expect(stream.text).toBe('');
  });

  it('formats durations', () => {
    expect(formatDuration(5)).toBe('5s');
    expect(formatDuration(185)).toBe('3m05s');
    expect(formatDuration(3725)).toBe('1h02m');
  });
});
