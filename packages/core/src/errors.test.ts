import { describe, expect, it } from 'vitest';
import {
  BackendLoadError,
  DatasetFormatError,
  InvalidArgumentError,
  RemoteCallError,
  STKIT_ERROR_CODES,
  ShapeMismatchError,
  StkitError,
} from './errors';

describe('StkitError family', () => {
  it('names file, row and field in the message', () => {
    const error = new DatasetFormatError({
      file: 'a/b.jsonl',
      row: 3,
      field: 'tracks[0].id',
      reason: 'expected string',
    });
    expect(error.message).toBe("a/b.jsonl (row 3, field 'tracks[0].id'): expected string");
    expect(error.name).toBe('DatasetFormatError');
  });

  it('recognises instances through the Symbol.for marker, not instanceof', () => {
    const error = new ShapeMismatchError({ what: 'image', expected: [1, 3, 'H', 'W'], actual: [1, 4, 2, 2] });
    expect(error.message).toBe('image: expected shape [1, 3, H, W], got [1, 4, 2, 2]');
    // A plain object carrying the markers, as a duplicate install would create.
    const foreign = Object.create(null);
    Object.defineProperty(foreign, Symbol.for('stkit.error'), { value: true });
    Object.defineProperty(foreign, Symbol.for('stkit.error.ShapeMismatchError'), { value: true });
    expect(ShapeMismatchError.isInstance(foreign)).toBe(true);
    expect(StkitError.isInstance(foreign)).toBe(true);
    expect(InvalidArgumentError.isInstance(error)).toBe(false);
    expect(StkitError.isInstance(new Error('x'))).toBe(false);
  });

  it('marks subclasses of subclasses', () => {
    class NpyFormatError extends DatasetFormatError {}
    const error = new NpyFormatError({ file: 'f.npy', reason: 'bad magic' });
    expect(DatasetFormatError.isInstance(error)).toBe(true);
    expect(StkitError.isInstance(error)).toBe(true);
  });
});

describe('error kinds survive minification', () => {
  it('tells kinds apart by literal codes when class names are renamed', () => {
    // A minifier renames classes (`class a extends b`): mimic that on the real classes.
    const renamed = [StkitError, InvalidArgumentError, DatasetFormatError] as const;
    const names = renamed.map((ctor) => ctor.name);
    try {
      renamed.forEach((ctor, index) => Object.defineProperty(ctor, 'name', { value: `m${index}`, configurable: true }));
      const error = new InvalidArgumentError({ argument: '--workers', message: 'too large' });
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect(DatasetFormatError.isInstance(error)).toBe(false);
      expect(error.code).toBe('STKIT_INVALID_ARGUMENT');
      const format = new DatasetFormatError({ file: 'f', reason: 'bad' });
      expect(DatasetFormatError.isInstance(format)).toBe(true);
      expect(format.code).toBe(STKIT_ERROR_CODES.DatasetFormatError);
      expect(format.name).toBe('DatasetFormatError');
    } finally {
      renamed.forEach((ctor, index) =>
        Object.defineProperty(ctor, 'name', { value: names[index], configurable: true }),
      );
    }
  });

  it('gives every kind a distinct code', () => {
    const codes = [
      new StkitError({ message: 'x' }).code,
      new InvalidArgumentError({ argument: 'a', message: 'x' }).code,
      new DatasetFormatError({ file: 'f', reason: 'x' }).code,
      new ShapeMismatchError({ what: 'w', expected: [1], actual: [2] }).code,
      new BackendLoadError({ backend: 'b', message: 'x' }).code,
      new RemoteCallError({ endpoint: 'e', message: 'x' }).code,
    ];
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(Object.values(STKIT_ERROR_CODES));
  });
});
