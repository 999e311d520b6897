import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, ShapeMismatchError } from '../errors';
import { shapeSize, tensor, tensorTypeOf } from './tensor';

describe('tensor', () => {
  it('pairs a typed array with a shape and infers the element type', () => {
    const t = tensor(new Float32Array(6), [2, 3]);
    expect(t.type).toBe('float32');
    expect(t.shape).toEqual([2, 3]);
    expect(tensorTypeOf(new BigInt64Array(1))).toBe('int64');
    expect(tensor(new Uint8Array(2), [2], 'bool').type).toBe('bool');
    expect(shapeSize([])).toBe(1);
  });

  it('rejects a size mismatch and bad dimensions', () => {
    expect(() => tensor(new Float32Array(5), [2, 3])).toThrow(ShapeMismatchError);
    expect(() => tensor(new Float32Array(6), [2, 3])).not.toThrow();
    expect(() => tensor(new Float32Array(0), [-1])).toThrow(InvalidArgumentError);
    expect(() => tensor(new Float32Array(3), [1.5, 2])).toThrow(InvalidArgumentError);
  });
});
