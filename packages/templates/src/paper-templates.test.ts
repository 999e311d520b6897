import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sharedDataRoot, skipMessage } from '@stkit/test-data';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fact } from '@stkit/core';
import { PAPER_TEMPLATES, templateSetsFor } from './paper-templates';

// The spec folder sits beside the shared data folder (shared/spec, shared/data).
const specFile = sharedDataRoot === undefined ? undefined : join(sharedDataRoot, '..', 'spec', 'templates.json');
const hasSpec = specFile !== undefined && existsSync(specFile);

describe.skipIf(!hasSpec)('embedded templates vs shared/spec/templates.json', () => {
  it('are identical to the file, key by key and string by string', () => {
    const fromFile = JSON.parse(readFileSync(specFile!, 'utf8'));
    expect(PAPER_TEMPLATES).toEqual(fromFile);
    expect(Object.keys(PAPER_TEMPLATES)).toEqual(Object.keys(fromFile));
  });

  it('were generated from these exact bytes (regenerate with `npm run generate` when this fails)', () => {
    const generated = readFileSync(new URL('./paper-templates.generated.ts', import.meta.url), 'utf8');
    const recorded = /sha256 ([0-9a-f]{64})/.exec(generated)?.[1];
    expect(recorded).toBe(createHash('sha256').update(readFileSync(specFile!)).digest('hex'));
  });
});
if (!hasSpec)
  describe('embedded templates vs shared/spec/templates.json', () =>
    it.skip(`skipped: ${skipMessage} (needs ../spec/templates.json beside it)`, () => {}));

describe('templateSetsFor', () => {
  const distance = (wholeVideo: boolean): Fact => ({
    task: 'traveled_distance',
    trackIds: ['a'],
    label: { start: 0, end: 5, meters: 10 },
    wholeVideo,
  });

  it('splits distance and speed into whole-video (6 questions, 5 answers) and interval templates', () => {
    const whole = templateSetsFor(distance(true));
    const interval = templateSetsFor(distance(false));
    expect(whole.questions).toHaveLength(6);
    expect(whole.answers).toHaveLength(5);
    expect(interval.questions).toHaveLength(6);
    expect(interval.answers).toHaveLength(5);
    // Whole-video texts never carry an interval, interval texts always do.
    for (const text of [...whole.questions, ...whole.answers]) expect(text).not.toContain('[START]');
    for (const text of [...interval.questions, ...interval.answers]) expect(text).toContain('[START]');
    expect(interval.questions[0]).toBe(
      'What is the total distance traveled by a given object from [START] seconds to [END] seconds?',
    );
    const speed = templateSetsFor({
      task: 'traveling_speed',
      trackIds: ['a'],
      label: { start: 0, end: 5, metersPerSecond: 1 },
    });
    expect(speed.answers[0]).toBe('The average speed of the given object from [START] to [END] seconds is [SPEED].');
  });

  it('maps direction-comparison polarity and truth to the four answer sets (SPEC §2)', () => {
    const set = (polarity: 'positive' | 'negative', same: boolean) =>
      templateSetsFor({ task: 'movement_direction_comparison', trackIds: ['a', 'b'], label: { polarity, same } });
    // Positive question ("same direction?") and same → "Yes, … same direction".
    expect(set('positive', true).answers[0]).toMatch(/^Yes, .* same direction/);
    expect(set('positive', true).questions[0]).toContain('same direction');
    // Negative question ("different direction?") and same → "No, … same direction".
    expect(set('negative', true).answers[0]).toMatch(/^No, .* same direction/);
    expect(set('negative', true).questions[0]).toContain('different direction');
    // Positive question and different → "No, … different direction".
    expect(set('positive', false).answers[0]).toMatch(/^No, .* different direction/);
    // Negative question and different → "Yes, … different direction".
    expect(set('negative', false).answers[0]).toMatch(/^Yes, .* different direction/);
  });

  it('uses the positive or negative sets of the value comparisons', () => {
    const negative = templateSetsFor({
      task: 'traveling_speed_comparison',
      trackIds: ['a', 'b'],
      label: { polarity: 'negative', answerTrackId: 'a', values: { a: 1, b: 2 } },
    });
    expect(negative.questions).toEqual(PAPER_TEMPLATES.traveling_speed_comparison.negative_questions);
    expect(negative.answers).toEqual(PAPER_TEMPLATES.traveling_speed_comparison.negative_answers);
  });
});
