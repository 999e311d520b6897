/**
 * Property test: for random synthetic clips, every fact's label is recomputed
 * by an independent, deliberately plain implementation of the [definitions §2](docs/pages/definitions.md#grounding)
 * definitions written here (arrays of objects, 3D vectors, no ground basis,
 * the stationary rule as "every ground-plane offset from the first ≤ 0.5 m",
 * nothing imported from the package except `selectFacts`), and with a large
 * cap the set of facts of each deterministic task equals the set of
 * candidates this implementation finds eligible.
 */
import { describe, expect, it } from 'vitest';
import { createRandom, type Clip, type Random } from '@stkit/core';
import { selectFacts } from './select-facts';

type V = [number, number, number];
const sub = (a: V, b: V): V => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: V, b: V) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: V, b: V): V => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const norm = (a: V) => Math.sqrt(dot(a, a));

/** [definitions §2](docs/pages/definitions.md#grounding) "Position at a frame", plainly. */
function positionAt(samples: { t: number; center: V }[], t: number): V | null {
  const sorted = [...samples].sort((a, b) => a.t - b.t);
  const exact = sorted.find((s) => Math.abs(s.t - t) <= 1e-6);
  if (exact) return exact.center;
  const before = sorted.filter((s) => s.t < t);
  const after = sorted.filter((s) => s.t > t);
  if (before.length === 0 || after.length === 0) return null;
  const lo = before[before.length - 1]!;
  const hi = after[0]!;
  if (hi.t - lo.t > 1.0 + 1e-6) return null;
  const w = (t - lo.t) / (hi.t - lo.t);
  return [
    lo.center[0] + w * (hi.center[0] - lo.center[0]),
    lo.center[1] + w * (hi.center[1] - lo.center[1]),
    lo.center[2] + w * (hi.center[2] - lo.center[2]),
  ];
}

interface Ref {
  P: (V | null)[];
  /** [definitions §2](docs/pages/definitions.md#stationary) stationary rule over [s, e]. */
  still: (s: number, e: number) => boolean;
  /** Stationary over every gap-free presence segment. */
  stillThroughout: boolean;
  clocks: (number | null)[]; // per step
  longest: [number, number] | null;
}

function reference(clip: Clip, trackIndex: number): Ref {
  const upRaw = clip.up as V;
  const up: V = [upRaw[0] / norm(upRaw), upRaw[1] / norm(upRaw), upRaw[2] / norm(upRaw)];
  const ground = (v: V): V => sub(v, [up[0] * dot(v, up), up[1] * dot(v, up), up[2] * dot(v, up)]);
  const P = clip.frames.map((frame) =>
    positionAt(clip.tracks[trackIndex]!.samples as { t: number; center: V }[], frame.t),
  );
  const steps: (V | null)[] = [];
  for (let k = 0; k + 1 < P.length; k++) steps.push(P[k] && P[k + 1] ? ground(sub(P[k + 1]!, P[k]!)) : null);
  const ref = steps.find((step) => step !== null && norm(step) >= 0.3) ?? null;
  const clocks = steps.map((step) => {
    if (!ref || !step || norm(step) < 0.3) return null;
    // Clockwise seen from above (looking down −up) = negative rotation about up.
    let theta = (Math.atan2(-dot(cross(ref, step), up), dot(ref, step)) * 180) / Math.PI;
    if (theta < 0) theta += 360;
    const clock = Math.round(theta / 30) % 12;
    return clock === 0 ? 12 : clock;
  });
  let longest: [number, number] | null = null;
  for (let s = 0; s < P.length; s++) {
    if (!P[s] || (s > 0 && P[s - 1])) continue;
    let e = s;
    while (e + 1 < P.length && P[e + 1]) e++;
    if (!longest || e - s > longest[1] - longest[0]) longest = [s, e];
  }
  const still = (s: number, e: number) => {
    for (let k = s; k <= e; k++) if (norm(ground(sub(P[k]!, P[s]!))) > 0.5) return false;
    return true;
  };
  let stillThroughout = true;
  for (let s = 0; s < P.length; s++) {
    if (!P[s] || (s > 0 && P[s - 1])) continue;
    let e = s;
    while (e + 1 < P.length && P[e + 1]) e++;
    if (!still(s, e)) stillThroughout = false;
  }
  return { P, clocks, longest, still, stillThroughout };
}

const distance = (P: (V | null)[], s: number, e: number) => {
  let sum = 0;
  for (let k = s; k < e; k++) sum += norm(sub(P[k + 1]!, P[k]!));
  return sum;
};

function runsOf(clocks: (number | null)[]): { clock: number; s: number; e: number }[] {
  const runs: { clock: number; s: number; e: number }[] = [];
  clocks.forEach((clock, k) => {
    if (clock === null) return;
    const last = runs[runs.length - 1];
    if (last && last.clock === clock && last.e === k) last.e = k + 1;
    else runs.push({ clock, s: k, e: k + 1 });
  });
  return runs;
}

/** A random clip: varied sampling (on grid, 10 Hz off grid, irregular and unsorted), gaps, late entries, parked objects, turns. */
function randomClip(random: Random, index: number): Clip {
  const frameCount = 5 + random.int(36);
  const tilted = random.next() < 0.3;
  const up: V = tilted ? [random.next() - 0.5, random.next() - 0.5, 1 + random.next()] : [0, 0, 1];
  const domains = ['driving', 'sports', 'general'] as const;
  const tracks = Array.from({ length: 1 + random.int(8) }, (_, trackIndex) => {
    const parked = random.next() < 0.25;
    const speed = parked ? 0 : random.next() * 12;
    let heading = random.next() * 2 * Math.PI;
    const turnRate = (random.next() - 0.5) * (random.next() < 0.5 ? 0.1 : 1.5);
    const enter = random.next() < 0.3 ? random.next() * frameCount * 0.5 * 0.6 : -0.3;
    const leave = random.next() < 0.3 ? enter + random.next() * frameCount * 0.5 : frameCount * 0.5 + 0.3;
    const gapAt = random.next() < 0.3 ? random.next() * frameCount * 0.5 : -99;
    const gapLength = 0.3 + random.next() * 2.5;
    const mode = random.int(3);
    const times: number[] = [];
    if (mode === 0) for (let k = 0; k < frameCount; k++) times.push(0.5 * k);
    else if (mode === 1) for (let t = 0.03; t < frameCount * 0.5; t += 0.1) times.push(t);
    else for (let t = random.next() * 0.4; t < frameCount * 0.5; t += 0.05 + random.next() * 0.9) times.push(t);
    const samples: { t: number; center: V }[] = [];
    let position: V = [random.next() * 50, random.next() * 50, random.next() * 2];
    let last = 0;
    for (const t of times) {
      const dt = t - last;
      last = t;
      heading += turnRate * dt;
      position = [
        position[0] + speed * dt * Math.cos(heading),
        position[1] + speed * dt * Math.sin(heading),
        position[2] + 0.05 * speed * dt * Math.sin(3 * heading),
      ];
      if (t < enter || t > leave || (t > gapAt && t < gapAt + gapLength)) continue;
      // Parked: centimetre jitter, or (one in three) jitter up to ±0.45 m that sometimes leaves the 0.5 m radius.
      const jitter = parked ? (trackIndex % 3 === 0 ? 0.9 : 0.08) : 0.02;
      samples.push({
        t,
        center: [
          position[0] + (random.next() - 0.5) * jitter,
          position[1] + (random.next() - 0.5) * jitter,
          position[2],
        ],
      });
    }
    return { id: `track-${trackIndex}`, category: 'car', samples: mode === 2 ? random.shuffle(samples) : samples };
  });
  return {
    id: `random-${index}`,
    source: { dataset: 'synthetic', log: 'log', domain: domains[random.int(3)]! },
    up,
    frames: Array.from({ length: frameCount }, (_, k) => ({ t: 0.5 * k })),
    tracks,
  };
}

describe('selectFacts labels match an independent SPEC implementation', () => {
  it('on 300 random clips', () => {
    const random = createRandom('property');
    let checked = 0;
    for (let index = 0; index < 300; index++) {
      const clip = randomClip(random, index);
      const selection = selectFacts(clip, { random: random.fork(index), maxFactsPerTask: 10_000 });
      const refs = clip.tracks.map((_, trackIndex) => reference(clip, trackIndex));
      const byId = new Map(clip.tracks.map((track, trackIndex) => [track.id, refs[trackIndex]!]));
      const frameOf = (t: number) => Math.round(t / 0.5);
      const sports = clip.source.domain === 'sports';
      const eligibleLongest = (ref: Ref) => ref.longest !== null && ref.longest[1] - ref.longest[0] >= 4;

      for (const fact of selection.facts) {
        checked++;
        const ref = byId.get(fact.trackIds[0]!)!;
        if (fact.task === 'traveled_distance' || fact.task === 'traveling_speed') {
          const s = frameOf(fact.label.start);
          const e = frameOf(fact.label.end);
          expect(e - s).toBeGreaterThanOrEqual(4);
          for (let k = s; k <= e; k++) expect(ref.P[k]).not.toBeNull();
          expect(ref.still(s, e)).toBe(false);
          const meters = distance(ref.P, s, e);
          if (fact.task === 'traveled_distance') expect(fact.label.meters).toBeCloseTo(meters, 9);
          else expect(fact.label.metersPerSecond).toBeCloseTo(meters / (0.5 * (e - s)), 9);
          const presentFrames = ref.P.flatMap((p, k) => (p ? [k] : []));
          const whole =
            presentFrames[0] === s &&
            presentFrames[presentFrames.length - 1] === e &&
            presentFrames.length === e - s + 1;
          expect(fact.wholeVideo).toBe(whole);
        } else if (fact.task === 'movement_direction') {
          const lastStep = ref.clocks.findLastIndex((_, k) => ref.P[k] !== null && ref.P[k + 1] !== null);
          expect(fact.label.clock).toBe(ref.clocks[lastStep]);
        } else if (fact.task === 'direction_timestamp') {
          const runs = runsOf(ref.clocks).filter((run) => run.clock === fact.label.clock);
          expect(runs).toHaveLength(1);
          expect([fact.label.start, fact.label.end]).toEqual([0.5 * runs[0]!.s, 0.5 * runs[0]!.e]);
        } else if (fact.task === 'traveled_distance_comparison' || fact.task === 'traveling_speed_comparison') {
          const values = fact.trackIds.map((id) => {
            const r = byId.get(id)!;
            const d = r.still(r.longest![0], r.longest![1]) ? 0 : distance(r.P, r.longest![0], r.longest![1]);
            return fact.task === 'traveled_distance_comparison' ? d : d / (0.5 * (r.longest![1] - r.longest![0]));
          });
          fact.trackIds.forEach((id, i) => expect(fact.label.values[id]).toBeCloseTo(values[i]!, 9));
          expect(Math.max(...values)).toBeGreaterThanOrEqual(1.25 * Math.min(...values));
          const larger = values[0]! > values[1]! ? 0 : 1;
          expect(fact.label.answerTrackId).toBe(
            fact.trackIds[fact.label.polarity === 'positive' ? larger : 1 - larger],
          );
        }
      }

      // Completeness with an unlimited cap: exactly the eligible candidates become facts.
      const upN = norm(clip.up as V);
      const up = (clip.up as V).map((v) => v / upN) as V;
      const net = (r: Ref): V => {
        const d = sub(r.P[r.longest![1]]!, r.P[r.longest![0]]!);
        return sub(d, [up[0] * dot(d, up), up[1] * dot(d, up), up[2] * dot(d, up)]);
      };
      const expectedMovement = sports
        ? []
        : clip.tracks.flatMap((track, i) => {
            const ref = refs[i]!;
            const lastStep = ref.clocks.findLastIndex((_, k) => ref.P[k] !== null && ref.P[k + 1] !== null);
            return lastStep >= 0 && ref.clocks[lastStep] !== null && !ref.stillThroughout
              ? [`${track.id}:${ref.clocks[lastStep]}`]
              : [];
          });
      const gotMovement = selection.facts.flatMap((f) =>
        f.task === 'movement_direction' ? [`${f.trackIds[0]}:${f.label.clock}`] : [],
      );
      expect(gotMovement.sort()).toEqual(expectedMovement.sort());

      const expectedTimestampTracks = sports
        ? []
        : clip.tracks
            .filter((_, i) => {
              const runs = runsOf(refs[i]!.clocks);
              return (
                !refs[i]!.stillThroughout &&
                runs.some((run) => runs.filter((other) => other.clock === run.clock).length === 1)
              );
            })
            .map((track) => track.id);
      const gotTimestampTracks = selection.facts.flatMap((f) =>
        f.task === 'direction_timestamp' ? [f.trackIds[0]!] : [],
      );
      expect(gotTimestampTracks.sort()).toEqual(expectedTimestampTracks.sort());

      const expectedDirectionPairs: string[] = [];
      const expectedDistancePairs: string[] = [];
      for (let i = 0; i < clip.tracks.length; i++) {
        for (let j = i + 1; j < clip.tracks.length; j++) {
          const a = refs[i]!;
          const b = refs[j]!;
          if (!eligibleLongest(a) || !eligibleLongest(b)) continue;
          const key = `${clip.tracks[i]!.id}|${clip.tracks[j]!.id}`;
          const da = a.still(a.longest![0], a.longest![1]) ? 0 : distance(a.P, a.longest![0], a.longest![1]);
          const db = b.still(b.longest![0], b.longest![1]) ? 0 : distance(b.P, b.longest![0], b.longest![1]);
          if (Math.max(da, db) > 0 && Math.max(da, db) >= 1.25 * Math.min(da, db)) expectedDistancePairs.push(key);
          if (sports) continue;
          const na = net(a);
          const nb = net(b);
          if (norm(na) < 2 || norm(nb) < 2) continue;
          const angle = (Math.acos(Math.max(-1, Math.min(1, dot(na, nb) / (norm(na) * norm(nb))))) * 180) / Math.PI;
          if (angle <= 30) expectedDirectionPairs.push(`${key}:true`);
          else if (angle >= 90) expectedDirectionPairs.push(`${key}:false`);
        }
      }
      const order = (ids: readonly string[]) =>
        [...ids].sort((x, y) => Number(x.split('-')[1]) - Number(y.split('-')[1])).join('|');
      const gotDirectionPairs = selection.facts.flatMap((f) =>
        f.task === 'movement_direction_comparison' ? [`${order(f.trackIds)}:${f.label.same}`] : [],
      );
      expect(gotDirectionPairs.sort()).toEqual(expectedDirectionPairs.sort());
      const gotDistancePairs = selection.facts.flatMap((f) =>
        f.task === 'traveled_distance_comparison' ? [order(f.trackIds)] : [],
      );
      expect(gotDistancePairs.sort()).toEqual(expectedDistancePairs.sort());
    }
    expect(checked).toBeGreaterThan(2000);
  });
});
