import { InvalidArgumentError } from '@stkit/core';
import { describe, expect, it } from 'vitest';
import { encodeGroundingPrompt, loadTokenizer } from './grounding-prompt';
import { bertTokenizerJson } from '../test/bert-tokenizer';

describe('encodeGroundingPrompt (tokenizer.json through @huggingface/tokenizers)', async () => {
  const tokenizer = await loadTokenizer(bertTokenizerJson());

  it('tokenises with [CLS]/[SEP] and builds per-phrase attention blocks and restarting positions', () => {
    const prompt = encodeGroundingPrompt(tokenizer, 'Car. Traffic Lights');
    // "car. traffic lights." → [CLS] car . traffic light ##s . [SEP] = ids 2 7 5 9 10 11 5 3.
    expect(Array.from(prompt.inputIds, Number)).toEqual([2, 7, 5, 9, 10, 11, 5, 3]);
    expect(prompt.caption).toBe('car. traffic lights.');
    // Hand-computed as GroundingDINO's generate_masks_with_special_tokens_and_transfer_map:
    // special positions 0, 2, 6, 7; blocks [1..2] and [3..6]; [CLS] and [SEP] only themselves.
    expect(Array.from(prompt.positionIds, Number)).toEqual([0, 0, 1, 0, 1, 2, 3, 0]);
    const rows = Array.from({ length: 8 }, (_, r) =>
      Array.from(prompt.textTokenMask.subarray(r * 8, r * 8 + 8)).join(''),
    );
    expect(rows).toEqual([
      '10000000',
      '01100000',
      '01100000',
      '00011110',
      '00011110',
      '00011110',
      '00011110',
      '00000001',
    ]);
    expect(prompt.phrases).toEqual([
      { start: 1, end: 2, name: 'car' },
      { start: 3, end: 6, name: 'traffic lights' },
    ]);
  });

  it('rejects an empty prompt', () => {
    expect(() => encodeGroundingPrompt(tokenizer, ' . ')).toThrow(InvalidArgumentError);
  });

  it('a file that is not a tokenizer is a BackendLoadError naming it', async () => {
    await expect(loadTokenizer('/nonexistent/tokenizer.json')).rejects.toThrow(
      /nonexistent\/tokenizer\.json: cannot read the tokenizer/,
    );
  });
});
