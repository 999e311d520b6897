/**
 * The common interface of the dataset readers: each turns a dataset root, as
 * downloaded, into `Clip`s in a metric, gravity-aligned world frame, clip
 * windows of up to 40 frames on the 0.5 s grid.
 */
import type { Clip, DatasetFormatError } from '@stkit/core';

/** Options shared by every reader. */
export interface ReadClipsOptions {
  /** Dataset root folder, as downloaded. */
  root: string;
  /** Dataset version, e.g. `v1.0-trainval` for nuScenes. */
  version?: string;
  /** Split, e.g. `train`, `val`. */
  split?: string;
  /** Camera to project boxes into (dataset-specific name). */
  camera?: string;
  /** Stop after this many clips. */
  maxClips?: number;
  /** Maximum frames per clip (≤ 40). @default 40 */
  maxFrames?: number;
  /** Aborts reading between records. */
  signal?: AbortSignal;
  /** Receives non-fatal warnings (e.g. images absent: frames are skipped). */
  onWarning?: (message: string) => void;
  /**
   * Called when the reader starts a unit of work (a log, sequence, recording
   * or scene): `done` units of `total` are finished. Lets a caller show an ETA.
   */
  onUnits?: (progress: UnitProgress) => void;
}

/** Progress over a reader's units of work. */
export interface UnitProgress {
  /** Units finished. */
  done: number;
  /** Units in this read (after split and log filters). */
  total: number;
  /** What a unit is: `logs`, `sequences`, `recordings` or `scenes`. */
  unit: string;
}

/** What a reader yields: a clip, or a format error of one log after which reading goes on with the next log. */
export type ClipReadEvent = { kind: 'clip'; clip: Clip } | { kind: 'error'; error: DatasetFormatError; log?: string };

/** A dataset reader. `O` = its options (the common ones plus its own). */
export interface DatasetReader<O extends ReadClipsOptions = ReadClipsOptions> {
  /** Dataset id as written into `Clip.source.dataset` (the registry id, see `DatasetReaderDefinition`). */
  readonly dataset: string;
  /** Streams the clips of the dataset root. */
  readClips(options: O): AsyncIterable<ClipReadEvent>;
}
