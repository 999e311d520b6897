/**
 * The Grounded-SAM-2 tracking folder, the interchange format of the segment
 * stage (what `grounded_sam2_tracking_demo_with_continuous_id*.py` writes):
 *
 * ```
 * DIR/mask_data/mask_00000.npy   (H, W) uint16 instance-id map, 0 = background
 * DIR/json_data/mask_00000.json  {"mask_name": "mask_00000.npy", "mask_height": H, "mask_width": W,
 *                                 "promote_type": "mask", "labels": {"1": {"instance_id": 1,
 *                                 "class_name": "car", "x1": …, "y1": …, "x2": …, "y2": …, "logit": 0.87}}}
 * ```
 *
 * The number in the file names is the video frame index. `logit` is the box
 * score; STKit adds `text_score` beside it (0 or absent means unknown) and,
 * for converted sources, `source_id` (the source's track id).
 * Boxes-only sources write `json_data` alone (no `mask_data` directory).
 */
import { mkdir, open, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  InvalidArgumentError,
  MaskFrameSchema,
  MAX_INSTANCE_ID,
  paintCocoRle,
  type MaskFrame,
  type MaskInstance,
} from '@stkit/core';
import { z } from 'zod/v4';
import { frameFormatError } from '../frame-error';
import { stageDirectory } from '../staged-directory';
import { idMapBytes, npyIdMapHeader, parseNpyIdMap } from './npy-id-map';
import { readSourceFile, readSourceText } from './read-source-file';

/** One entry of `labels` in a Grounded-SAM-2 frame JSON. */
export const Gsam2LabelSchema = z.object({
  instance_id: z.number().int().min(1).max(MAX_INSTANCE_ID),
  class_name: z.string(),
  x1: z.number(),
  y1: z.number(),
  x2: z.number(),
  y2: z.number(),
  logit: z.number().nullish(),
  text_score: z.number().nullish(),
  /** STKit addition: the track id of the converted source, when it is not the instance id. */
  source_id: z.string().optional(),
});

/** A Grounded-SAM-2 frame JSON (`json_data/mask_%05d.json`). */
export const Gsam2FrameJsonSchema = z.object({
  mask_name: z.string(),
  mask_height: z.number().int().positive(),
  mask_width: z.number().int().positive(),
  promote_type: z.string().optional(),
  labels: z.record(z.string(), Gsam2LabelSchema),
});

export type Gsam2FrameJson = z.infer<typeof Gsam2FrameJsonSchema>;

const JSON_NAME = /^mask_(\d+)\.json$/;

/**
 * `mask_00004`: the file stem of a frame (at least five digits, as `%05d`).
 * @param frameIndex - the frame's index.
 * @returns the stem, without extension.
 */
export function gsam2FrameStem(frameIndex: number): string {
  return `mask_${String(frameIndex).padStart(5, '0')}`;
}

/** A score as the contract holds it: 0, null or absent → unknown. */
function knownScore(score: number | null | undefined): number | undefined {
  return score === undefined || score === null || score === 0 ? undefined : score;
}

/**
 * Parses and checks one frame JSON (no id map); exported for the other readers' reuse.
 * @param json - the parsed JSON of `json_data/mask_%05d.json`.
 * @param file - its path, for errors.
 * @param frameIndex - the frame index its name carries.
 * @throws {@link DatasetFormatError} naming file, frame and field: a schema violation, a `mask_name` that is not a bare file name, a duplicate instance id or an inverted box.
 */
export function gsam2FrameFromJson(
  json: unknown,
  file: string,
  frameIndex: number,
): { frame: MaskFrame; maskName: string } {
  const parsed = Gsam2FrameJsonSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw frameFormatError({ file, frameIndex, field: issue.path.join('.') }, issue.message);
  }
  const data = parsed.data;
  if (data.mask_name.includes('/') || data.mask_name.includes('\\')) {
    throw frameFormatError({ file, frameIndex, field: 'mask_name' }, `'${data.mask_name}' is not a bare file name`);
  }
  const instances: MaskInstance[] = [];
  const seen = new Set<number>();
  for (const [key, label] of Object.entries(data.labels)) {
    if (seen.has(label.instance_id))
      throw frameFormatError(
        { file, frameIndex, field: `labels.${key}.instance_id` },
        `duplicate instance id ${label.instance_id}`,
      );
    seen.add(label.instance_id);
    if (!(label.x2 >= label.x1 && label.y2 >= label.y1))
      throw frameFormatError(
        { file, frameIndex, field: `labels.${key}` },
        `inverted box [${label.x1}, ${label.y1}, ${label.x2}, ${label.y2}]`,
      );
    const boxScore = knownScore(label.logit),
      textScore = knownScore(label.text_score);
    instances.push({
      instanceId: label.instance_id,
      box: [label.x1, label.y1, label.x2, label.y2],
      className: label.class_name,
      ...(boxScore !== undefined ? { boxScore } : {}),
      ...(textScore !== undefined ? { textScore } : {}),
      ...(label.source_id !== undefined ? { sourceTrackId: label.source_id } : {}),
    });
  }
  const frame: MaskFrame = {
    frameIndex,
    width: data.mask_width,
    height: data.mask_height,
    instances,
    ...(data.promote_type !== undefined ? { promptType: data.promote_type } : {}),
  };
  // The contract's own checks (scores in [0, 1], …): a frame that passes the reader passes MaskFrameSchema.
  const checked = MaskFrameSchema.safeParse(frame);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const [, index, key] = issue.path;
    const label = typeof index === 'number' ? Object.keys(data.labels)[index] : undefined;
    const field =
      label !== undefined
        ? `labels.${label}.${key === 'boxScore' ? 'logit' : key === 'textScore' ? 'text_score' : String(key)}`
        : issue.path.join('.');
    throw frameFormatError({ file, frameIndex, field }, issue.message);
  }
  return { frame, maskName: data.mask_name };
}

/**
 * The frame JSON Grounded-SAM-2 writes for `frame` (scores unknown → `logit: 0.0`, `text_score` omitted).
 * @param defaultPromptType - `promote_type` when the frame does not say. @default 'mask'
 */
export function gsam2FrameToJson(frame: MaskFrame, defaultPromptType = 'mask'): Gsam2FrameJson {
  const labels: Gsam2FrameJson['labels'] = {};
  for (const instance of frame.instances) {
    const [x1, y1, x2, y2] = instance.box;
    labels[String(instance.instanceId)] = {
      instance_id: instance.instanceId,
      class_name: instance.className,
      x1,
      y1,
      x2,
      y2,
      logit: instance.boxScore ?? 0,
      ...(instance.textScore !== undefined ? { text_score: instance.textScore } : {}),
      ...(instance.sourceTrackId !== undefined ? { source_id: instance.sourceTrackId } : {}),
    };
  }
  return {
    mask_name: `${gsam2FrameStem(frame.frameIndex)}.npy`,
    mask_height: frame.height,
    mask_width: frame.width,
    promote_type: frame.promptType ?? defaultPromptType,
    labels,
  };
}

/** What {@link listGsam2TrackingFolder} finds. */
export interface Gsam2FolderListing {
  /** Video frame indices with a JSON file, increasing. */
  readonly frameIndices: readonly number[];
  /** Whether `mask_data/` exists (false for boxes-only folders). */
  readonly hasMasks: boolean;
}

/**
 * Lists the frames of a tracking folder without reading them.
 * @param dir - the folder holding `json_data/` (and `mask_data/`).
 * @throws {@link DatasetFormatError} when `json_data/` is missing or two JSON files name the same frame.
 */
export async function listGsam2TrackingFolder(dir: string): Promise<Gsam2FolderListing> {
  const jsonDir = join(dir, 'json_data');
  const names = await readdir(jsonDir).catch((error: NodeJS.ErrnoException) => {
    throw frameFormatError(
      { file: jsonDir },
      error.code === 'ENOENT' ? 'no json_data directory: not a Grounded-SAM-2 tracking folder' : error.message,
      error,
    );
  });
  const frameIndices: number[] = [];
  for (const name of names) {
    const match = JSON_NAME.exec(name);
    if (match) frameIndices.push(Number(match[1]));
  }
  frameIndices.sort((a, b) => a - b);
  for (let i = 1; i < frameIndices.length; i++) {
    if (frameIndices[i] === frameIndices[i - 1])
      throw frameFormatError(
        { file: jsonDir, frameIndex: frameIndices[i] },
        'two JSON files for the same frame (different zero padding)',
      );
  }
  const hasMasks = await stat(join(dir, 'mask_data')).then(
    (s) => s.isDirectory(),
    () => false,
  );
  return { frameIndices, hasMasks };
}

/** Options of {@link readGsam2TrackingFolder}. */
export interface ReadGsam2TrackingFolderOptions {
  /**
   * Id maps: `'auto'` reads them when `mask_data/` exists, `'require'` makes a missing
   * `mask_data/` an error, `'skip'` reads the JSON only (boxes, no `.npy` I/O).
   * @default 'auto'
   */
  readonly masks?: 'auto' | 'require' | 'skip';
  /** Aborts between frames. */
  readonly signal?: AbortSignal;
}

/**
 * Reads a Grounded-SAM-2 tracking folder frame by frame, in frame order: only
 * one frame's id map is in memory at a time. Each frame is checked: the JSON
 * against its schema (duplicate instance ids, inverted boxes), the `.npy` it
 * names exists, is uint16 2-D and has the JSON's `mask_height × mask_width`.
 * Errors are `DatasetFormatError`s naming the file and the frame.
 * @param dir - the folder holding `json_data/` and `mask_data/`.
 */
export async function* readGsam2TrackingFolder(
  dir: string,
  options: ReadGsam2TrackingFolderOptions = {},
): AsyncGenerator<MaskFrame, void, undefined> {
  const listing = await listGsam2TrackingFolder(dir);
  const mode = options.masks ?? 'auto';
  if (mode === 'require' && !listing.hasMasks)
    throw frameFormatError({ file: join(dir, 'mask_data') }, 'no mask_data directory (a boxes-only folder)');
  if (listing.frameIndices.length === 0)
    throw frameFormatError(
      { file: join(dir, 'json_data') },
      'no mask_%05d.json frame files (an empty json_data folder)',
    );
  const withMasks = mode !== 'skip' && listing.hasMasks;
  for (const frameIndex of listing.frameIndices) {
    options.signal?.throwIfAborted();
    const file = join(dir, 'json_data', `${gsam2FrameStem(frameIndex)}.json`);
    const jsonFile = await existingJsonName(dir, frameIndex, file);
    const text = await readSourceText({ file: jsonFile, frameIndex });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw frameFormatError({ file: jsonFile, frameIndex }, `not valid JSON (${(error as Error).message})`, error);
    }
    const { frame, maskName } = gsam2FrameFromJson(json, jsonFile, frameIndex);
    if (!withMasks) {
      yield frame;
      continue;
    }
    const npyFile = join(dir, 'mask_data', maskName);
    if (
      !(await stat(npyFile).then(
        () => true,
        () => false,
      ))
    )
      throw frameFormatError(
        { file: jsonFile, frameIndex, field: 'mask_name' },
        `names ${maskName}, which is not in mask_data/`,
      );
    const bytes = await readSourceFile({ file: npyFile, frameIndex });
    const idMap = parseNpyIdMap(bytes, npyFile, frameIndex);
    if (idMap.height !== frame.height || idMap.width !== frame.width) {
      throw frameFormatError(
        { file: npyFile, frameIndex, field: 'shape' },
        `id map is (${idMap.height}, ${idMap.width}) but ${jsonFile} says mask_height ${frame.height}, mask_width ${frame.width}`,
      );
    }
    // Every id in the map is one of the frame's labels (the tracker writes both from one mask dictionary): an id the
    // JSON does not list is a corrupt map (a flipped bit) or a JSON from another run.
    const listed = new Set(frame.instances.map((instance) => instance.instanceId));
    for (let p = 0, checked = 0; p < idMap.data.length; p++) {
      const id = idMap.data[p]!;
      if (id === 0 || id === checked) continue;
      checked = id;
      if (!listed.has(id)) {
        throw frameFormatError(
          { file: npyFile, frameIndex, field: 'data' },
          `pixel (${p % idMap.width}, ${Math.floor(p / idMap.width)}) holds instance id ${id}, which ${jsonFile} does not list`,
        );
      }
    }
    yield { ...frame, idMap: idMap.data };
  }
}

/** The JSON file of a frame: `%05d` usually, but a file written with other padding is found too. */
async function existingJsonName(dir: string, frameIndex: number, standard: string): Promise<string> {
  if (
    await stat(standard).then(
      () => true,
      () => false,
    )
  )
    return standard;
  const match = (await readdir(join(dir, 'json_data'))).find(
    (name) => JSON_NAME.exec(name)?.[1] !== undefined && Number(JSON_NAME.exec(name)![1]) === frameIndex,
  );
  return join(dir, 'json_data', match ?? `${gsam2FrameStem(frameIndex)}.json`);
}

/** Options of {@link writeGsam2TrackingFolder}. */
export interface WriteGsam2TrackingFolderOptions {
  /** Replace a non-empty output folder (only once the new one is complete). @default false */
  readonly overwrite?: boolean;
  /**
   * Write `mask_data/` id maps: `'auto'` when the first frame has an id map or per-instance
   * masks, `false` for json_data only. Later frames must agree with the first.
   * @default 'auto'
   */
  readonly masks?: 'auto' | boolean;
  /** `promote_type` for frames that carry none. @default 'mask' */
  readonly promptType?: string;
  /** Called after each frame is written. */
  readonly onFrame?: (frame: MaskFrame, written: number) => void;
  /** Aborts between frames; nothing is left behind. */
  readonly signal?: AbortSignal;
}

/** What {@link writeGsam2TrackingFolder} wrote. */
export interface WriteGsam2TrackingFolderResult {
  readonly dir: string;
  /** Number of frames (JSON files) written. */
  readonly frames: number;
  /** Whether `mask_data/` id maps were written. */
  readonly masks: boolean;
  /** Number of instances over all frames. */
  readonly instances: number;
}

/**
 * Writes frames as a Grounded-SAM-2 tracking folder, streaming (one frame in
 * memory). Frames without an id map but with per-instance RLE masks are
 * painted into one (instances later in the list win where masks overlap).
 * The folder is assembled under a temporary name and renamed when complete:
 * on any error (bad frame, abort) nothing is left at `dir`.
 * @throws {@link InvalidArgumentError} for `frames.frameIndex`: must be a non-negative integer
 * @throws {@link InvalidArgumentError} for `frames`: frame … given twice
 * @throws {@link InvalidArgumentError} for `frames`: frame … has neither an id map nor instance masks, but earlier frames had masks
 */
export async function writeGsam2TrackingFolder(
  dir: string,
  frames: AsyncIterable<MaskFrame> | Iterable<MaskFrame>,
  options: WriteGsam2TrackingFolderOptions = {},
): Promise<WriteGsam2TrackingFolderResult> {
  const staged = await stageDirectory(dir, { overwrite: options.overwrite });
  try {
    await mkdir(join(staged.path, 'json_data'));
    let withMasks: boolean | undefined =
      options.masks === 'auto' || options.masks === undefined ? undefined : options.masks;
    let count = 0,
      instances = 0;
    const written = new Set<number>();
    for await (const frame of frames) {
      options.signal?.throwIfAborted();
      const place = {
        file: join(dir, 'json_data', `${gsam2FrameStem(frame.frameIndex)}.json`),
        frameIndex: frame.frameIndex,
      };
      if (!Number.isInteger(frame.frameIndex) || frame.frameIndex < 0)
        throw new InvalidArgumentError({
          argument: 'frames.frameIndex',
          value: frame.frameIndex,
          message: 'must be a non-negative integer',
        });
      if (written.has(frame.frameIndex))
        throw new InvalidArgumentError({
          argument: 'frames',
          value: frame.frameIndex,
          message: `frame ${frame.frameIndex} given twice`,
        });
      written.add(frame.frameIndex);
      checkInstances(frame, place);
      const idMap = frameIdMap(frame, place);
      withMasks ??= idMap !== undefined;
      if (withMasks) {
        if (!idMap)
          throw new InvalidArgumentError({
            argument: 'frames',
            value: frame.frameIndex,
            message: `frame ${frame.frameIndex} has neither an id map nor instance masks, but earlier frames had masks`,
          });
        if (count === 0) await mkdir(join(staged.path, 'mask_data'));
        await writeNpy(
          join(staged.path, 'mask_data', `${gsam2FrameStem(frame.frameIndex)}.npy`),
          idMap,
          frame.height,
          frame.width,
        );
      }
      const json = gsam2FrameToJson(frame, options.promptType);
      await writeFile(join(staged.path, 'json_data', `${gsam2FrameStem(frame.frameIndex)}.json`), JSON.stringify(json));
      count++;
      instances += frame.instances.length;
      options.onFrame?.(frame, count);
    }
    await staged.commit();
    return { dir, frames: count, masks: withMasks ?? false, instances };
  } catch (error) {
    await staged.abort();
    throw error;
  }
}

/** Writes header and id map with one gathered write: the id map's bytes are not copied. */
async function writeNpy(file: string, idMap: Uint16Array, height: number, width: number): Promise<void> {
  const handle = await open(file, 'w');
  try {
    const parts = [npyIdMapHeader(height, width), idMapBytes(idMap)];
    const total = parts[0]!.length + parts[1]!.length;
    let written = (await handle.writev(parts)).bytesWritten;
    // writev may write less than asked (large buffers): finish with plain writes.
    while (written < total) {
      const offset = written;
      const chunk =
        offset < parts[0]!.length ? parts[0]!.subarray(offset) : parts[1]!.subarray(offset - parts[0]!.length);
      written += (await handle.write(chunk, 0, chunk.length, offset)).bytesWritten;
    }
  } finally {
    await handle.close();
  }
}

function checkInstances(frame: MaskFrame, place: { file: string; frameIndex: number }): void {
  const seen = new Set<number>();
  for (const instance of frame.instances) {
    if (!Number.isInteger(instance.instanceId) || instance.instanceId < 1 || instance.instanceId > MAX_INSTANCE_ID) {
      throw frameFormatError(
        { ...place, field: 'instanceId' },
        `instance id ${instance.instanceId} outside 1…${MAX_INSTANCE_ID}`,
      );
    }
    if (seen.has(instance.instanceId))
      throw frameFormatError({ ...place, field: 'instanceId' }, `duplicate instance id ${instance.instanceId}`);
    seen.add(instance.instanceId);
  }
}

function frameIdMap(frame: MaskFrame, place: { file: string; frameIndex: number }): Uint16Array | undefined {
  if (frame.idMap) {
    if (frame.idMap.length !== frame.width * frame.height) {
      throw frameFormatError(
        { ...place, field: 'idMap' },
        `id map holds ${frame.idMap.length} values, expected ${frame.height}×${frame.width}`,
      );
    }
    return frame.idMap;
  }
  if (!frame.instances.some((instance) => instance.mask)) return undefined;
  const idMap = new Uint16Array(frame.width * frame.height);
  for (const instance of frame.instances) {
    if (!instance.mask) continue;
    const [maskHeight, maskWidth] = instance.mask.size;
    if (maskHeight !== frame.height || maskWidth !== frame.width) {
      throw frameFormatError(
        { ...place, field: `instance ${instance.instanceId} mask` },
        `mask size [${maskHeight}, ${maskWidth}] differs from the frame [${frame.height}, ${frame.width}]`,
      );
    }
    try {
      paintCocoRle(instance.mask, idMap, instance.instanceId);
    } catch (error) {
      throw frameFormatError(
        { ...place, field: `instance ${instance.instanceId} mask` },
        (error as Error).message,
        error,
      );
    }
  }
  return idMap;
}
