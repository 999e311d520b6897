/**
 * Tensors at STKit's boundary: a typed array plus an explicit shape
 * (row-major), no runtime objects. Inputs are checked once, here.
 */
import { ShapeMismatchError, InvalidArgumentError } from '../errors';
import type { OnnxTensorType } from './runtime';

/** Typed arrays a tensor can hold. */
export type TensorDataArray =
  | Float32Array
  | Float64Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | BigUint64Array;

/** A dense, row-major tensor: `data.length` equals the product of `shape`. */
export interface Tensor<T extends TensorDataArray = TensorDataArray> {
  /** Element type (onnxruntime name). */
  readonly type: OnnxTensorType;
  /** The values, row-major. */
  readonly data: T;
  /** Dimensions. */
  readonly shape: readonly number[];
}

/**
 * The element type of a typed array (`Uint8Array` → `uint8`; pass `'bool'` to {@link tensor} for booleans).
 * @throws {@link InvalidArgumentError} for `data`: not a supported typed array
 */
export function tensorTypeOf(data: TensorDataArray): OnnxTensorType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof BigInt64Array) return 'int64';
  if (data instanceof Uint8Array) return 'uint8';
  if (data instanceof Int8Array) return 'int8';
  if (data instanceof Uint16Array) return 'uint16';
  if (data instanceof Int16Array) return 'int16';
  if (data instanceof Uint32Array) return 'uint32';
  if (data instanceof BigUint64Array) return 'uint64';
  throw new InvalidArgumentError({ argument: 'data', message: 'not a supported typed array' });
}

/**
 * Number of elements of `shape` (1 for a scalar `[]`).
 * @returns the product of the dimensions.
 */
export function shapeSize(shape: readonly number[]): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  return size;
}

/**
 * A tensor of `data` with `shape`; throws {@link ShapeMismatchError} when the
 * sizes disagree and {@link InvalidArgumentError} for a negative or
 * fractional dimension.
 */
export function tensor<T extends TensorDataArray>(
  data: T,
  shape: readonly number[],
  type: OnnxTensorType = tensorTypeOf(data),
): Tensor<T> {
  for (const dim of shape) {
    if (!Number.isInteger(dim) || dim < 0)
      throw new InvalidArgumentError({
        argument: 'shape',
        value: shape,
        message: 'dimensions must be non-negative integers',
      });
  }
  if (shapeSize(shape) !== data.length) {
    throw new ShapeMismatchError({
      what: `tensor data (${data.length} values)`,
      expected: shape,
      actual: [data.length],
    });
  }
  return { type, data, shape: Object.freeze([...shape]) };
}
