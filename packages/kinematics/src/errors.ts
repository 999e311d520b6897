/**
 * Errors of `@stkit/kinematics`: bad values inside a `Clip` that the zod
 * schema did not (or could not, for clips built in code) reject.
 */
import { StkitError } from '@stkit/core';

const MARKER = Symbol.for('stkit.error.ClipDataError');

/**
 * A clip holds a value the kinematics cannot use: a non-finite sample time or
 * centre coordinate, non-increasing frame times, a zero up vector, a
 * duplicate track id. Names the clip, the track (id and index), the sample
 * index (in the track's input order, before any sorting) and the field.
 */
export class ClipDataError extends StkitError {
  /** Id of the clip. */
  readonly clipId: string;
  /** Id of the offending track, when the value belongs to one. */
  readonly trackId: string | undefined;
  /** Index of the track in `clip.tracks`, when the value belongs to one. */
  readonly trackIndex: number | undefined;
  /** Index of the sample in `track.samples` (input order), when the value belongs to one. */
  readonly sampleIndex: number | undefined;
  /** JSON path of the value inside the clip, e.g. `tracks[3].samples[7].center[1]`. */
  readonly field: string;
  /** What is wrong, without the location. */
  readonly reason: string;

  /** @param options - where the value is (`clipId`, `field`, and `trackId`, `trackIndex`, `sampleIndex` when it belongs to one) and the `reason`. */
  constructor(options: {
    clipId: string;
    field: string;
    reason: string;
    trackId?: string;
    trackIndex?: number;
    sampleIndex?: number;
    cause?: unknown;
  }) {
    const place = [
      `clip '${options.clipId}'`,
      options.trackId !== undefined ? `track '${options.trackId}'` : undefined,
      options.sampleIndex !== undefined ? `sample ${options.sampleIndex}` : undefined,
      `field '${options.field}'`,
    ]
      .filter(Boolean)
      .join(', ');
    super({ name: 'ClipDataError', message: `${place}: ${options.reason}`, cause: options.cause });
    Object.defineProperty(this, MARKER, { value: true });
    this.clipId = options.clipId;
    this.trackId = options.trackId;
    this.trackIndex = options.trackIndex;
    this.sampleIndex = options.sampleIndex;
    this.field = options.field;
    this.reason = options.reason;
  }

  /** True when `error` is a {@link ClipDataError}, whatever copy of the package created it. */
  static override isInstance(error: unknown): error is ClipDataError {
    return StkitError.isInstance(error) && (error as unknown as Record<symbol, unknown>)[MARKER] === true;
  }
}
