import { describe, expect, it } from 'vitest';
import { formatFilterReport } from './format-filter-report';

describe('formatFilterReport', () => {
  it('renders input → kept per stage and one row per reason', () => {
    const text = formatFilterReport({
      ruleBased: {
        stage: 'rule_based',
        unit: 'scene',
        applied: true,
        input: 4,
        kept: 3,
        reasons: { no_track_left: 1 },
        observations: { low_box_confidence: 5 },
        tracks: {},
      },
      generalModelBased: {
        stage: 'general_model_based',
        unit: 'scene',
        applied: false,
        input: 3,
        kept: 3,
        reasons: {},
      },
      taskSpecificModelBased: {
        stage: 'task_specific_model_based',
        unit: 'sample',
        applied: true,
        input: 6,
        kept: 2,
        reasons: { traveling_speed: 4 },
      },
    });
    expect(text.split('\n')).toEqual([
      '| stage | reason | dropped |',
      '|---|---|---:|',
      '| rule-based | 4 → 3 scenes | |',
      '| | no_track_left | 1 |',
      '| | observations: low_box_confidence | 5 |',
      '| general model-based (VLM) | not applied | |',
      '| task-specific model-based | 6 → 2 samples | |',
      '| | traveling_speed | 4 |',
    ]);
  });
});
