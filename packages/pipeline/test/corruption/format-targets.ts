/**
 * Corruption targets of the readers added after the first campaign: the
 * formats of `@stkit/segment` (Grounded-SAM-2 tracking folder and image-demo
 * JSON, SA-V, BDD100K/Scalabel, MultiSports) and the Waymo readers of
 * `@stkit/datasets` (Motion TFRecord scenarios, perception v1 TFRecord frames
 * and v2 parquet components). Real files of the shared data where they exist
 * (SA-V, BDD100K, MultiSports, the Waymo Motion scenario and perception
 * frame, the v2 `vehicle_pose` parquet), synthetic folders written with the
 * packages' own writers elsewhere (a Grounded-SAM-2 folder, a multi-frame
 * Waymo segment built from the real frame).
 *
 * A segment reader's result is not clips: it is summarised (`digest`: the
 * frames' instances and a hash of their id maps) and every frame is checked
 * against core's `MaskFrameSchema`.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MaskFrameSchema, type MaskFrame } from '@stkit/core';
import { sharedDataPath } from '@stkit/test-data';
import type { Mutation } from './mutations';
import { folderTarget, freshRoot, place, type ReadResult, type Target } from './targets';

/** What a frame reader gave, as a {@link ReadResult}: frame count, digest, the first schema violation. */
function framesResult(frames: readonly MaskFrame[], errors: Error[]): ReadResult {
  const hash = createHash('sha256');
  let invalid: string | undefined;
  for (const frame of frames) {
    const parsed = MaskFrameSchema.safeParse(frame);
    if (!parsed.success && invalid === undefined)
      invalid = `frame ${frame.frameIndex}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`;
    const { idMap, ...rest } = frame;
    hash.update(JSON.stringify(rest));
    if (idMap) hash.update(new Uint8Array(idMap.buffer, idMap.byteOffset, idMap.byteLength));
  }
  return {
    clips: [],
    errors,
    items: frames.length,
    digest: hash.digest('hex'),
    ...(invalid !== undefined ? { invalid } : {}),
  };
}

/** Runs `read` and turns a thrown error (unless the read was aborted) into the result's errors. */
async function collect(signal: AbortSignal, read: (frames: MaskFrame[]) => Promise<void>): Promise<ReadResult> {
  const frames: MaskFrame[] = [];
  const errors: Error[] = [];
  try {
    await read(frames);
  } catch (error) {
    if (signal.aborted) throw error;
    errors.push(error as Error);
  }
  return framesResult(frames, errors);
}

/** A target over one file at `relative` in a fresh root; the other files of `template` (a folder) are copied. */
function fileTarget(options: {
  name: string;
  format: Target['format'];
  base: Buffer;
  relative: string;
  template?: string;
  flipRange?: readonly [number, number];
  bomIsSame?: boolean;
  extraMutations?: () => Mutation[];
  from: string;
  read(root: string, signal: AbortSignal): Promise<ReadResult>;
}): Target {
  return {
    name: options.name,
    format: options.format,
    base: options.base,
    ...(options.flipRange ? { flipRange: options.flipRange } : {}),
    ...(options.bomIsSame ? { bomIsSame: true } : {}),
    ...(options.extraMutations ? { extraMutations: options.extraMutations } : {}),
    // `stkit segment convert --from FORMAT INPUT` (a folder for the folder formats, else the file).
    cliArgs: (root, file, out) => [
      'segment',
      'convert',
      '--from',
      options.from,
      options.template !== undefined ? root : file,
      '--out',
      out,
    ],
    async build(mutation) {
      const root = await freshRoot();
      if (options.template !== undefined) await cp(options.template, root, { recursive: true });
      const file = join(root, options.relative);
      await place(file, options.base, mutation);
      return { root, file };
    },
    read: options.read,
  };
}

/** Six frames, 48×32, two tracked objects that move right, written as the Grounded-SAM-2 tools write them. */
export function syntheticMaskFrames(count = 6): MaskFrame[] {
  const width = 48,
    height = 32;
  return Array.from({ length: count }, (_, frameIndex): MaskFrame => {
    const idMap = new Uint16Array(width * height);
    const boxes: [number, number, number, number][] = [
      [2 + frameIndex * 3, 4, 14 + frameIndex * 3, 16],
      [30, 18, 40, 28],
    ];
    boxes.forEach(([x1, y1, x2, y2], index) => {
      for (let y = y1; y < y2; y++) for (let x = x1; x < x2; x++) idMap[y * width + x] = index + 1;
    });
    return {
      frameIndex,
      width,
      height,
      idMap,
      instances: boxes.map(([x1, y1, x2, y2], index) => ({
        instanceId: index + 1,
        box: [x1, y1, x2 - 1, y2 - 1] as [number, number, number, number],
        className: index === 0 ? 'car' : 'person',
        boxScore: 0.9,
      })),
    };
  });
}

/** Header mutations of a `.npy` file (the id maps of `mask_data/`, the depth maps): dtype, shape, order, magic. */
export function npyHeaderMutations(base: Buffer): Mutation[] {
  const headerLength = base.readUInt16LE(8);
  const header = base.subarray(10, 10 + headerLength).toString('latin1');
  const out: Mutation[] = [];
  const withHeader = (id: string, text: string | undefined): void => {
    if (text === undefined || text === header) return;
    // Keep the header length (pad or cut the spaces before the newline) so the data offset stays put.
    const padded = text.length <= headerLength ? text.slice(0, -1).padEnd(headerLength - 1, ' ') + '\n' : text;
    out.push({
      id,
      family: 'npy-header',
      replacement: {
        kind: 'bytes',
        bytes: Buffer.concat([
          base.subarray(0, 8),
          Buffer.from([padded.length & 0xff, padded.length >> 8]),
          Buffer.from(padded, 'latin1'),
          base.subarray(10 + headerLength),
        ]),
      },
    });
  };
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  for (const other of ['<f8', '<i8', '|u1', '>u2', '<f2', '|O'])
    if (other !== descr) withHeader(`npy-dtype-${other}`, header.replace(`'${descr}'`, `'${other}'`));
  if (shape !== undefined) {
    const dims = shape
      .split(',')
      .map((value) => value.trim())
      .filter(Boolean);
    withHeader('npy-shape-transposed', header.replace(`(${shape})`, `(${[...dims].reverse().join(', ')})`));
    withHeader('npy-shape-3d', header.replace(`(${shape})`, `(${dims.join(', ')}, 1)`));
    withHeader(
      'npy-shape-1d',
      header.replace(`(${shape})`, `(${dims.reduce((product, value) => product * Number(value), 1)},)`),
    );
    withHeader(
      'npy-shape-bigger',
      header.replace(`(${shape})`, `(${dims.map((value) => Number(value) * 2).join(', ')})`),
    );
    withHeader('npy-shape-zero', header.replace(`(${shape})`, `(0, ${dims[1] ?? 0})`));
    withHeader('npy-shape-huge', header.replace(`(${shape})`, `(4000000000, 4000000000)`));
  }
  withHeader('npy-fortran-order', header.replace("'fortran_order': False", "'fortran_order': True"));
  withHeader('npy-header-garbage', header.replace('{', '{[:'));
  const magic = Buffer.from(base);
  magic[1] = 0x4d;
  out.push({ id: 'npy-bad-magic', family: 'npy-header', replacement: { kind: 'bytes', bytes: magic } });
  const version = Buffer.from(base);
  version[6] = 9;
  out.push({ id: 'npy-version-9', family: 'npy-header', replacement: { kind: 'bytes', bytes: version } });
  return out;
}

/** The segment formats. */
export async function segmentTargets(): Promise<Target[]> {
  const segment = await import('@stkit/segment');
  const targets: Target[] = [];

  // A Grounded-SAM-2 tracking folder (json_data/ + mask_data/ uint16 id maps) and an image-demo JSON folder.
  const template = join(await freshRoot(), 'gsam2');
  await segment.writeGsam2TrackingFolder(template, syntheticMaskFrames());
  const readTracking = (root: string, signal: AbortSignal) =>
    collect(signal, async (frames) => {
      for await (const frame of segment.readGsam2TrackingFolder(root, { masks: 'require', signal })) frames.push(frame);
    });
  const jsonRel = join('json_data', `${segment.gsam2FrameStem(2)}.json`);
  const npyRel = join('mask_data', `${segment.gsam2FrameStem(2)}.npy`);
  const npyBase = await readFile(join(template, npyRel));
  targets.push(
    fileTarget({
      name: 'gsam2-tracking/json_data/mask_00002.json',
      format: 'json',
      from: 'gsam2',
      base: await readFile(join(template, jsonRel)),
      relative: jsonRel,
      template,
      read: readTracking,
      extraMutations: () => [
        {
          id: 'missing-frame',
          family: 'structure',
          replacement: { kind: 'edit', edit: async (file) => (await import('node:fs/promises')).rm(file) },
        },
        {
          id: 'empty-mask-folder',
          family: 'structure',
          replacement: { kind: 'edit', edit: async (file) => emptyFolder(join(file, '..', '..', 'mask_data')) },
        },
        {
          id: 'empty-json-folder',
          family: 'structure',
          replacement: { kind: 'edit', edit: async (file) => emptyFolder(join(file, '..')) },
        },
        {
          id: 'npy-is-a-folder',
          family: 'structure',
          replacement: { kind: 'edit', edit: async (file) => replaceWithFolder(join(file, '..', '..', npyRel)) },
        },
      ],
    }),
    fileTarget({
      name: 'gsam2-tracking/mask_data/mask_00002.npy',
      from: 'gsam2',
      format: 'binary',
      base: npyBase,
      relative: npyRel,
      template,
      read: readTracking,
      extraMutations: () => npyHeaderMutations(npyBase),
    }),
  );
  const imageTemplate = join(await freshRoot(), 'gsam2-json');
  await segment.writeGsam2JsonFolder(imageTemplate, syntheticMaskFrames());
  const imageRel = `${segment.gsam2FrameStem(2)}.json`;
  targets.push(
    fileTarget({
      name: 'gsam2-image/mask_00002.json',
      format: 'json',
      from: 'gsam2-json',
      base: await readFile(join(imageTemplate, imageRel)),
      relative: imageRel,
      template: imageTemplate,
      read: (root, signal) =>
        collect(signal, async (frames) => {
          for await (const frame of segment.readGsam2JsonFolder(root, { signal })) frames.push(frame);
        }),
    }),
  );

  const sav = sharedDataPath('sa-v', 'example', 'sav_000001_manual.json');
  if (sav !== undefined) {
    targets.push(
      fileTarget({
        name: 'sa-v/sav_000001_manual.json',
        format: 'json',
        from: 'sa-v',
        base: await readFile(sav),
        relative: 'sav.json',
        read: (root, signal) =>
          collect(signal, async (frames) => {
            const annotation = await segment.readSavAnnotation(join(root, 'sav.json'));
            for (const frame of annotation.frames()) {
              signal.throwIfAborted();
              frames.push(frame);
            }
          }),
      }),
    );
  }
  const boxTracks = (videos: readonly { frames: readonly MaskFrame[] }[]) => videos.flatMap((video) => video.frames);
  const bdd = sharedDataPath('bdd100k', 'eval', 'testcases', 'box_track', 'track_sample_anns.json');
  if (bdd !== undefined) {
    targets.push(
      fileTarget({
        name: 'bdd100k/track_sample_anns.json',
        format: 'json',
        from: 'bdd100k',
        base: await readFile(bdd),
        relative: 'bdd.json',
        read: (root, signal) =>
          collect(
            signal,
            async (frames) =>
              void frames.push(...boxTracks((await segment.readBdd100kBoxTracks(join(root, 'bdd.json'))).videos)),
          ),
      }),
    );
  }
  const multisports = sharedDataPath('multisports', 'tests', 'data', 'multisports_dataset', 'multisports_sample.csv');
  if (multisports !== undefined) {
    targets.push(
      fileTarget({
        name: 'multisports/multisports_sample.csv',
        format: 'csv',
        from: 'multisports',
        base: await readFile(multisports),
        relative: 'multisports.csv',
        bomIsSame: true,
        read: (root, signal) =>
          collect(
            signal,
            async (frames) =>
              void frames.push(...boxTracks((await segment.readMultiSportsCsv(join(root, 'multisports.csv'))).videos)),
          ),
      }),
    );
  }
  return targets;
}

async function emptyFolder(dir: string): Promise<void> {
  const { rm } = await import('node:fs/promises');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir);
}

async function replaceWithFolder(file: string): Promise<void> {
  const { rm } = await import('node:fs/promises');
  await rm(file, { force: true });
  await mkdir(file);
}

/** The Waymo readers: the real Motion scenario and perception frame, and a segment built from the real frame (v1 and v2). */
export async function waymoTargets(): Promise<Target[]> {
  const targets: Target[] = [];
  const motion = sharedDataPath('waymo', 'motion');
  if (motion !== undefined) {
    const file = 'motion_data_one_scenario.tfrecord';
    targets.push(
      await folderTarget({
        name: `waymo-motion/${file}`,
        dataset: 'waymo-motion',
        format: 'binary',
        sourceDir: motion,
        files: [file],
        target: file,
        layout: 'training',
      }),
    );
  }
  const perception = sharedDataPath('waymo', 'perception');
  if (perception === undefined) return targets;
  const realFile = join(perception, 'pvps_data_one_frame.tfrecord');
  targets.push(
    await folderTarget({
      name: 'waymo/pvps_data_one_frame.tfrecord',
      dataset: 'waymo',
      format: 'binary',
      sourceDir: perception,
      files: ['pvps_data_one_frame.tfrecord'],
      target: 'pvps_data_one_frame.tfrecord',
      layout: 'validation',
    }),
  );
  // A 21-frame (2 s) segment from the real frame, as v1 records and v2 parquet components.
  const { readTfRecords, decodeFrame } = await import('@stkit/datasets/waymo');
  const { buildSegment } = await import('../../../datasets/src/waymo/__fixtures__/waymo-segment');
  let realBytes: Uint8Array | undefined;
  let real: ReturnType<typeof decodeFrame> | undefined;
  for await (const record of readTfRecords(realFile)) {
    realBytes = record.data;
    real = decodeFrame(record.data, { file: realFile, record: record.index });
  }
  if (real === undefined || realBytes === undefined) return targets;
  const built = await freshRoot();
  await buildSegment(real, realBytes, built, 21);
  const v1 = join(built, 'v1');
  const v1Name = 'segment.tfrecord';
  targets.push(
    await folderTarget({
      name: 'waymo/v1 segment (21 frames).tfrecord',
      dataset: 'waymo',
      format: 'binary',
      sourceDir: v1,
      files: [v1Name],
      target: v1Name,
      layout: 'training',
    }),
  );
  const v2 = join(built, 'v2');
  const { readdir } = await import('node:fs/promises');
  const segmentFile = (await readdir(join(v2, 'vehicle_pose')))[0]!;
  const v2Files = ['vehicle_pose', 'lidar_box', 'camera_calibration', 'camera_image'];
  for (const component of ['vehicle_pose', 'lidar_box', 'camera_calibration']) {
    const target = `${component}/${segmentFile}`;
    targets.push(
      await folderTarget({
        name: `waymo/v2 ${component}.parquet`,
        dataset: 'waymo',
        format: 'binary',
        sourceDir: v2,
        files: v2Files,
        target,
        layout: 'training',
      }),
    );
  }
  // The real v2 vehicle_pose component (float32 transforms) with the built segment's other components under its name.
  const realPose = sharedDataPath('waymo', 'v2', 'vehicle_pose', '10023947602400723454_1120_000_1140_000.parquet');
  if (realPose !== undefined) {
    const base = await readFile(realPose);
    targets.push({
      name: 'waymo/v2 vehicle_pose (real).parquet',
      format: 'binary',
      base,
      async build(mutation) {
        const root = await freshRoot();
        const name = '10023947602400723454_1120_000_1140_000.parquet';
        // Only vehicle_pose is real: the other components are absent, so the segment is not found and the baseline is empty —
        // the cases check the parquet decoding of real bytes (never a crash or a hang), not the clips.
        await mkdir(join(root, 'lidar_box'), { recursive: true });
        await cp(join(v2, 'lidar_box', segmentFile), join(root, 'lidar_box', name));
        const file = join(root, 'vehicle_pose', name);
        await place(file, base, mutation);
        return { root, file };
      },
      read: (root, signal) => import('./targets').then(({ readDataset }) => readDataset('waymo', root, signal)),
    });
  }
  await writeFile(join(built, 'README'), 'corruption-suite Waymo template\n');
  return targets;
}
