/**
 * Builds small synthetic clips for tests: a grid of N frames at 0.5 s and
 * tracks given as `[t, x, y, z]` rows.
 */
import type { Clip } from '@stkit/core';

/** A track as `[t, x, y, z]` rows. */
export interface TrackSpec {
  id: string;
  category?: string;
  samples: readonly (readonly [number, number, number, number])[];
}

/** Options of {@link makeClip}. */
export interface ClipSpec {
  id?: string;
  frameCount?: number;
  up?: [number, number, number];
  domain?: 'driving' | 'sports' | 'general';
  tracks: readonly TrackSpec[];
}

/** A clip of `frameCount` frames at `t = 0.5·k`. */
export function makeClip(spec: ClipSpec): Clip {
  const frameCount = spec.frameCount ?? 40;
  return {
    id: spec.id ?? 'test-clip',
    source: { dataset: 'test', log: 'log-1', ...(spec.domain ? { domain: spec.domain } : {}) },
    up: spec.up ?? [0, 0, 1],
    frames: Array.from({ length: frameCount }, (_, k) => ({ t: 0.5 * k })),
    tracks: spec.tracks.map((track) => ({
      id: track.id,
      category: track.category ?? 'car',
      samples: track.samples.map(([t, x, y, z]) => ({ t, center: [x, y, z] as [number, number, number] })),
    })),
  };
}

/** Samples on the 0.5 s grid at frames `from…to` (inclusive) of a path `position(t)`. */
export function onGrid(
  from: number,
  to: number,
  position: (t: number) => readonly [number, number, number],
): [number, number, number, number][] {
  const rows: [number, number, number, number][] = [];
  for (let k = from; k <= to; k++) {
    const t = 0.5 * k;
    const [x, y, z] = position(t);
    rows.push([t, x, y, z]);
  }
  return rows;
}
