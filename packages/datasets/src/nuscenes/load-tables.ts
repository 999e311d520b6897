/**
 * Streams the nuScenes tables into a {@link NuScenesDb}. Table order matters:
 * each table resolves its foreign keys against tables already complete, so
 * a token that references nothing is found at once. A record-level problem
 * (bad reference, duplicate token, non-finite number) is charged to the
 * scene it belongs to, which then yields an error instead of clips; a broken
 * file (truncated, not JSON, missing) throws.
 */
import type { DatasetFormatError } from '@stkit/core';
import { fieldError, finiteArrayAt, stringAt, timestampAt, numberAt } from './json-values';
import { readTable, tokenAt } from './table-io';
import { floatColumn, intColumn, type NuScenesDb, type SceneRecord } from './nuscenes-db';
import { createTokenTable, type TokenTable } from './token-table';
import { loadCamera } from './load-camera';

/** Options of {@link loadNuScenesDb}. */
export interface LoadNuScenesOptions {
  root: string;
  tableDir: string;
  /** Camera channel whose keyframes give poses and images; `undefined` skips the camera tables. */
  camera: string | undefined;
  signal?: AbortSignal;
}

/** Loads every table the reader needs. */
export async function loadNuScenesDb(options: LoadNuScenesOptions): Promise<NuScenesDb> {
  const { tableDir, signal } = options;
  const sceneErrors = new Map<number, DatasetFormatError>();
  const globalErrors: DatasetFormatError[] = [];
  const failScene = (scene: number, error: DatasetFormatError): void => {
    if (!sceneErrors.has(scene)) sceneErrors.set(scene, error);
  };

  // category: token → name.
  const categories = createTokenTable(64);
  const categoryNames: string[] = [];
  await readTable(
    tableDir,
    'category',
    ['token', 'name'],
    (record, context) => {
      const id = tokenAt(categories, record, 0, context, true);
      if (id < 0) throw fieldError(context, record, 0, 'empty token');
      if (categories.define(id, record.row) !== 0)
        throw fieldError(context, record, 0, `duplicate token (first at row ${categories.definedAt(id)})`);
      categoryNames[id] = stringAt(context, record, 1);
    },
    signal,
  );

  // instance: token → category. Errors wait until the instance's scene is known.
  const instances = createTokenTable(80_000);
  const instanceCategory = intColumn(80_000);
  const instanceErrors = new Map<number, DatasetFormatError>();
  await readTable(
    tableDir,
    'instance',
    ['token', 'category_token'],
    (record, context) => {
      const id = tokenAt(instances, record, 0, context, true);
      if (id < 0) throw fieldError(context, record, 0, 'empty token');
      const category = instanceCategory.ensure(id, -1);
      if (instances.define(id, record.row) !== 0) {
        instanceErrors.set(
          id,
          fieldError(context, record, 0, `duplicate token (first at row ${instances.definedAt(id)})`),
        );
        return;
      }
      const categoryId = tokenAt(categories, record, 1, context, false);
      if (categoryId < 0) instanceErrors.set(id, fieldError(context, record, 1, 'references no category'));
      else category[id] = categoryId;
    },
    signal,
  );

  // log: token → logfile (kept for the error of a scene whose log is unknown).
  const logs = createTokenTable(128);
  await readTable(
    tableDir,
    'log',
    ['token'],
    (record, context) => {
      const id = tokenAt(logs, record, 0, context, true);
      if (id >= 0 && logs.define(id, record.row) !== 0)
        globalErrors.push(fieldError(context, record, 0, 'duplicate token'));
    },
    signal,
  );

  // scene.
  const sceneTable = createTokenTable(1024);
  const samples = createTokenTable(40_000);
  const scenes: SceneRecord[] = [];
  await readTable(
    tableDir,
    'scene',
    ['token', 'name', 'log_token', 'nbr_samples', 'first_sample_token', 'last_sample_token'],
    (record, context) => {
      const id = tokenAt(sceneTable, record, 0, context, true);
      if (id < 0) throw fieldError(context, record, 0, 'empty token');
      if (sceneTable.define(id, record.row) !== 0) {
        failScene(id, fieldError(context, record, 0, `duplicate token (first at row ${sceneTable.definedAt(id)})`));
        return;
      }
      const scene: SceneRecord = {
        id,
        name: stringAt(context, record, 1),
        log: stringAt(context, record, 2),
        nbrSamples: numberAt(context, record, 3),
        firstSample: tokenAt(samples, record, 4, context, true),
        lastSample: tokenAt(samples, record, 5, context, true),
        row: record.row,
      };
      scenes[id] = scene;
      try {
        if (tokenAt(logs, record, 2, context, false) < 0) throw fieldError(context, record, 2, 'references no log');
      } catch (error) {
        failScene(id, error as DatasetFormatError);
      }
    },
    signal,
  );

  // sample: timestamp, scene, next.
  const sampleTimestamp = floatColumn(40_000);
  const sampleScene = intColumn(40_000);
  const sampleNext = intColumn(40_000);
  await readTable(
    tableDir,
    'sample',
    ['token', 'timestamp', 'scene_token', 'next'],
    (record, context) => {
      const id = tokenAt(samples, record, 0, context, true);
      if (id < 0) throw fieldError(context, record, 0, 'empty token');
      const scene = tokenAt(sceneTable, record, 2, context, false);
      sampleScene.ensure(id, -1);
      sampleNext.ensure(id, -1);
      sampleTimestamp.ensure(id);
      const charge = (error: DatasetFormatError): void =>
        scene >= 0 ? failScene(scene, error) : void globalErrors.push(error);
      if (samples.define(id, record.row) !== 0)
        return charge(fieldError(context, record, 0, `duplicate token (first at row ${samples.definedAt(id)})`));
      if (scene < 0) return charge(fieldError(context, record, 2, 'references no scene'));
      try {
        sampleTimestamp.data[id] = timestampAt(context, record, 1);
      } catch (error) {
        return charge(error as DatasetFormatError);
      }
      sampleScene.data[id] = scene;
      sampleNext.data[id] = tokenAt(samples, record, 3, context, true);
    },
    signal,
  );
  // References interned by scene/next make the id space larger than the columns.
  sampleScene.ensure(samples.size, -1);
  sampleNext.ensure(samples.size, -1);
  sampleTimestamp.ensure(samples.size);

  const annotations = await loadAnnotations(
    tableDir,
    samples,
    sampleScene.data,
    instances,
    failScene,
    instanceErrors,
    globalErrors,
    signal,
  );
  // Instance errors go to the scene of the instance's annotations.
  if (instanceErrors.size > 0) {
    const instanceScene = new Int32Array(instances.size).fill(-1);
    for (let a = 0; a < annotations.count; a++) {
      const sample = annotations.sample[a]!;
      if (sample >= 0) instanceScene[annotations.instance[a]!] = sampleScene.data[sample]!;
    }
    for (const [instance, error] of instanceErrors) {
      const scene = instanceScene[instance]!;
      if (scene >= 0) failScene(scene, error);
      else globalErrors.push(error);
    }
  }

  const camera =
    options.camera === undefined
      ? undefined
      : await loadCamera({
          tableDir,
          channel: options.camera,
          samples,
          sampleScene: sampleScene.data,
          failScene,
          globalErrors,
          signal,
        });

  return {
    root: options.root,
    tableDir,
    categoryNames,
    instances,
    instanceCategory: instanceCategory.data,
    scenes: scenes.filter((scene) => scene !== undefined),
    samples,
    sampleTimestamp: sampleTimestamp.data,
    sampleScene: sampleScene.data,
    sampleNext: sampleNext.data,
    annotations,
    camera,
    sceneErrors,
    globalErrors,
  };
}

async function loadAnnotations(
  tableDir: string,
  samples: TokenTable,
  sampleScene: Int32Array,
  instances: TokenTable,
  failScene: (scene: number, error: DatasetFormatError) => void,
  instanceErrors: Map<number, DatasetFormatError>,
  globalErrors: DatasetFormatError[],
  signal: AbortSignal | undefined,
) {
  const tokens = createTokenTable(1_300_000);
  const sample = intColumn(1 << 16);
  const instance = intColumn(1 << 16);
  const row = intColumn(1 << 16);
  const center = floatColumn(3 << 16);
  const size = floatColumn(3 << 16);
  const rotation = floatColumn(4 << 16);
  let count = 0;
  const keys = ['token', 'sample_token', 'instance_token', 'translation', 'size', 'rotation'];
  // No closure is created per record (1.2 M records): errors go through `charge`.
  let scene = -1;
  let instanceId = -1;
  const charge = (error: DatasetFormatError): void => {
    if (scene >= 0) failScene(scene, error);
    else if (instanceId >= 0) {
      if (!instanceErrors.has(instanceId)) instanceErrors.set(instanceId, error);
    } else globalErrors.push(error);
  };
  await readTable(
    tableDir,
    'sample_annotation',
    keys,
    (record, context) => {
      const sampleId = tokenAt(samples, record, 1, context, false);
      instanceId = tokenAt(instances, record, 2, context, false);
      scene = sampleId >= 0 ? sampleScene[sampleId]! : -1;
      const id = tokenAt(tokens, record, 0, context, true);
      if (id < 0) return charge(fieldError(context, record, 0, 'empty token'));
      if (tokens.define(id, record.row) !== 0)
        return charge(fieldError(context, record, 0, `duplicate token (first at row ${tokens.definedAt(id)})`));
      if (sampleId < 0 || samples.definedAt(sampleId) === 0)
        return charge(fieldError(context, record, 1, 'references no sample'));
      if (instanceId < 0 || instances.definedAt(instanceId) === 0)
        return charge(fieldError(context, record, 2, 'references no instance'));
      const c = center.ensure(count * 3 + 2);
      const s = size.ensure(count * 3 + 2);
      const r = rotation.ensure(count * 4 + 3);
      try {
        finiteArrayAt(context, record, 3, 3, c, count * 3);
        finiteArrayAt(context, record, 4, 3, s, count * 3);
        finiteArrayAt(context, record, 5, 4, r, count * 4);
      } catch (error) {
        return charge(error as DatasetFormatError);
      }
      // A negative extent or a zero quaternion is no box (the 2D projection would reject it mid-read).
      if (!(s[count * 3]! >= 0 && s[count * 3 + 1]! >= 0 && s[count * 3 + 2]! >= 0))
        return charge(fieldError(context, record, 4, 'negative box extent'));
      if (!(Math.hypot(r[count * 4]!, r[count * 4 + 1]!, r[count * 4 + 2]!, r[count * 4 + 3]!) > 1e-6))
        return charge(fieldError(context, record, 5, 'quaternion has zero norm'));
      sample.ensure(count)[count] = sampleId;
      instance.ensure(count)[count] = instanceId;
      row.ensure(count)[count] = record.row;
      count++;
    },
    signal,
  );
  return {
    count,
    sample: sample.data,
    instance: instance.data,
    center: center.data,
    size: size.data,
    rotation: rotation.data,
    row: row.data,
  };
}
