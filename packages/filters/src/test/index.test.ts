import { describe, expect, it } from 'vitest';
import { makeSample } from '../../test/samples';
import { createMockLikelihoodScorer, createMockVlmJudge } from './index';

describe('test doubles', () => {
  it('the mock judge parses its answers like the real one', async () => {
    const judge = createMockVlmJudge((prompt) => (prompt === 'camera_movement' ? '**No.**' : 'Yes'));
    const result = await judge.judge({ frames: [] });
    expect(result.keep).toBe(false);
    expect(result.failed).toEqual(['camera_movement']);
    expect((await createMockVlmJudge().judge({ frames: [] })).keep).toBe(true);
  });
  it('the mock scorer returns its function of each sample', async () => {
    const scorer = createMockLikelihoodScorer((sample) => -sample.id.length);
    const result = await scorer.doScore({
      samples: [makeSample('movement_direction', 'ab'), makeSample('movement_direction', 'abcd')],
    });
    expect(Array.from(result.logLikelihoods)).toEqual([-2, -4]);
  });
});
