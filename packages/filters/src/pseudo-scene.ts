/**
 * Input of the pseudo-label filter: one scene (clip) with, per object track,
 * its per-frame detections and lifted 3D point clouds, as the segmentation
 * and geometry stages produce them before kinematic grounding.
 */
import type { Clip } from '@stkit/core';

/** One frame of one object. */
export interface PseudoObservation {
  /** Clip seconds of the frame. */
  t: number;
  /** Absolute source timestamp (decimal string), passed through. */
  timestamp?: string;
  /** 2D box `[x1, y1, x2, y2]`, pixels. */
  box?: readonly [number, number, number, number];
  /** Detector box confidence in [0, 1]. */
  boxConfidence?: number;
  /** Text-grounding confidence in [0, 1]. */
  textConfidence?: number;
  /** The mask lifted to 3D: row-major xyz in the clip's world frame, metres. */
  points?: Float64Array;
  /** Partly hidden behind a nearer object in this frame (the default filters make the frame absent). */
  occluded?: boolean;
  /** Centroid, metres, when no cloud is given (then DBSCAN and the size tests are skipped for this frame). */
  center?: readonly [number, number, number];
}

/** One object's observations, in time order. */
export interface PseudoTrack {
  id: string;
  category: string;
  observations: PseudoObservation[];
}

/**
 * A scene: the clip (its `tracks` are ignored and replaced by the filtered
 * ones) plus the raw pseudo tracks.
 */
export interface PseudoScene {
  clip: Clip;
  tracks: PseudoTrack[];
  /** Every video frame's camera in the clip (optional; used by `applyRepairingFilters`). */
  cameras?: PseudoCamera[];
}

/** The camera of one video frame of a scene (for the default filters' pose-glitch test, DBSCAN radius and centre). */
export interface PseudoCamera {
  /** Clip seconds of the frame (equal to the observations' `t`). */
  t: number;
  /** Camera-to-world rotation `[w, x, y, z]`. */
  rotation: readonly [number, number, number, number];
  /** Camera centre in the world frame, metres. */
  translation: readonly [number, number, number];
  /** Focal length, pixels (of the image the masks were lifted from). */
  focalLength: number;
}
