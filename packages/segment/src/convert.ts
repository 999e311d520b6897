/**
 * Converting any supported source to a Grounded-SAM-2 tracking folder (the
 * interchange format) or to the image-demo COCO-RLE JSON form. This is what
 * `stkit segment convert` runs.
 */
import { join } from 'node:path';
import { InvalidArgumentError, type MaskFrame } from '@stkit/core';
import { readBdd100kBoxTracks, type BoxTrackSource } from './formats/bdd100k';
import { readGsam2JsonFolder, writeGsam2JsonFolder } from './formats/gsam2-json';
import { readGsam2TrackingFolder, writeGsam2TrackingFolder } from './formats/gsam2-tracking';
import { readMultiSportsCsv } from './formats/multisports';
import { readSavAnnotation } from './formats/sav';
import { stageDirectory } from './staged-directory';

/** Source formats `convert` reads. */
export const SOURCE_FORMATS = Object.freeze({
  'sa-v': 'SA-V annotation JSON (sav_*_manual.json / sav_*_auto.json): masklets as COCO RLE',
  gsam2: 'Grounded-SAM-2 tracking folder (mask_data/mask_%05d.npy + json_data/mask_%05d.json)',
  'gsam2-json': 'folder of Grounded-SAM-2 image-demo JSON files (COCO RLE per instance), one per frame',
  bdd100k: 'BDD100K / Scalabel box-tracking JSON (boxes + track ids, no masks)',
  multisports: 'MultiSports CSV (video, frame, normalised x1 y1 x2 y2, label, entity id; boxes, no masks)',
} as const);
/** Target formats `convert` writes. */
export const TARGET_FORMATS = Object.freeze({
  gsam2: 'Grounded-SAM-2 tracking folder (default)',
  'gsam2-json': 'one Grounded-SAM-2 image-demo JSON file per frame (COCO RLE masks)',
} as const);

export type SourceFormat = keyof typeof SOURCE_FORMATS;
export type TargetFormat = keyof typeof TARGET_FORMATS;

/** Options of {@link convertMasks}. */
export interface ConvertMasksOptions {
  readonly from: SourceFormat | string;
  /** Input file (sa-v, bdd100k, multisports) or folder (gsam2, gsam2-json). */
  readonly input: string;
  /** @default 'gsam2' */
  readonly to?: TargetFormat | string;
  /** Output folder. Multi-video sources (bdd100k, multisports) write one sub-folder per video. */
  readonly out: string;
  /** Image size for sources that do not carry it (bdd100k, multisports). @default 1280 × 720 */
  readonly width?: number;
  readonly height?: number;
  /** Replace a non-empty output folder once the new one is complete. @default false */
  readonly overwrite?: boolean;
  /** Called after each frame is written. */
  readonly onFrame?: (info: { video: string | undefined; frameIndex: number; written: number }) => void;
  readonly signal?: AbortSignal;
}

/** What {@link convertMasks} wrote. */
export interface ConvertMasksResult {
  readonly out: string;
  /** Per written video: its folder, frames and instances. */
  readonly videos: readonly {
    readonly name: string | undefined;
    readonly dir: string;
    readonly frames: number;
    readonly instances: number;
    readonly tracks: number;
  }[];
  /** False for boxes-only sources: only `json_data/` was written. */
  readonly masks: boolean;
}

function checkFormat<T extends string>(value: string, known: Readonly<Record<T, string>>, argument: string): T {
  if (!Object.hasOwn(known, value)) {
    throw new InvalidArgumentError({
      argument,
      value,
      message: `unknown format '${value}'; known: ${Object.keys(known).join(', ')}`,
    });
  }
  return value as T;
}

/** A file-system-safe folder name for a source video name (`a/b.mp4` → `a__b`). */
export function videoFolderName(name: string): string {
  const stem = name
    .replace(/\.(mp4|avi|mkv|mov|webm)$/i, '')
    .replace(/[\\/]+/g, '__')
    .replace(/[^A-Za-z0-9._-]/g, '_');
  return stem === '' || stem === '.' || stem === '..' ? 'video' : stem;
}

/** Converts a source to a tracking folder (or image-demo JSON); nothing is left half-written on error. */
export async function convertMasks(options: ConvertMasksOptions): Promise<ConvertMasksResult> {
  const from = checkFormat(options.from, SOURCE_FORMATS, 'from');
  const to = checkFormat(options.to ?? 'gsam2', TARGET_FORMATS, 'to');
  const write = (
    dir: string,
    frames: AsyncIterable<MaskFrame> | Iterable<MaskFrame>,
    video: string | undefined,
    overwrite: boolean | undefined,
  ) => {
    const onFrame = (frame: MaskFrame, written: number) =>
      options.onFrame?.({ video, frameIndex: frame.frameIndex, written });
    const common = { overwrite, onFrame, ...(options.signal ? { signal: options.signal } : {}) };
    return to === 'gsam2' ? writeGsam2TrackingFolder(dir, frames, common) : writeGsam2JsonFolder(dir, frames, common);
  };
  const trackCount = new Set<number>();
  const counting = async function* (frames: AsyncIterable<MaskFrame> | Iterable<MaskFrame>) {
    for await (const frame of frames) {
      for (const instance of frame.instances) trackCount.add(instance.instanceId);
      yield frame;
    }
  };

  if (from === 'bdd100k' || from === 'multisports') {
    const size = {
      ...(options.width !== undefined ? { width: options.width } : {}),
      ...(options.height !== undefined ? { height: options.height } : {}),
    };
    const source: BoxTrackSource =
      from === 'bdd100k'
        ? await readBdd100kBoxTracks(options.input, size)
        : await readMultiSportsCsv(options.input, size);
    const staged = await stageDirectory(options.out, { overwrite: options.overwrite });
    try {
      const videos = [];
      const used = new Set<string>();
      for (const video of source.videos) {
        let folder = videoFolderName(video.name);
        for (let n = 2; used.has(folder); n++) folder = `${videoFolderName(video.name)}-${n}`;
        used.add(folder);
        const written = await write(join(staged.path, folder), video.frames, video.name, false);
        videos.push({
          name: video.name,
          dir: join(options.out, folder),
          frames: written.frames,
          instances: written.instances,
          tracks: video.tracks.length,
        });
      }
      await staged.commit();
      return { out: options.out, videos, masks: false };
    } catch (error) {
      await staged.abort();
      throw error;
    }
  }

  let frames: AsyncIterable<MaskFrame> | Iterable<MaskFrame>;
  let name: string | undefined;
  if (from === 'sa-v') {
    const annotation = await readSavAnnotation(options.input);
    frames = annotation.frames({ reuseIdMap: true }); // the writer writes each frame out before asking for the next
    name = annotation.videoId;
  } else if (from === 'gsam2') {
    frames = readGsam2TrackingFolder(options.input, options.signal ? { signal: options.signal } : {});
  } else {
    frames = readGsam2JsonFolder(options.input, options.signal ? { signal: options.signal } : {});
  }
  const written = await write(options.out, counting(frames), name, options.overwrite);
  return {
    out: options.out,
    videos: [{ name, dir: options.out, frames: written.frames, instances: written.instances, tracks: trackCount.size }],
    masks: 'masks' in written ? written.masks : true,
  };
}
