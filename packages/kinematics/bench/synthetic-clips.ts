/**
 * Deterministic synthetic driving clips for the benchmark: `tracks` objects
 * × `frames` frames at 0.5 s, on-grid annotations; 30 % parked with jitter,
 * the rest moving at 2–15 m/s with slow turns, a quarter entering late or
 * leaving early.
 */
import { createRandom, type Clip } from '@stkit/core';

export function syntheticClips(count: number, tracks = 20, frames = 40, seed = 2026): Clip[] {
  return [...syntheticClipBatches(count, count, tracks, frames, seed)].flat();
}

/** The same clips as {@link syntheticClips}, generated lazily in batches of `batchSize` (a streaming run keeps a small heap). */
export function* syntheticClipBatches(
  count: number,
  batchSize: number,
  tracks = 20,
  frames = 40,
  seed = 2026,
): Generator<Clip[]> {
  const random = createRandom(seed);
  let clips: Clip[] = [];
  for (let index = 0; index < count; index++) {
    if (clips.length === batchSize) {
      yield clips;
      clips = [];
    }
    clips.push({
      id: `synthetic-${index}`,
      source: { dataset: 'synthetic', log: `log-${index % 97}`, domain: 'driving' },
      up: [0, 0, 1],
      frames: Array.from({ length: frames }, (_, k) => ({ t: 0.5 * k })),
      tracks: Array.from({ length: tracks }, (_, trackIndex) => {
        const parked = random.next() < 0.3;
        const speed = parked ? 0 : 2 + random.next() * 13;
        let heading = random.next() * 2 * Math.PI;
        const turnRate = (random.next() - 0.5) * 0.4;
        const first = random.next() < 0.25 ? random.int(frames / 2) : 0;
        const last = random.next() < 0.25 ? first + random.int(frames - first) : frames - 1;
        let x = random.next() * 100;
        let y = random.next() * 100;
        const samples = [];
        for (let k = 0; k < frames; k++) {
          heading += turnRate * 0.5;
          x += speed * 0.5 * Math.cos(heading);
          y += speed * 0.5 * Math.sin(heading);
          if (k < first || k > last) continue;
          const jitter = parked ? 0.1 : 0.02;
          samples.push({
            t: 0.5 * k,
            center: [x + (random.next() - 0.5) * jitter, y + (random.next() - 0.5) * jitter, 0.8] as [
              number,
              number,
              number,
            ],
          });
        }
        return { id: `obj-${trackIndex}`, category: parked ? 'car.parked' : 'car', samples };
      }),
    });
  }
  if (clips.length > 0) yield clips;
}
