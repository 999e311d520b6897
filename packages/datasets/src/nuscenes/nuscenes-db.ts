/**
 * The compact in-memory form of the nuScenes tables the reader needs: tokens
 * interned to dense ids (see `token-table.ts`), numbers in typed arrays
 * indexed by id, one string per record only where a string is output
 * (category and scene names, image file names). Built by `load-tables.ts`.
 */
import type { DatasetFormatError } from '@stkit/core';
import type { TokenTable } from './token-table';

/** A growable typed column. */
export class Column<T extends Float64Array | Int32Array> {
  data: T;
  constructor(
    private readonly make: (length: number) => T,
    initial = 1024,
  ) {
    this.data = make(initial);
  }
  /** Makes room for index `index` (doubling) and returns the array. */
  ensure(index: number, fill?: number): T {
    if (index >= this.data.length) {
      let length = this.data.length;
      while (length <= index) length *= 2;
      const next = this.make(length);
      if (fill !== undefined) next.fill(fill);
      next.set(this.data);
      this.data = next;
    }
    return this.data;
  }
}

/** An `Int32Array` column whose unset entries are -1. */
export function intColumn(initial = 1024): Column<Int32Array> {
  const column = new Column((length) => new Int32Array(length).fill(-1), initial);
  return column;
}

/** A `Float64Array` column. */
export function floatColumn(initial = 1024): Column<Float64Array> {
  return new Column((length) => new Float64Array(length), initial);
}

/** One scene record. */
export interface SceneRecord {
  id: number;
  name: string;
  log: string;
  firstSample: number;
  lastSample: number;
  nbrSamples: number;
  row: number;
}

/** The loaded annotations, one entry per `sample_annotation` record kept. */
export interface AnnotationColumns {
  count: number;
  sample: Int32Array;
  instance: Int32Array;
  /** Global-frame centre, 3 per annotation. */
  center: Float64Array;
  /** nuScenes order `[width, length, height]`, 3 per annotation. */
  size: Float64Array;
  /** `[w, x, y, z]`, 4 per annotation. */
  rotation: Float64Array;
  /** 1-based row in sample_annotation.json. */
  row: Int32Array;
}

/** Calibrated sensors of the chosen camera channel, and the keyframe sample_data of that channel. */
export interface CameraColumns {
  channel: string;
  /** Per calibrated-sensor id: 1 when its sensor is the chosen channel. */
  isChannel: Uint8Array;
  /** Per calibrated-sensor id: translation (3), rotation (4), intrinsic (9). */
  calibration: Float64Array;
  /** Per sample id: index into the sample_data columns, -1 when none. */
  sampleData: Int32Array;
  sdEgoPose: number[];
  sdCalibrated: number[];
  sdTimestamp: number[];
  sdWidth: number[];
  sdHeight: number[];
  sdFilename: string[];
  sdRow: number[];
  /** Ego poses by id in `egoPoses`: translation (3), rotation (4); `egoRow` 0 when never defined. */
  egoPoses: TokenTable;
  egoPose: Float64Array;
  /** Ego poses that were found but are invalid (non-finite, duplicate), by ego id. */
  egoErrors: Map<number, DatasetFormatError>;
  /** Set when the camera tables could not be read; clips then carry no camera. */
  unavailable?: DatasetFormatError;
}

/** Everything the clip builder needs. */
export interface NuScenesDb {
  root: string;
  tableDir: string;
  categoryNames: string[];
  instances: TokenTable;
  /** Per instance id: category id, -1 unresolved. */
  instanceCategory: Int32Array;
  scenes: SceneRecord[];
  samples: TokenTable;
  sampleTimestamp: Float64Array;
  sampleScene: Int32Array;
  sampleNext: Int32Array;
  annotations: AnnotationColumns;
  camera: CameraColumns | undefined;
  /** First error per scene id: the scene yields it instead of clips. */
  sceneErrors: Map<number, DatasetFormatError>;
  /** Errors that belong to no scene (yielded once, reading goes on). */
  globalErrors: DatasetFormatError[];
}
