/**
 * Turns the per-log observations of a reader (every annotation of every
 * track, in the world frame, at log seconds) into `Clip`s, one per window of
 * the 0.5 s grid.
 */
import type { Clip, ClipSource, Pose, Intrinsics, Track, TrackSample } from '@stkit/core';
import type { ClipWindow } from './clip-windows';
import { GRID_STEP_SECONDS } from './clip-windows';

/** [definitions §2](docs/pages/definitions.md#interpolation): grid times are interpolated between annotations at most this far apart, seconds. */
const MAX_INTERPOLATION_GAP_SECONDS = 1.0;

/** One annotation of one track, already in the world frame. */
export interface TrackObservation {
  trackId: string;
  category: string;
  /** Log seconds (seconds since the log's grid origin). */
  time: number;
  /** Absolute source timestamp, decimal string. */
  timestamp: string;
  center: [number, number, number];
  size?: [number, number, number];
  rotation?: [number, number, number, number];
  box2d?: [number, number, number, number];
}

/** Options of {@link assembleClips}. */
export interface AssembleClipsOptions {
  source: ClipSource;
  /** Up vector of the world frame. */
  up: [number, number, number];
  windows: readonly ClipWindow[];
  /** Every observation of the log, any order. */
  observations: readonly TrackObservation[];
  /** Absolute source timestamp of a grid time (log seconds). */
  frameTimestamp(time: number): string;
  /** Image path (relative to the dataset root) of a grid time, when it exists. */
  frameImage?(time: number): string | undefined;
  /** Camera intrinsics; with `cameraPose`, fills `clip.camera`. */
  intrinsics?: Intrinsics;
  /** `world_from_camera` at a grid time (log seconds). */
  cameraPose?(time: number): Pose;
  /**
   * Observations up to this many seconds outside a window are kept too (with
   * negative or past-the-end `t`), so that the first and last grid frames can
   * be interpolated: the default is [definitions §2](docs/pages/definitions.md#interpolation)'s largest interpolation gap, so
   * any annotation pair that may bracket an edge frame reaches the clip.
   * @default 1.0
   */
  marginSeconds?: number;
}

/** A file-name-safe clip id: `<dataset>-[<split>-]<log>-<window index, 3 digits>`. */
export function makeClipId(source: ClipSource, windowIndex: number): string {
  const parts = [source.dataset, source.split, source.log].filter((p): p is string => p !== undefined && p !== '');
  return `${parts.join('-')}-${String(windowIndex).padStart(3, '0')}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** The clips of one log, one per window, in window order. */
export function assembleClips(options: AssembleClipsOptions): Clip[] {
  const margin = options.marginSeconds ?? MAX_INTERPOLATION_GAP_SECONDS;
  const sorted = [...options.observations].sort(
    (a, b) => a.time - b.time || (a.trackId < b.trackId ? -1 : a.trackId > b.trackId ? 1 : 0),
  );
  const clips: Clip[] = [];
  for (const window of options.windows) {
    const end = window.start + (window.frameCount - 1) * GRID_STEP_SECONDS;
    const frames: Clip['frames'] = [];
    const poses: Pose[] = [];
    for (let k = 0; k < window.frameCount; k++) {
      const time = window.start + k * GRID_STEP_SECONDS;
      const image = options.frameImage?.(time);
      frames.push({
        t: k * GRID_STEP_SECONDS,
        timestamp: options.frameTimestamp(time),
        ...(image !== undefined ? { image } : {}),
      });
      if (options.cameraPose) poses.push(options.cameraPose(time));
    }
    const byTrack = new Map<string, { category: string; samples: TrackSample[]; inside: boolean }>();
    for (const o of sorted) {
      if (o.time < window.start - margin - 1e-9 || o.time > end + margin + 1e-9) continue;
      let track = byTrack.get(o.trackId);
      if (!track) byTrack.set(o.trackId, (track = { category: o.category, samples: [], inside: false }));
      if (o.time >= window.start - 1e-9 && o.time <= end + 1e-9) track.inside = true;
      const sample: TrackSample = { t: roundMicro(o.time - window.start), timestamp: o.timestamp, center: o.center };
      if (o.size) sample.size = o.size;
      if (o.rotation) sample.rotation = o.rotation;
      if (o.box2d) sample.box2d = o.box2d;
      track.samples.push(sample);
    }
    const tracks: Track[] = [];
    for (const [id, track] of [...byTrack].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      if (track.inside) tracks.push({ id, category: track.category, samples: track.samples });
    }
    const clip: Clip = {
      id: makeClipId(options.source, window.index),
      source: options.source,
      up: options.up,
      frames,
      tracks,
    };
    if (options.intrinsics) clip.camera = { intrinsics: options.intrinsics, ...(options.cameraPose ? { poses } : {}) };
    clips.push(clip);
  }
  return clips;
}

/** Clip seconds rounded to the microsecond, so that JSON output is stable and readable. */
function roundMicro(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}
