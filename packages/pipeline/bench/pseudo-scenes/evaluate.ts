/**
 * Scores a pseudo-label run against a generated scene's truth: per sample,
 * the label against the truth over the same interval (distance, speed:
 * relative error; movement direction: the clock of the true last step; parked
 * objects must get no distance/speed sample), and the yield: of the objects
 * visible for ≥ 2 s (5 consecutive frames), how many name at least one sample.
 */
import type { Clip, Sample } from '@stkit/core';
import type { ObjectTruth } from './render';

export interface RunScore {
  objectsEligible: number;
  objectsWithSamples: number;
  distanceSamples: number;
  /** Mean |pred − truth| / truth over distance and speed samples of moving objects. */
  meanDistanceError: number;
  directionSamples: number;
  directionAgreement: number;
  /** Distance/speed samples about parked objects (must be 0). */
  parkedDistanceSamples: number;
  /** Per kept moving track: |path length − truth| / truth over its first to last kept frame. */
  trackErrors: number[];
}

function truthOf(truth: readonly ObjectTruth[], trackId: string): ObjectTruth | undefined {
  const id = Number(/(\d+)$/.exec(trackId)?.[1]);
  return truth.find((object) => object.instanceId === id);
}

/** Ground-plane path length of the truth between clip seconds [start, end] (constant velocity: exact). */
function truthDistance(object: ObjectTruth, start: number, end: number, clipStart: number): number {
  const a = object.frames[0]!, b = object.frames[1]!;
  const dt = b.t - a.t;
  const speed = Math.hypot(b.center[0] - a.center[0], b.center[2] - a.center[2]) / dt;
  void clipStart;
  return speed * (end - start);
}

/** Scores `samples` of one scene; `clipStarts` maps clip id → its start in video seconds. */
export function scoreRun(samples: readonly Sample[], truth: readonly ObjectTruth[], clipStarts: ReadonlyMap<string, number> = new Map(), clips: readonly Clip[] = []): RunScore {
  const trackErrors: number[] = [];
  for (const clip of clips) {
    for (const track of clip.tracks) {
      const object = truthOf(truth, track.id);
      if (!object || object.parked || track.samples.length < 2) continue;
      let length = 0;
      for (let k = 1; k < track.samples.length; k++) {
        const a = track.samples[k - 1]!.center, b = track.samples[k]!.center;
        length += Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
      }
      const expected = truthDistance(object, track.samples[0]!.t, track.samples[track.samples.length - 1]!.t, 0);
      trackErrors.push(Math.abs(length - expected) / expected);
    }
  }
  const eligible = truth.filter((object) => {
    let run = 0, best = 0;
    for (const frame of object.frames) { run = frame.visible ? run + 1 : 0; best = Math.max(best, run); }
    return best >= 5;
  });
  const named = new Set<number>();
  let errorSum = 0, distanceSamples = 0, directionSamples = 0, directionRight = 0, parkedDistanceSamples = 0;
  for (const sample of samples) {
    for (const object of sample.objects) {
      const match = truthOf(truth, object.trackId);
      if (match) named.add(match.instanceId);
    }
    const label = sample.label as Record<string, number>;
    const object = truthOf(truth, sample.objects[0]!.trackId);
    if (!object) continue;
    const clipStart = clipStarts.get(sample.clipId) ?? 0;
    if (sample.task === 'traveled_distance' || sample.task === 'traveling_speed') {
      if (object.parked) { parkedDistanceSamples++; continue; }
      const expected = truthDistance(object, label.start!, label.end!, clipStart);
      const predicted = sample.task === 'traveled_distance' ? label.meters! : label.metersPerSecond! * (label.end! - label.start!);
      errorSum += Math.abs(predicted - expected) / expected;
      distanceSamples++;
    } else if (sample.task === 'movement_direction') {
      // Straight constant-velocity motion: every step points along the reference (12 o'clock).
      directionSamples++;
      if (label.clock === 12) directionRight++;
    }
  }
  return {
    objectsEligible: eligible.length,
    objectsWithSamples: eligible.filter((object) => named.has(object.instanceId)).length,
    distanceSamples,
    meanDistanceError: distanceSamples > 0 ? errorSum / distanceSamples : Number.NaN,
    directionSamples,
    directionAgreement: directionSamples > 0 ? directionRight / directionSamples : Number.NaN,
    parkedDistanceSamples,
    trackErrors,
  };
}
