import { InvalidArgumentError } from '@stkit/core';
import { describe, expect, it } from 'vitest';
import { bindTemplate, compileTemplate, renderCompiled, renderTemplate } from './template-render';

describe('renderTemplate', () => {
  it('fills placeholders', () => {
    expect(
      renderTemplate('From [START] to [END] seconds, the object moves [DISTANCE].', {
        START: '1.00',
        END: '3.50',
        DISTANCE: '2.00 m',
      }),
    ).toBe('From 1.00 to 3.50 seconds, the object moves 2.00 m.');
    expect(renderTemplate('no placeholders', {})).toBe('no placeholders');
    expect(renderTemplate('[CLOCK]', { CLOCK: '12' })).toBe('12');
  });

  it('replaces the frame-list run of the common prompt with the list and one full stop', () => {
    const compiled = compileTemplate('located at [SECOND1]s,[SECOND2]s,[SECOND3]s, ... . Please');
    expect(compiled.slots).toEqual(['FRAME_LIST']);
    expect(renderCompiled(compiled, { FRAME_LIST: '0.00s,0.50s' })).toBe('located at 0.00s,0.50s. Please');
  });

  it('rejects unknown placeholders and missing values', () => {
    expect(() => compileTemplate('a [SECOND4] b')).toThrow(/unknown placeholder '\[SECOND4\]'/);
    expect(() => compileTemplate('a [START b')).toThrow(InvalidArgumentError);
    expect(() => renderTemplate('[START] to [END]', { START: '1.00' })).toThrow(/no value for \[END\]/);
  });

  it('binds some placeholders and keeps the rest', () => {
    const bound = bindTemplate(compileTemplate('[SECONDS] s, [COLOR] box, [FRAMES] frames.'), {
      SECONDS: '2.50',
      FRAMES: '5',
    });
    expect(bound.slots).toEqual(['COLOR']);
    expect(bound.parts).toEqual(['2.50 s, ', ' box, 5 frames.']);
    expect(renderCompiled(bound, { COLOR: 'red' })).toBe('2.50 s, red box, 5 frames.');
  });
});
