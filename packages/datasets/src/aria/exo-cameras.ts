/**
 * Ego-Exo4D static exo-camera calibration, `gopro_calibs.csv` beside the
 * trajectory (projectaria_tools "Ego-Exo4D data format"): one row per
 * camera, `cam_uid, graph_uid, {tx,ty,tz,qx,qy,qz,qw}_world_cam,
 * image_width, image_height, intrinsics_type, intrinsics_0 … intrinsics_7,
 * …`; quaternions w last; `KANNALABRANDTK3` intrinsics are
 * `[fx, fy, cx, cy, k0, k1, k2, k3]`. Columns are mapped by header name.
 */
import { readFile } from 'node:fs/promises';
import { DatasetFormatError, type Intrinsics, type Pose } from '@stkit/core';
import { requireRegularFile } from '../shared/format-checks';

/** The calibration file name. */
export const EXO_CALIBRATION_FILE = 'gopro_calibs.csv';

/** One static exo camera. */
export interface ExoCamera {
  camUid: string;
  graphUid: string | undefined;
  /** `world_from_camera`, rotation `[w, x, y, z]`. */
  pose: Pose;
  /**
   * Pinhole part of the calibration (`fx, fy, cx, cy`); the Kannala–Brandt
   * distortion `k0…k3` is ignored (boxes near the fisheye border are approximate).
   */
  intrinsics: Intrinsics;
  /** `k0…k3` of the Kannala–Brandt model, kept for users who undistort. */
  distortion: number[];
}

/**
 * Reads every camera of a `gopro_calibs.csv`.
 * @throws {@link DatasetFormatError} on bad input, naming the file: cannot read: …
 * @throws {@link DatasetFormatError} on bad input, naming the file: column missing from the header
 * @throws {@link DatasetFormatError} on bad input, naming the file: expected … columns, found …
 * @throws {@link DatasetFormatError} on the other invalid inputs this function checks (the message names the value)
 * @param file - the exo cameras CSV.
 * @param options - an optional `signal` to abort the read.
 */
export async function readExoCameras(file: string, options: { signal?: AbortSignal } = {}): Promise<ExoCamera[]> {
  await requireRegularFile(file);
  let text: string;
  try {
    text = await readFile(file, { encoding: 'utf8', signal: options.signal });
  } catch (cause) {
    if ((cause as Error).name === 'AbortError') throw cause;
    throw new DatasetFormatError({ file, reason: `cannot read: ${(cause as Error).message}`, cause });
  }
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((c) => c.trim());
  const index = Object.fromEntries(header.map((name, i) => [name, i]));
  const pose = [
    'tx_world_cam',
    'ty_world_cam',
    'tz_world_cam',
    'qx_world_cam',
    'qy_world_cam',
    'qz_world_cam',
    'qw_world_cam',
  ];
  const required = [
    'cam_uid',
    ...pose,
    'image_width',
    'image_height',
    'intrinsics_type',
    ...Array.from({ length: 8 }, (_, k) => `intrinsics_${k}`),
  ];
  for (const name of required)
    if (index[name] === undefined)
      throw new DatasetFormatError({ file, row: 1, field: name, reason: 'column missing from the header' });
  const cameras: ExoCamera[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const row = i + 1;
    const cells = lines[i]!.split(',');
    if (cells.length !== header.length)
      throw new DatasetFormatError({
        file,
        row,
        field: header[Math.min(cells.length, header.length - 1)],
        reason: `expected ${header.length} columns, found ${cells.length}`,
      });
    const num = (name: string): number => {
      const value = Number(cells[index[name]!]);
      if (cells[index[name]!]!.trim() === '' || !Number.isFinite(value))
        throw new DatasetFormatError({
          file,
          row,
          field: name,
          reason: `expected a finite number, got '${cells[index[name]!]}'`,
        });
      return value;
    };
    const type = cells[index.intrinsics_type!]!.trim();
    if (type !== 'KANNALABRANDTK3')
      throw new DatasetFormatError({
        file,
        row,
        field: 'intrinsics_type',
        reason: `unsupported intrinsics type '${type}' (known: KANNALABRANDTK3)`,
      });
    const [tx, ty, tz, qx, qy, qz, qw] = pose.map(num) as [number, number, number, number, number, number, number];
    if (!(Math.hypot(qx, qy, qz, qw) > 1e-6))
      throw new DatasetFormatError({ file, row, field: 'qw_world_cam', reason: 'quaternion has zero norm' });
    const k = Array.from({ length: 8 }, (_, j) => num(`intrinsics_${j}`));
    const width = num('image_width'),
      height = num('image_height');
    if (!(k[0]! > 0 && k[1]! > 0 && width > 0 && height > 0))
      throw new DatasetFormatError({
        file,
        row,
        field: 'intrinsics_0',
        reason: 'focal lengths and image size must be positive',
      });
    cameras.push({
      camUid: cells[index.cam_uid!]!.trim(),
      graphUid: index.graph_uid === undefined ? undefined : cells[index.graph_uid]!.trim(),
      pose: { rotation: [qw, qx, qy, qz], translation: [tx, ty, tz] },
      intrinsics: { fx: k[0]!, fy: k[1]!, cx: k[2]!, cy: k[3]!, width: Math.round(width), height: Math.round(height) },
      distortion: k.slice(4),
    });
  }
  return cameras;
}
