/**
 * Detection filters of [definitions §4](docs/pages/definitions.md#filtering): a detection is dropped when its box
 * confidence is < 0.4, its text (grounding) confidence < 0.3, or its 2D box
 * area < 10 px². A value exactly at a threshold is kept. A confidence that is
 * absent (e.g. a tracker that reports none) is not checked.
 */
import { InvalidArgumentError } from '@stkit/core';

/** A 2D detection of one object in one frame. */
export interface Detection {
  /** Box `[x1, y1, x2, y2]`, pixels (x2 ≥ x1, y2 ≥ y1). */
  box?: readonly [number, number, number, number];
  /** Detector box score in [0, 1] (Grounding DINO's box confidence). */
  boxConfidence?: number;
  /** Text-grounding score in [0, 1] (Grounding DINO's phrase/text confidence). */
  textConfidence?: number;
}

/** Why a detection was dropped. */
export type DetectionRejection = 'low_box_confidence' | 'low_text_confidence' | 'small_box';

/** Thresholds of {@link checkDetection}. */
export interface DetectionFilterOptions {
  /** Minimum box confidence. @default 0.4 ([definitions §4](docs/pages/definitions.md#filtering)) */
  minBoxConfidence?: number;
  /** Minimum text confidence. @default 0.3 ([definitions §4](docs/pages/definitions.md#filtering)) */
  minTextConfidence?: number;
  /** Minimum box area, px². @default 10 ([definitions §4](docs/pages/definitions.md#filtering)) */
  minBoxArea?: number;
}

/**
 * Area of a `[x1, y1, x2, y2]` box in px²; throws for an inverted or non-finite box.
 * @returns px².
 */
export function boxArea(box: readonly [number, number, number, number]): number {
  const [x1, y1, x2, y2] = box;
  if (![x1, y1, x2, y2].every(Number.isFinite) || x2 < x1 || y2 < y1) {
    throw new InvalidArgumentError({
      argument: 'box',
      value: box,
      message: 'must be finite [x1, y1, x2, y2] with x2 ≥ x1 and y2 ≥ y1',
    });
  }
  return (x2 - x1) * (y2 - y1);
}

/**
 * The first reason (in the order box confidence, text confidence, box area)
 * for which `detection` is dropped, or `undefined` when it is kept.
 * @throws {@link InvalidArgumentError} for `boxConfidence`: is NaN
 * @throws {@link InvalidArgumentError} for `textConfidence`: is NaN
 */
export function checkDetection(
  detection: Detection,
  options: DetectionFilterOptions = {},
): DetectionRejection | undefined {
  const minBox = options.minBoxConfidence ?? 0.4;
  const minText = options.minTextConfidence ?? 0.3;
  const minArea = options.minBoxArea ?? 10;
  const { boxConfidence, textConfidence, box } = detection;
  if (boxConfidence !== undefined) {
    if (Number.isNaN(boxConfidence))
      throw new InvalidArgumentError({ argument: 'boxConfidence', value: boxConfidence, message: 'is NaN' });
    if (boxConfidence < minBox) return 'low_box_confidence';
  }
  if (textConfidence !== undefined) {
    if (Number.isNaN(textConfidence))
      throw new InvalidArgumentError({ argument: 'textConfidence', value: textConfidence, message: 'is NaN' });
    if (textConfidence < minText) return 'low_text_confidence';
  }
  if (box !== undefined && boxArea(box) < minArea) return 'small_box';
  return undefined;
}
