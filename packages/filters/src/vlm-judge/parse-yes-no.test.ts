import { existsSync, readFileSync } from 'node:fs';
import { sharedDataPath } from '@stkit/test-data';
import { describe, expect, it } from 'vitest';
import { GENERAL_FILTER_PROMPT_IDS, GENERAL_FILTER_PROMPTS } from './general-filter-prompts';
import { parseYesNo } from './parse-yes-no';

describe('parseYesNo', () => {
  it.each([
    ['Yes', 'yes'],
    ['**Yes.**', 'yes'],
    ['yes, the object is fully visible in every frame.', 'yes'],
    ['  "Yes"  ', 'yes'],
    ['Answer: Yes', 'yes'],
    ['No', 'no'],
    ['No. The car is occluded by a bus.', 'no'],
    ['*no*, it is cropped', 'no'],
    ["I'm sorry, but I can't help with that.", 'unclear'],
    ['Yes and no.', 'unclear'],
    // A leading Yes/No is the verdict even when the rest of the sentence says "no" (the prompts ask
    // "…without significant occlusion?", so a natural yes reads "Yes, there is no significant occlusion").
    ['Yes, there is no significant occlusion.', 'yes'],
    ['Yes, there are no noticeable temporal discontinuities', 'yes'],
    ['**Yes**, no misalignment or cropping is visible.', 'yes'],
    ['Answer: Yes, with no missed frames.', 'yes'],
    ['No, yes the car is visible but it is cropped.', 'no'],
    ['Yes or no: yes', 'unclear'],
    ['The boxes are mostly aligned. Yes.', 'unclear'],
    ['Yesterday the car was visible', 'unclear'],
    ['Nothing to report', 'unclear'],
    ['', 'unclear'],
    [null, 'unclear'],
  ] as const)('%j → %s', (text, expected) => {
    expect(parseYesNo(text)).toBe(expected);
  });
});

const promptsFile = sharedDataPath('..', 'spec', 'prompts.json');
describe.skipIf(!promptsFile || !existsSync(promptsFile))('general-filter prompts', () => {
  it('are verbatim those of spec/prompts.json, in its order', () => {
    const spec = JSON.parse(readFileSync(promptsFile!, 'utf8')) as { general_filter: Record<string, string> };
    expect(Object.keys(spec.general_filter)).toEqual([...GENERAL_FILTER_PROMPT_IDS]);
    expect({ ...GENERAL_FILTER_PROMPTS }).toEqual(spec.general_filter);
  });
});

if (!promptsFile || !existsSync(promptsFile)) {
  describe('general-filter prompts', () => {
    it.skip('skipped: spec/prompts.json not found beside the shared data folder (set STKIT_SHARED_DATA)', () => {});
  });
}
