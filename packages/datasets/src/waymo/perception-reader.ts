/**
 * The Waymo perception reader (`--dataset waymo`): v1 segments (TFRecords of
 * `Frame`, one segment per file, its frames consecutive) and the v2 parquet
 * layout (`camera_image/`, `camera_calibration/`, `lidar_box/`,
 * `vehicle_pose/`, one `<segment>.parquet` per component, see `v2-parquet.ts`).
 * Front camera by default (`camera`); frames are drawn from the embedded
 * JPEGs, referenced as `<file>#bytes=<offset>+<length>` (the bytes are read
 * when a frame is drawn, never copied).
 */
import { relative } from 'node:path';
import { InvalidArgumentError, type Clip } from '@stkit/core';
import type { ClipReadEvent, DatasetReader, ReadClipsOptions } from '../reader';
import { createWarnOnce, findFilesMatching, readClipsByUnit } from '../shared/index';

import { decodeFrame, type WaymoCameraCalibration } from './frame-decode';
import { TFRECORD_FILE } from './motion-reader';
import { cameraNumber, segmentClips, type SegmentFrame, type WaymoSegment } from './segment-clips';
import { readTfRecords } from './tfrecord';
import { findV2Segments, readV2Segment } from './v2-parquet';

/** Options of the Waymo perception reader. */
export interface WaymoReadOptions extends ReadClipsOptions {
  /** Camera: `FRONT` (default), `FRONT_LEFT`, `FRONT_RIGHT`, `SIDE_LEFT`, `SIDE_RIGHT`, or its number. */
  camera?: string;
  /** @default 1 GiB */
  maxRecordBytes?: number;
  /** Largest distance between a grid time and the frame whose image is used, seconds. @default 0.05 */
  imageToleranceSeconds?: number;
}

/** Creates the Waymo perception reader. */
export function createWaymoReader(): DatasetReader<WaymoReadOptions> {
  return { dataset: 'waymo', readClips: readWaymoClips };
}

/** A unit of work: a v1 TFRecord segment or a v2 segment (its component files). */
type Unit = { kind: 'v1'; file: string } | { kind: 'v2'; name: string; files: Record<string, string> };

/**
 * Streams the clips of every v1 and v2 segment under the root.
 * @throws {@link InvalidArgumentError} for `camera`: expected FRONT, FRONT_LEFT, FRONT_RIGHT, SIDE_LEFT, SIDE_RIGHT or a camera number
 */
export async function* readWaymoClips(options: WaymoReadOptions): AsyncGenerator<ClipReadEvent> {
  if (cameraNumber(options.camera) === undefined) {
    throw new InvalidArgumentError({
      argument: 'camera',
      value: options.camera,
      message: 'expected FRONT, FRONT_LEFT, FRONT_RIGHT, SIDE_LEFT, SIDE_RIGHT or a camera number',
    });
  }
  const root = options.split ? `${options.root}/${options.split}` : options.root;
  const warn = createWarnOnce(options.onWarning);
  const units: Unit[] = [
    ...(await findFilesMatching(root, TFRECORD_FILE, { signal: options.signal })).map(
      (file): Unit => ({ kind: 'v1', file }),
    ),
    ...(await findV2Segments(root, options.signal)).map((segment): Unit => ({ kind: 'v2', ...segment })),
  ];
  yield* readClipsByUnit(units, {
    read: options,
    unit: 'segments',
    logOf: (unit) => (unit.kind === 'v1' ? relative(options.root, unit.file) : unit.name),
    load: async (unit): Promise<Clip[]> => {
      const segment =
        unit.kind === 'v1'
          ? await readV1Segment(unit.file, options)
          : await readV2Segment(unit.name, unit.files, options);
      if (!segment.calibrations.some((calibration) => calibration.name === cameraNumber(options.camera))) {
        warn(
          `camera:${segment.name}`,
          `Waymo segment ${segment.name}: no calibration of camera ${options.camera ?? 'FRONT'}; clips are produced without camera and frame images.`,
        );
      }
      return segmentClips(segment, {
        camera: options.camera,
        split: options.split,
        maxFrames: options.maxFrames,
        imageToleranceSeconds: options.imageToleranceSeconds,
      });
    },
  });
}

/** Decodes a v1 segment file (every `Frame` record). */
export async function readV1Segment(
  file: string,
  options: Pick<WaymoReadOptions, 'root' | 'camera' | 'maxRecordBytes' | 'signal'>,
): Promise<WaymoSegment> {
  const camera = cameraNumber(options.camera);
  const frames: SegmentFrame[] = [];
  let calibrations: WaymoCameraCalibration[] = [];
  let name = '';
  const rel = relative(options.root, file);
  for await (const record of readTfRecords(file, { maxRecordBytes: options.maxRecordBytes, signal: options.signal })) {
    const frame = decodeFrame(record.data, { file, record: record.index });
    if (frame.calibrations.length > 0) calibrations = frame.calibrations;
    name ||= frame.segment;
    const image = frame.images.find((candidate) => candidate.name === camera);
    frames.push({
      timestampMicros: frame.timestampMicros,
      pose: frame.pose,
      labels: frame.labels,
      ...(image ? { image: `${rel}#bytes=${record.dataOffset + image.offset}+${image.length}` } : {}),
    });
  }
  return { name: name || rel, frames, calibrations };
}
