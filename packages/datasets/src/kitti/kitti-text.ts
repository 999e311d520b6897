/**
 * Parsing of the KITTI tracking text files, with every bad value reported as
 * a `DatasetFormatError` naming file, 1-based line and field:
 * `label_02/<seq>.txt`, `oxts/<seq>.txt`, `calib/<seq>.txt`.
 */
import { readFile } from 'node:fs/promises';
import { DatasetFormatError } from '@stkit/core';
import { requireRegularFile } from '../shared/format-checks';

/** Columns of a `label_02` line (KITTI tracking devkit, readme.txt). */
export const KITTI_LABEL_FIELDS = [
  'frame',
  'track_id',
  'type',
  'truncated',
  'occluded',
  'alpha',
  'bbox_left',
  'bbox_top',
  'bbox_right',
  'bbox_bottom',
  'height',
  'width',
  'length',
  'x',
  'y',
  'z',
  'rotation_y',
] as const;

/** Columns of an oxts line (KITTI raw devkit, dataformat.txt). */
export const KITTI_OXTS_FIELDS = [
  'lat',
  'lon',
  'alt',
  'roll',
  'pitch',
  'yaw',
  'vn',
  've',
  'vf',
  'vl',
  'vu',
  'ax',
  'ay',
  'az',
  'af',
  'al',
  'au',
  'wx',
  'wy',
  'wz',
  'wf',
  'wl',
  'wu',
  'pos_accuracy',
  'vel_accuracy',
  'navstat',
  'numsats',
  'posmode',
  'velmode',
  'orimode',
] as const;

/** One object label of one frame (camera coordinates: rectified reference camera, x right, y down, z forward). */
export interface KittiLabel {
  line: number;
  frame: number;
  trackId: number;
  type: string;
  bbox: [number, number, number, number];
  /** `[height, width, length]`, metres. */
  dimensions: [number, number, number];
  /** Bottom-face centre, metres. */
  location: [number, number, number];
  rotationY: number;
}

/** One oxts packet (the six fields used for the pose). */
export interface OxtsPacket {
  lat: number;
  lon: number;
  alt: number;
  roll: number;
  pitch: number;
  yaw: number;
}

async function readLines(file: string, signal?: AbortSignal): Promise<string[]> {
  await requireRegularFile(file);
  let text: string;
  try {
    text = await readFile(file, { encoding: 'utf8', signal });
  } catch (cause) {
    if ((cause as Error).name === 'AbortError') throw cause;
    throw new DatasetFormatError({ file, reason: `cannot read: ${(cause as Error).message}`, cause });
  }
  return text.split(/\r?\n/);
}

function number(token: string | undefined, file: string, row: number, field: string): number {
  const value = token === undefined || token === '' ? Number.NaN : Number(token);
  if (!Number.isFinite(value))
    throw new DatasetFormatError({
      file,
      row,
      field,
      reason: token === undefined ? 'missing value' : `expected a finite number, got '${token}'`,
    });
  return value;
}

/**
 * Labels of a sequence, `DontCare` rows (track id −1) skipped; frames must not decrease; one box per track and frame.
 * @param file - `label_02/<sequence>.txt`.
 * @throws {@link DatasetFormatError} on bad input, naming the file: expected 17 fields, found …
 * @throws {@link DatasetFormatError} on bad input, naming the file: not a frame index: '…'
 * @throws {@link DatasetFormatError} on bad input, naming the file: frames must not decrease; … follows …
 * @throws {@link DatasetFormatError} on the other invalid inputs this function checks (the message names the value)
 */
export async function readKittiLabels(file: string, signal?: AbortSignal): Promise<KittiLabel[]> {
  const lines = await readLines(file, signal);
  const labels: KittiLabel[] = [];
  let previousFrame = -1;
  // Rows of the current frame by track id: a track has one box per frame.
  const frameTracks = new Map<number, number>();
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.trim();
    if (text === '') continue;
    const t = text.split(/\s+/);
    const row = i + 1;
    if (t.length < 17)
      throw new DatasetFormatError({
        file,
        row,
        field: KITTI_LABEL_FIELDS[t.length],
        reason: `expected 17 fields, found ${t.length}`,
      });
    const frame = number(t[0], file, row, 'frame');
    if (!Number.isInteger(frame) || frame < 0)
      throw new DatasetFormatError({ file, row, field: 'frame', reason: `not a frame index: '${t[0]}'` });
    if (frame < previousFrame)
      throw new DatasetFormatError({
        file,
        row,
        field: 'frame',
        reason: `frames must not decrease; ${frame} follows ${previousFrame}`,
      });
    if (frame !== previousFrame) frameTracks.clear();
    previousFrame = frame;
    const trackId = number(t[1], file, row, 'track_id');
    if (trackId < 0 || t[2] === 'DontCare') continue;
    const first = frameTracks.get(trackId);
    if (first !== undefined)
      throw new DatasetFormatError({
        file,
        row,
        field: 'track_id',
        reason: `second box of track ${trackId} in frame ${frame} (first at line ${first})`,
      });
    frameTracks.set(trackId, row);
    const v = (k: number): number => number(t[k], file, row, KITTI_LABEL_FIELDS[k]!);
    labels.push({
      line: row,
      frame,
      trackId,
      type: t[2]!,
      bbox: [v(6), v(7), v(8), v(9)],
      dimensions: [v(10), v(11), v(12)],
      location: [v(13), v(14), v(15)],
      rotationY: v(16),
    });
  }
  return labels;
}

/**
 * Oxts packets, one per frame (line k = frame k − 1).
 * @param file - `oxts/<sequence>.txt`.
 */
export async function readKittiOxts(file: string, signal?: AbortSignal): Promise<OxtsPacket[]> {
  const lines = await readLines(file, signal);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  return lines.map((line, i) => {
    const t = line.trim().split(/\s+/);
    const row = i + 1;
    if (t.length < 6)
      throw new DatasetFormatError({
        file,
        row,
        field: KITTI_OXTS_FIELDS[t.length],
        reason: `expected 30 fields, found ${t.length}`,
      });
    const [lat, lon, alt, roll, pitch, yaw] = [0, 1, 2, 3, 4, 5].map((k) =>
      number(t[k], file, row, KITTI_OXTS_FIELDS[k]!),
    ) as [number, number, number, number, number, number];
    if (Math.abs(lat) > 90)
      throw new DatasetFormatError({ file, row, field: 'lat', reason: `latitude ${lat} out of range` });
    return { lat, lon, alt, roll, pitch, yaw };
  });
}

/** Matrices of a tracking calib file (`P2` 3×4, `R_rect` 3×3, `Tr_velo_cam` and `Tr_imu_velo` 3×4), row-major. */
export interface KittiCalib {
  P2: number[];
  R_rect: number[];
  Tr_velo_cam: number[];
  Tr_imu_velo: number[];
}

/**
 * Reads a calib file; also accepts the object-benchmark names `R0_rect`, `Tr_velo_to_cam`, `Tr_imu_to_velo`.
 * @throws {@link DatasetFormatError} on bad input, naming the file: expected … numbers, found …
 * @throws {@link DatasetFormatError} on bad input, naming the file: matrix missing
 */
export async function readKittiCalib(file: string, signal?: AbortSignal): Promise<KittiCalib> {
  const lines = await readLines(file, signal);
  const aliases: Record<string, keyof KittiCalib> = {
    R0_rect: 'R_rect',
    Tr_velo_to_cam: 'Tr_velo_cam',
    Tr_imu_to_velo: 'Tr_imu_velo',
  };
  const sizes: Record<keyof KittiCalib, number> = { P2: 12, R_rect: 9, Tr_velo_cam: 12, Tr_imu_velo: 12 };
  const calib: Partial<KittiCalib> = {};
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim().split(/\s+/);
    if (t[0] === undefined || t[0] === '') continue;
    const raw = t[0].replace(/:$/, '');
    const key = (aliases[raw] ?? raw) as keyof KittiCalib;
    if (!(key in sizes)) continue;
    const values = t.slice(1).map((token, k) => number(token, file, i + 1, `${raw}[${k}]`));
    if (values.length < sizes[key])
      throw new DatasetFormatError({
        file,
        row: i + 1,
        field: raw,
        reason: `expected ${sizes[key]} numbers, found ${values.length}`,
      });
    calib[key] = values.slice(0, sizes[key]);
  }
  for (const key of Object.keys(sizes) as (keyof KittiCalib)[]) {
    if (!calib[key]) throw new DatasetFormatError({ file, field: key, reason: 'matrix missing' });
  }
  return calib as KittiCalib;
}
