/**
 * Scores a pseudo-label run against a generated scene's truth: per sample,
 * the label against the truth over the same interval (distance, speed:
 * relative error; movement direction: the clock of the true last step against
 * the true reference step, at the frames the pseudo track has; parked objects
 * must get no distance/speed/direction sample), the yield: of the objects
 * visible for ≥ 2 s (5 consecutive frames), how many name at least one sample,
 * and the parked-object verdicts of the default filters against the truth.
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
  /** Movement-direction samples about parked objects (must be 0). */
  parkedDirectionSamples: number;
  /** Parked objects present ≥ 2 s. */
  parkedEligible: number;
  /** Parked objects (truth) with at least one distance/speed sample (must be 0). */
  parkedObjectsAsked: number;
  /** Parked objects (truth) that the filters kept, and how many of those they judged parked (snapped). */
  parkedKept: number;
  parkedJudgedParked: number;
  /** Moving objects (truth) that the filters kept, and how many of those they wrongly judged parked. */
  movingKept: number;
  movingJudgedParked: number;
  /** Movement-direction samples within one clock hour of the truth. */
  directionWithinOne: number;
  /** Per kept moving track: |path length − truth| / truth over its first to last kept frame. */
  trackErrors: number[];
}

function truthOf(truth: readonly ObjectTruth[], trackId: string): ObjectTruth | undefined {
  const id = Number(/(\d+)$/.exec(trackId)?.[1]);
  return truth.find((object) => object.instanceId === id);
}

/** Ground-plane path length of the truth between clip seconds [start, end] (constant velocity: exact). */
function truthDistance(object: ObjectTruth, start: number, end: number, clipStart: number): number {
  const a = object.frames[0]!,
    b = object.frames[1]!;
  const dt = b.t - a.t;
  const speed = Math.hypot(b.center[0] - a.center[0], b.center[2] - a.center[2]) / dt;
  void clipStart;
  return speed * (end - start);
}

/** The truth centre at clip second t (frames are on the 0.5 s grid of the scene). */
function truthAt(object: ObjectTruth, t: number): [number, number, number] | undefined {
  return object.frames.find((frame) => Math.abs(frame.t - t) < 1e-6)?.center;
}

/**
 * The clock (1–12) of ground-plane step `v` from reference `ref`, both (x, z) on the road, seen from above (world y
 * is down, so x east and z north): clockwise angle θ, round(θ / 30°) mod 12, 0 written 12. Written out here, not
 * taken from `@stkit/kinematics`, so the yardstick does not share the code it measures.
 */
export function truthClock(ref: readonly [number, number], v: readonly [number, number]): number {
  const counterClockwise = Math.atan2(ref[0] * v[1] - ref[1] * v[0], ref[0] * v[0] + ref[1] * v[1]);
  const clockwise = ((-counterClockwise * 180) / Math.PI + 360) % 360;
  const clock = Math.round(clockwise / 30) % 12;
  return clock === 0 ? 12 : clock;
}

/** The true movement-direction clock of a pseudo track: truth steps at its first moving and its last kept frame pairs. */
export function truthDirection(object: ObjectTruth, times: readonly number[]): number | undefined {
  const steps: [number, number][] = [];
  for (let k = 1; k < times.length; k++) {
    if (Math.abs(times[k]! - times[k - 1]! - 0.5) > 1e-6) continue;
    const a = truthAt(object, times[k - 1]!),
      b = truthAt(object, times[k]!);
    if (a && b) steps.push([b[0] - a[0], b[2] - a[2]]);
  }
  const moving = steps.filter(([x, z]) => Math.hypot(x, z) >= 0.3);
  if (moving.length === 0) return undefined;
  return truthClock(moving[0]!, moving[moving.length - 1]!);
}

/** What the default filters said about one track (`GeneratePseudoResult.objects`). */
export interface TrackMotionVerdict {
  trackId: string;
  verdict: string;
  motion?: { parked: boolean };
}

/** Scores `samples` of one scene; `clipStarts` maps clip id → its start in video seconds. */
export function scoreRun(
  samples: readonly Sample[],
  truth: readonly ObjectTruth[],
  clipStarts: ReadonlyMap<string, number> = new Map(),
  clips: readonly Clip[] = [],
  verdicts: readonly TrackMotionVerdict[] = [],
): RunScore {
  const trackErrors: number[] = [];
  for (const clip of clips) {
    for (const track of clip.tracks) {
      const object = truthOf(truth, track.id);
      if (!object || object.parked || track.samples.length < 2) continue;
      let length = 0;
      for (let k = 1; k < track.samples.length; k++) {
        const a = track.samples[k - 1]!.center,
          b = track.samples[k]!.center;
        length += Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
      }
      const expected = truthDistance(object, track.samples[0]!.t, track.samples[track.samples.length - 1]!.t, 0);
      trackErrors.push(Math.abs(length - expected) / expected);
    }
  }
  const eligible = truth.filter((object) => {
    let run = 0,
      best = 0;
    for (const frame of object.frames) {
      run = frame.visible ? run + 1 : 0;
      best = Math.max(best, run);
    }
    return best >= 5;
  });
  const named = new Set<number>();
  let errorSum = 0,
    distanceSamples = 0,
    directionSamples = 0,
    directionRight = 0,
    directionWithinOne = 0,
    parkedDistanceSamples = 0,
    parkedDirectionSamples = 0;
  const parkedAsked = new Set<number>();
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
      if (object.parked) {
        parkedDistanceSamples++;
        parkedAsked.add(object.instanceId);
        continue;
      }
      const expected = truthDistance(object, label.start!, label.end!, clipStart);
      const predicted =
        sample.task === 'traveled_distance' ? label.meters! : label.metersPerSecond! * (label.end! - label.start!);
      errorSum += Math.abs(predicted - expected) / expected;
      distanceSamples++;
    } else if (sample.task === 'movement_direction') {
      if (object.parked) {
        parkedDirectionSamples++;
        continue;
      }
      const track = clips
        .find((clip) => clip.id === sample.clipId)
        ?.tracks.find((candidate) => candidate.id === sample.objects[0]!.trackId);
      const expected = track
        ? truthDirection(
            object,
            track.samples.map((entry) => entry.t + clipStart),
          )
        : undefined;
      directionSamples++;
      if (expected === label.clock) directionRight++;
      if (
        expected !== undefined &&
        Math.min((expected - label.clock! + 12) % 12, (label.clock! - expected + 12) % 12) <= 1
      )
        directionWithinOne++;
    }
  }
  let parkedKept = 0,
    parkedJudgedParked = 0,
    movingKept = 0,
    movingJudgedParked = 0;
  for (const entry of verdicts) {
    const object = truthOf(truth, entry.trackId);
    if (!object || entry.verdict !== 'kept') continue;
    if (object.parked) {
      parkedKept++;
      if (entry.motion?.parked) parkedJudgedParked++;
    } else {
      movingKept++;
      if (entry.motion?.parked) movingJudgedParked++;
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
    parkedDirectionSamples,
    parkedObjectsAsked: parkedAsked.size,
    parkedEligible: eligible.filter((object) => object.parked).length,
    parkedKept,
    parkedJudgedParked,
    movingKept,
    movingJudgedParked,
    directionWithinOne,
    trackErrors,
  };
}
