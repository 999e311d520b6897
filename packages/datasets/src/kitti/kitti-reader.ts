/**
 * The KITTI tracking reader: each sequence `label_02/<seq>.txt` (with
 * `oxts/<seq>.txt` and `calib/<seq>.txt` beside it) becomes clips of up to 40
 * frames on the 0.5 s grid (every 5th frame at 10 Hz), positions in the
 * devkit's oxts world frame (see `kitti-poses.ts`), z up. The same reader
 * serves Virtual KITTI-style data laid out in the tracking format.
 */
import { open, readdir } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { DatasetFormatError, InvalidArgumentError, type Clip, type Intrinsics } from '@stkit/core';
import type { ClipReadEvent, DatasetReader, ReadClipsOptions } from '../reader';
import {
  assembleClips,
  createWarnOnce,
  exists,
  findDirsContaining,
  planClipWindows,
  quatFromSe3,
  readClipsByUnit,
  type TrackObservation,
} from '../shared/index';
import { invert, mul, oxtsToPoses, rectFromImu, splitProjection } from './kitti-poses';
import { readKittiCalib, readKittiLabels, readKittiOxts } from './kitti-text';

/** Frame rate of KITTI tracking sequences, Hz. */
export const KITTI_FRAME_RATE = 10;
/** Image size assumed when `image_02` is absent (the size of most KITTI tracking sequences). */
export const KITTI_DEFAULT_IMAGE_SIZE = { width: 1242, height: 375 } as const;

/** Options of the KITTI reader (the common {@link ReadClipsOptions} plus these). */
export interface KittiReadOptions extends ReadClipsOptions {
  /** Keep only these sequences (e.g. `['0001']`). */
  sequences?: readonly string[];
}

/** Creates the KITTI tracking reader. */
export function createKittiReader(): DatasetReader & {
  readClips(options: KittiReadOptions): AsyncIterable<ClipReadEvent>;
} {
  return { dataset: 'kitti', readClips: readKittiClips };
}

/** The KITTI timestamp of a frame: `frame / 10` seconds, as a decimal string (the tracking benchmark has no clock). */
export function kittiFrameTimestamp(frame: number): string {
  return (frame / KITTI_FRAME_RATE).toFixed(1);
}

/**
 * Streams the clips of every KITTI tracking sequence under `options.root`.
 * @throws {@link InvalidArgumentError} for `camera`: KITTI tracking labels are for 'image_02' only
 */
export async function* readKittiClips(options: KittiReadOptions): AsyncGenerator<ClipReadEvent> {
  if (options.camera !== undefined && options.camera !== 'image_02') {
    throw new InvalidArgumentError({
      argument: 'camera',
      value: options.camera,
      message: "KITTI tracking labels are for 'image_02' only",
    });
  }
  let splitDirs = await findDirsContaining(options.root, { entry: 'label_02', maxDepth: 3, signal: options.signal });
  if (options.split !== undefined) splitDirs = splitDirs.filter((d) => basename(d) === options.split);
  if (splitDirs.length === 0)
    options.onWarning?.(
      `KITTI: no label_02 folder found under ${options.root}${options.split ? ` for split '${options.split}'` : ''}.`,
    );
  const units: { splitDir: string; sequence: string }[] = [];
  for (const splitDir of splitDirs) {
    const sequences = (await readdir(join(splitDir, 'label_02')))
      .filter((n) => n.endsWith('.txt'))
      .map((n) => n.slice(0, -4))
      .sort();
    for (const sequence of sequences)
      if (!options.sequences || options.sequences.includes(sequence)) units.push({ splitDir, sequence });
  }
  const warnOnce = createWarnOnce(options.onWarning);
  yield* readClipsByUnit(units, {
    read: options,
    unit: 'sequences',
    logOf: (unit) => unit.sequence,
    load: async ({ splitDir, sequence }) => {
      const imageDir = join(splitDir, 'image_02', sequence);
      const hasImages = await exists(imageDir);
      if (!hasImages)
        warnOnce(
          'images',
          `KITTI: no images in ${imageDir}; clips are produced without frame images (frames skipped).`,
        );
      return readSequence(splitDir, sequence, hasImages ? imageDir : undefined, options);
    },
  });
}

/** Width and height from a PNG's IHDR chunk. */
async function pngSize(file: string): Promise<{ width: number; height: number } | undefined> {
  const handle = await open(file).catch(() => undefined);
  if (!handle) return undefined;
  try {
    const header = Buffer.alloc(24);
    await handle.read(header, 0, 24, 0);
    if (header.readUInt32BE(0) !== 0x89504e47 || header.toString('ascii', 12, 16) !== 'IHDR') return undefined;
    return { width: header.readUInt32BE(16), height: header.readUInt32BE(20) };
  } finally {
    await handle.close();
  }
}

async function readSequence(
  splitDir: string,
  sequence: string,
  imageDir: string | undefined,
  options: KittiReadOptions,
): Promise<Clip[]> {
  const labelFile = join(splitDir, 'label_02', `${sequence}.txt`);
  const oxtsFile = join(splitDir, 'oxts', `${sequence}.txt`);
  const labels = await readKittiLabels(labelFile, options.signal);
  const packets = await readKittiOxts(oxtsFile, options.signal);
  const calib = await readKittiCalib(join(splitDir, 'calib', `${sequence}.txt`), options.signal);
  const lastFrame = labels.reduce((m, l) => Math.max(m, l.frame), 0);
  if (packets.length === 0) throw new DatasetFormatError({ file: oxtsFile, reason: 'no oxts packets (ego poses)' });
  const worldFromImu = oxtsToPoses(packets);
  const imuFromRect = invert(rectFromImu(calib));
  const projection = splitProjection(calib.P2);
  const rectFromCam2 = invert(projection.cam2FromRect);
  const worldFromRect = (frame: number, row: number): Float64Array => {
    const pose = worldFromImu[frame];
    if (!pose)
      throw new DatasetFormatError({
        file: labelFile,
        row,
        field: 'frame',
        reason: `missing ego pose: ${basename(oxtsFile)} has ${packets.length} packets, none for frame ${frame}`,
      });
    return mul(pose, imuFromRect);
  };

  const observations: TrackObservation[] = labels.map((label) => {
    const m = worldFromRect(label.frame, label.line);
    const [h, w, l] = label.dimensions;
    // Box centre: the label locates the bottom face; camera y points down.
    const c = [label.location[0], label.location[1] - h / 2, label.location[2]];
    const center: [number, number, number] = [0, 1, 2].map(
      (r) => m[r * 4]! * c[0]! + m[r * 4 + 1]! * c[1]! + m[r * 4 + 2]! * c[2]! + m[r * 4 + 3]!,
    ) as [number, number, number];
    // rect_from_object: Ry(rotation_y) · M, M maps object axes (x length, y width, z up) to camera axes (x, z, −y).
    const cr = Math.cos(label.rotationY),
      sr = Math.sin(label.rotationY);
    const ry = Float64Array.of(cr, 0, sr, 0, 0, 1, 0, 0, -sr, 0, cr, 0, 0, 0, 0, 1);
    const axes = Float64Array.of(1, 0, 0, 0, 0, 0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 1);
    return {
      trackId: String(label.trackId),
      category: label.type,
      time: label.frame / KITTI_FRAME_RATE,
      timestamp: kittiFrameTimestamp(label.frame),
      center,
      size: [l, w, h],
      rotation: quatFromSe3(mul(m, mul(ry, axes))),
      // The dataset's own 2D box in image_02 (annotated, not re-projected).
      box2d: label.bbox,
    };
  });

  const size = (imageDir && (await pngSize(join(imageDir, '000000.png')))) || KITTI_DEFAULT_IMAGE_SIZE;
  const intrinsics: Intrinsics = {
    fx: projection.fx,
    fy: projection.fy,
    cx: projection.cx,
    cy: projection.cy,
    width: size.width,
    height: size.height,
  };
  const frameOf = (time: number): number => Math.round(time * KITTI_FRAME_RATE);
  const imageNames = imageDir ? new Set(await readdir(imageDir)) : new Set<string>();
  return assembleClips({
    source: { dataset: 'kitti', log: sequence, split: basename(splitDir), camera: 'image_02', domain: 'driving' },
    up: [0, 0, 1],
    windows: planClipWindows({
      end: Math.min(lastFrame, packets.length - 1) / KITTI_FRAME_RATE,
      maxFrames: options.maxFrames ?? 40,
    }),
    observations,
    frameTimestamp: (time) => kittiFrameTimestamp(frameOf(time)),
    frameImage: (time) => {
      const name = `${String(frameOf(time)).padStart(6, '0')}.png`;
      return imageDir && imageNames.has(name) ? relative(options.root, join(imageDir, name)) : undefined;
    },
    intrinsics,
    cameraPose: (time) => {
      const m = mul(worldFromRect(frameOf(time), 0), rectFromCam2);
      return { rotation: quatFromSe3(m), translation: [m[3]!, m[7]!, m[11]!] };
    },
  });
}
