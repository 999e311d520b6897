/**
 * A Waymo perception segment (v1 `Frame` TFRecord or v2 parquet components,
 * decoded into the same shape) → Clips. Boxes are in the vehicle frame of
 * their frame; the vehicle pose (vehicle → world) takes them to the world
 * frame (z up). The chosen camera's calibration projects them into the image
 * (Waymo camera frame: x forward, y left, z up; extrinsic = camera →
 * vehicle); boxes that do not project into the image get no `box2d` (the
 * pipeline then treats them as absent in that frame, [definitions §2](docs/pages/definitions.md#grounding)).
 */
import type { Clip, Intrinsics, Pose } from '@stkit/core';
import {
  assembleClips,
  planClipWindows,
  projectBoxToImage,
  quatFromSe3,
  se3ApplyToPoint,
  se3Compose,
  se3Inverse,
  type TrackObservation,
} from '../shared/index';
import { quatFromHeading } from './heading';
import {
  WAYMO_CAMERA_NAMES,
  WAYMO_LABEL_TYPES,
  type WaymoCameraCalibration,
  type WaymoLaserLabel,
} from './frame-decode';

/** One frame of a segment. */
export interface SegmentFrame {
  /** Microseconds (Waymo `timestamp_micros`), decimal string. */
  readonly timestampMicros: string;
  /** vehicle → world, 4×4 row-major. */
  readonly pose: ArrayLike<number>;
  readonly labels: readonly WaymoLaserLabel[];
  /** The chosen camera's image of this frame (a path or `file#bytes=offset+length` reference), when present. */
  readonly image?: string;
}

/** A decoded segment. */
export interface WaymoSegment {
  readonly name: string;
  readonly frames: readonly SegmentFrame[];
  readonly calibrations: readonly WaymoCameraCalibration[];
}

/** Options of {@link segmentClips}. */
export interface SegmentClipsOptions {
  /** Camera name (`FRONT`, `FRONT_LEFT`, … or its number). @default 'FRONT' */
  camera?: string;
  split?: string;
  maxFrames?: number;
  /** Largest distance between a grid time and the frame whose image is used, seconds. @default 0.05 */
  imageToleranceSeconds?: number;
  /** Dataset id written into the clips. @default 'waymo' */
  dataset?: string;
}

/** OpenCV camera (x right, y down, z forward) → Waymo camera (x forward, y left, z up). */
const WAYMO_FROM_OPENCV = Float64Array.of(0, 0, 1, 0, -1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 1);

/** The camera's number from a name or number; `undefined` when unknown. */
export function cameraNumber(camera: string | undefined): number | undefined {
  if (camera === undefined) return 1;
  const index = (WAYMO_CAMERA_NAMES as readonly string[]).indexOf(camera.toUpperCase());
  if (index > 0) return index;
  const number = Number(camera);
  return Number.isInteger(number) && number > 0 ? number : undefined;
}

/** Pinhole intrinsics of a calibration (distortion k1, k2, p1, p2, k3 is not applied). */
export function intrinsicsOf(calibration: WaymoCameraCalibration): Intrinsics {
  const [fx, fy, cx, cy] = calibration.intrinsic;
  return { fx: fx!, fy: fy!, cx: cx!, cy: cy!, width: calibration.width, height: calibration.height };
}

/**
 * opencv-camera ← vehicle, 4×4.
 * @returns a row-major 4×4 `camera_from_vehicle` (camera frame: x right, y down, z forward).
 */
export function cameraFromVehicle(calibration: WaymoCameraCalibration): Float64Array {
  return se3Compose(se3Inverse(WAYMO_FROM_OPENCV), se3Inverse(calibration.extrinsic));
}

/** The clips of a segment: its frames in time order, cut into windows of the 0.5 s grid. */
export function segmentClips(segment: WaymoSegment, options: SegmentClipsOptions = {}): Clip[] {
  const frames = [...segment.frames].sort((a, b) => (BigInt(a.timestampMicros) < BigInt(b.timestampMicros) ? -1 : 1));
  if (frames.length === 0) return [];
  const t0 = BigInt(frames[0]!.timestampMicros);
  const seconds = (frame: SegmentFrame) => Number(BigInt(frame.timestampMicros) - t0) / 1e6;
  const number = cameraNumber(options.camera);
  const calibration = segment.calibrations.find((candidate) => candidate.name === number);
  const intrinsics = calibration ? intrinsicsOf(calibration) : undefined;
  const camFromVehicle = calibration ? cameraFromVehicle(calibration) : undefined;
  const observations: TrackObservation[] = [];
  for (const frame of frames) {
    const time = seconds(frame);
    const worldFromVehicle = frame.pose;
    const vehicleYaw = quatFromSe3(worldFromVehicle);
    for (const label of frame.labels) {
      const [x, y, z, length, width, height, heading] = label.box;
      const center = se3ApplyToPoint(worldFromVehicle, [x, y, z]);
      const rotation = multiplyQuat(vehicleYaw, quatFromHeading(heading));
      const observation: TrackObservation = {
        trackId: label.id,
        category: WAYMO_LABEL_TYPES[label.type] ?? `TYPE_${label.type}`,
        time,
        timestamp: frame.timestampMicros,
        center,
        size: [length, width, height],
        rotation,
      };
      if (intrinsics && camFromVehicle) {
        const box2d = projectBoxToImage(
          { center: [x, y, z], size: [length, width, height], rotation: quatFromHeading(heading) },
          camFromVehicle,
          intrinsics,
        );
        if (box2d) observation.box2d = box2d;
      }
      observations.push(observation);
    }
  }
  const tolerance = options.imageToleranceSeconds ?? 0.05;
  const nearest = (time: number): SegmentFrame | undefined => {
    let best: SegmentFrame | undefined;
    let bestGap = Infinity;
    for (const frame of frames) {
      const gap = Math.abs(seconds(frame) - time);
      if (gap < bestGap) {
        bestGap = gap;
        best = frame;
      }
    }
    return bestGap <= tolerance + 1e-9 ? best : undefined;
  };
  const end = seconds(frames[frames.length - 1]!);
  const windows = planClipWindows({ end, maxFrames: options.maxFrames ?? 40, minFrames: frames.length === 1 ? 1 : 5 });
  const worldFromCamera = (time: number): Pose => {
    const frame = nearest(time) ?? frames[0]!;
    const m = se3Compose(frame.pose, se3Inverse(camFromVehicle!));
    return { rotation: quatFromSe3(m), translation: [m[3]!, m[7]!, m[11]!] };
  };
  return assembleClips({
    source: {
      dataset: options.dataset ?? 'waymo',
      log: segment.name,
      ...(options.split ? { split: options.split } : {}),
      ...(calibration ? { camera: WAYMO_CAMERA_NAMES[calibration.name] ?? String(calibration.name) } : {}),
      domain: 'driving',
    },
    up: [0, 0, 1],
    windows,
    observations,
    frameTimestamp: (time) => (BigInt(Math.round(time * 1e6)) + t0).toString(),
    frameImage: (time) => nearest(time)?.image,
    ...(intrinsics ? { intrinsics, cameraPose: worldFromCamera } : {}),
  });
}

function multiplyQuat(a: readonly number[], b: readonly number[]): [number, number, number, number] {
  const [aw, ax, ay, az] = a as [number, number, number, number];
  const [bw, bx, by, bz] = b as [number, number, number, number];
  return [
    aw * bw - ax * bx - ay * by - az * bz,
    aw * bx + ax * bw + ay * bz - az * by,
    aw * by - ax * bz + ay * bw + az * bx,
    aw * bz + ax * by - ay * bx + az * bw,
  ];
}
