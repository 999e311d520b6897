/**
 * What `buildSample` computes once per clip (and frame cap) and reuses for
 * every fact of it: the frames shown, their time strings, the clip part of
 * the common prompts, the track lookup.
 */
import { InvalidArgumentError, type Clip, type Track } from '@stkit/core';
import { clipDurationSeconds, formatFrameTimes } from './common-prompt';
import { selectFrameIndices } from './frame-selection';
import { formatFixed2 } from './quantity-format';
import { bindTemplate, compileTemplate, type CompiledTemplate } from './template-render';

/** @internal Per-clip precomputation. Arrays are frozen and shared by the clip's samples. */
export interface ClipContext {
  readonly frameTimes: readonly number[];
  readonly frameTimestamps: readonly string[] | undefined;
  /** Whether boxes can be drawn: the clip has a camera, frame images or 2D boxes (see `hasVisualPrompt`). */
  readonly visualPrompt: boolean;
  readonly tracks: ReadonlyMap<string, Track>;
  /** Common prompt with SECONDS, FRAMES and FRAME_LIST bound; only colour slots left. */
  commonPrompt(template: string): CompiledTemplate;
}

// A one-entry cache: samples are built clip by clip, so the last clip's
// context is the one asked for again. (A WeakMap keyed by clip made
// garbage collection markedly slower over tens of thousands of clips.) It
// keeps the last clip reachable until the next one comes.
let lastClip: Clip | undefined;
let lastKey = '';
let lastContext: ClipContext | undefined;

/** @internal The cached context of a clip for a frame cap and duration override. */
export function clipContext(clip: Clip, maxFrames: number, durationSeconds: number | undefined): ClipContext {
  const key = durationSeconds === undefined ? String(maxFrames) : `${maxFrames}/${durationSeconds}`;
  if (clip !== lastClip || key !== lastKey || lastContext === undefined) {
    lastContext = createContext(clip, maxFrames, durationSeconds);
    lastClip = clip;
    lastKey = key;
  }
  return lastContext;
}

function createContext(clip: Clip, maxFrames: number, durationSeconds: number | undefined): ClipContext {
  const frames = clip.frames;
  if (frames.length === 0)
    throw new InvalidArgumentError({ argument: 'clip.frames', message: `clip '${clip.id}' has no frames` });
  const allTimes = frames.map((frame) => frame.t);
  const indices = selectFrameIndices(frames.length, maxFrames);
  const frameTimes = Object.freeze(indices.map((index) => frames[index]!.t));
  const withTimestamps = indices.every((index) => frames[index]!.timestamp !== undefined);
  const frameTimestamps = withTimestamps ? Object.freeze(indices.map((index) => frames[index]!.timestamp!)) : undefined;
  const duration = durationSeconds ?? clipDurationSeconds(allTimes);
  if (!Number.isFinite(duration) || duration <= 0) {
    throw new InvalidArgumentError({
      argument: 'durationSeconds',
      value: duration,
      message: `must be positive (clip '${clip.id}')`,
    });
  }
  const clipValues = {
    SECONDS: formatFixed2(duration),
    FRAMES: String(frameTimes.length),
    FRAME_LIST: formatFrameTimes(frameTimes),
  };
  const prompts = new Map<string, CompiledTemplate>();
  // A data property, built now, not a getter: V8 allocates an object literal's getter pair in the old generation.
  // Dead after the clip, that pair still pointed at the getter's closure and so at the clip until the next major
  // collection, so every clip (~120 KB parsed) survived the minor collections and was promoted: 30-40 % of the
  // time of `stkit qa` on one thread went to scavenging.
  const tracks = new Map<string, Track>();
  for (const track of clip.tracks) tracks.set(track.id, track);
  return {
    frameTimes,
    frameTimestamps,
    visualPrompt: hasVisualPrompt(clip),
    tracks,
    commonPrompt(template: string): CompiledTemplate {
      let bound = prompts.get(template);
      if (bound === undefined) {
        bound = bindTemplate(compileTemplate(template), clipValues);
        prompts.set(template, bound);
      }
      return bound;
    },
  };
}

/**
 * Whether a clip's samples can show the visual prompt: it has a camera, a
 * frame image or a 2D box. A camera-free clip (an Aria MPS trajectory, a
 * Waymo Motion scenario) has none, so its samples get `visualPrompt: false`.
 */
export function hasVisualPrompt(clip: Pick<Clip, 'camera' | 'frames' | 'tracks'>): boolean {
  if (clip.camera !== undefined) return true;
  if (clip.frames.some((frame) => frame.image !== undefined)) return true;
  return clip.tracks.some((track) => track.samples.some((sample) => sample.box2d !== undefined));
}
