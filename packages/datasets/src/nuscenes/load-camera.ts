/**
 * Loads what camera projection needs: the calibrated sensors of one channel,
 * that channel's keyframe `sample_data` records (one per sample), and only
 * the `ego_pose` records they reference. `sample_data.json` and
 * `ego_pose.json` of v1.0-trainval hold 2.6 M records each; every other
 * record is tokenized and dropped without creating a string.
 */
import { DatasetFormatError } from '@stkit/core';
import { fieldError, finiteArrayAt, stringAt, timestampAt, numberAt, booleanAt } from './json-values';
import { readTable, tokenAt } from './table-io';
import { floatColumn, type CameraColumns } from './nuscenes-db';
import { createTokenTable, type TokenTable } from './token-table';

/** Options of {@link loadCamera}. */
export interface LoadCameraOptions {
  tableDir: string;
  channel: string;
  samples: TokenTable;
  sampleScene: Int32Array;
  failScene: (scene: number, error: DatasetFormatError) => void;
  globalErrors: DatasetFormatError[];
  signal?: AbortSignal;
}

/** Loads the camera columns; a broken camera table marks the camera unavailable instead of throwing. */
export async function loadCamera(options: LoadCameraOptions): Promise<CameraColumns> {
  const { tableDir, channel, samples, sampleScene, failScene, signal } = options;
  const sensors = createTokenTable(32);
  const isChannelSensor: boolean[] = [];
  const calibrated = createTokenTable(16_384);
  const isChannel = new Uint8Array(1 << 16);
  const calibration = floatColumn(16 * 1024);
  const egoPoses = createTokenTable(40_000);
  const egoPose = floatColumn(7 * 40_000);
  const camera: CameraColumns = {
    channel,
    isChannel,
    calibration: calibration.data,
    sampleData: new Int32Array(samples.size).fill(-1),
    sdEgoPose: [],
    sdCalibrated: [],
    sdTimestamp: [],
    sdWidth: [],
    sdHeight: [],
    sdFilename: [],
    sdRow: [],
    egoPoses,
    egoPose: egoPose.data,
    egoErrors: new Map(),
  };
  try {
    await readTable(
      tableDir,
      'sensor',
      ['token', 'channel'],
      (record, context) => {
        const id = tokenAt(sensors, record, 0, context, true);
        isChannelSensor[id] = stringAt(context, record, 1) === channel;
      },
      signal,
    );
    if (!isChannelSensor.includes(true)) {
      const channels = `no sensor has channel '${channel}'`;
      throw new DatasetFormatError({ file: `${tableDir}/sensor.json`, field: 'channel', reason: channels });
    }
    await readTable(
      tableDir,
      'calibrated_sensor',
      ['token', 'sensor_token', 'translation', 'rotation', 'camera_intrinsic'],
      (record, context) => {
        const id = tokenAt(calibrated, record, 0, context, true);
        if (id >= isChannel.length) throw fieldError(context, record, 0, 'too many calibrated sensors');
        const sensor = tokenAt(sensors, record, 1, context, false);
        if (sensor < 0) throw fieldError(context, record, 1, 'references no sensor');
        if (!isChannelSensor[sensor]) return;
        const data = calibration.ensure(id * 16 + 15);
        finiteArrayAt(context, record, 2, 3, data, id * 16);
        finiteArrayAt(context, record, 3, 4, data, id * 16 + 3);
        finiteArrayAt(context, record, 4, 9, data, id * 16 + 7);
        isChannel[id] = 1;
      },
      signal,
    );
    camera.calibration = calibration.data;

    const keys = [
      'token',
      'sample_token',
      'ego_pose_token',
      'calibrated_sensor_token',
      'filename',
      'width',
      'height',
      'timestamp',
      'is_key_frame',
    ];
    await readTable(
      tableDir,
      'sample_data',
      keys,
      (record, context) => {
        // Cheap filters first: a keyframe of the chosen channel (1 record in ~80).
        if (record.kind[8] !== 3) {
          if (record.kind[8] !== 4) throw fieldError(context, record, 8, 'expected true or false');
          return;
        }
        const cal = tokenAt(calibrated, record, 3, context, false);
        if (cal < 0 || isChannel[cal] !== 1) {
          if (cal < 0) options.globalErrors.push(fieldError(context, record, 3, 'references no calibrated_sensor'));
          return;
        }
        booleanAt(context, record, 8);
        const sample = tokenAt(samples, record, 1, context, false);
        const scene = sample >= 0 ? sampleScene[sample]! : -1;
        if (scene < 0) return void options.globalErrors.push(fieldError(context, record, 1, 'references no sample'));
        if (camera.sampleData[sample] !== -1) {
          return failScene(
            scene,
            fieldError(
              context,
              record,
              1,
              `second ${channel} keyframe of this sample (first at row ${camera.sdRow[camera.sampleData[sample]!]})`,
            ),
          );
        }
        try {
          const ego = tokenAt(egoPoses, record, 2, context, true);
          if (ego < 0) throw fieldError(context, record, 2, 'empty ego_pose_token');
          camera.sampleData[sample] = camera.sdRow.length;
          camera.sdEgoPose.push(ego);
          camera.sdCalibrated.push(cal);
          camera.sdTimestamp.push(timestampAt(context, record, 7));
          camera.sdWidth.push(numberAt(context, record, 5));
          camera.sdHeight.push(numberAt(context, record, 6));
          camera.sdFilename.push(stringAt(context, record, 4));
          camera.sdRow.push(record.row);
        } catch (error) {
          camera.sampleData[sample] = -1;
          failScene(scene, error as DatasetFormatError);
        }
      },
      signal,
    );

    // Only the referenced ego poses; a bad one is charged where it is used (see the clip builder).
    const egoErrors = new Map<number, DatasetFormatError>();
    await readTable(
      tableDir,
      'ego_pose',
      ['token', 'translation', 'rotation'],
      (record, context) => {
        const id = tokenAt(egoPoses, record, 0, context, false);
        if (id < 0) return;
        if (egoPoses.define(id, record.row) !== 0)
          return void egoErrors.set(id, fieldError(context, record, 0, 'duplicate token'));
        const data = egoPose.ensure(id * 7 + 6);
        try {
          finiteArrayAt(context, record, 1, 3, data, id * 7);
          finiteArrayAt(context, record, 2, 4, data, id * 7 + 3);
        } catch (error) {
          egoErrors.set(id, error as DatasetFormatError);
        }
      },
      signal,
    );
    camera.egoPose = egoPose.ensure(egoPoses.size * 7);
    camera.egoErrors = egoErrors;
  } catch (error) {
    if (!DatasetFormatError.isInstance(error)) throw error;
    camera.unavailable = error;
  }
  return camera;
}
