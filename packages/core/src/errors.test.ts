import { describe, expect, it } from 'vitest';
import { DatasetFormatError, InvalidArgumentError, ShapeMismatchError, StkitError } from './errors';

describe('StkitError family', () => {
  it('names file, row and field in the message', () => {
    const error = new DatasetFormatError({ file: 'a/b.jsonl', row: 3, field: 'tracks[0].id', reason: 'expected string' });
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
