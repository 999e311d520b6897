/**
 * Boxes-only track sources (BDD100K/Scalabel, MultiSports) read into the
 * contract: per video, frames with boxes and no masks, and the tracks.
 * Instance ids are assigned per video from the source's track ids (see each
 * reader); the source id is kept in `sourceTrackId`.
 */
import { MAX_INSTANCE_ID, type MaskFrame, type MaskInstance, type MaskTrack } from '@stkit/core';
import { frameFormatError, type FramePlace } from '../frame-error';

/** One video of a boxes-only source. */
export interface BoxTrackVideo {
  /** The source's video name (e.g. BDD100K `videoName`, MultiSports `aerobic_gymnastics/v_…_c001.mp4`). */
  readonly name: string;
  /** Frames in increasing frame index, boxes only (no `idMap`, no masks). */
  readonly frames: readonly MaskFrame[];
  /** One track per source track id, in order of first appearance. */
  readonly tracks: readonly (MaskTrack & { readonly sourceTrackId: string })[];
}

/** Collects frames and tracks of one video while a source is read row by row. */
export class BoxTrackCollector {
  private readonly frames = new Map<number, { instances: MaskInstance[]; place: FramePlace }>();
  private readonly ids = new Map<string, number>();
  private readonly tracks: (MaskTrack & { sourceTrackId: string })[] = [];

  constructor(
    readonly name: string,
    private readonly width: number,
    private readonly height: number,
    private readonly idFor: (sourceTrackId: string, next: number) => number,
  ) {}

  /** Adds one box; a second box of the same track in the same frame is an error (unless identical). */
  add(
    frameIndex: number,
    sourceTrackId: string,
    className: string,
    box: [number, number, number, number],
    place: FramePlace,
  ): void {
    let instanceId = this.ids.get(sourceTrackId);
    if (instanceId === undefined) {
      instanceId = this.idFor(sourceTrackId, this.tracks.length + 1);
      if (!Number.isInteger(instanceId) || instanceId < 1 || instanceId > MAX_INSTANCE_ID)
        throw frameFormatError(
          place,
          `track '${sourceTrackId}' maps to instance id ${instanceId}, outside 1…${MAX_INSTANCE_ID}`,
        );
      if (this.tracks.some((track) => track.id === instanceId))
        throw frameFormatError(
          place,
          `tracks '${sourceTrackId}' and another map to the same instance id ${instanceId}`,
        );
      this.ids.set(sourceTrackId, instanceId);
      this.tracks.push({ id: instanceId, category: className, sourceTrackId });
    }
    const [x1, y1, x2, y2] = box;
    if (![x1, y1, x2, y2].every(Number.isFinite) || x2 < x1 || y2 < y1)
      throw frameFormatError(place, `box [${box.join(', ')}] is not finite or inverted`);
    let frame = this.frames.get(frameIndex);
    if (!frame) {
      frame = { instances: [], place };
      this.frames.set(frameIndex, frame);
    }
    const existing = frame.instances.find((instance) => instance.instanceId === instanceId);
    if (existing) {
      if (existing.box.every((v, i) => v === box[i])) return; // the same box listed again (e.g. one row per action label)
      throw frameFormatError(place, `track '${sourceTrackId}' has two different boxes in this frame`);
    }
    frame.instances.push({ instanceId, box, className, sourceTrackId });
  }

  /** Declares a frame that has no boxes (kept as an empty frame). */
  touch(frameIndex: number, place: FramePlace): void {
    if (!this.frames.has(frameIndex)) this.frames.set(frameIndex, { instances: [], place });
  }

  result(): BoxTrackVideo {
    const frames = [...this.frames.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(
        ([frameIndex, { instances }]): MaskFrame => ({ frameIndex, width: this.width, height: this.height, instances }),
      );
    return { name: this.name, frames, tracks: this.tracks };
  }
}
