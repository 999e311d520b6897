/**
 * Export to the LLaVA-OneVision / LLaVA-Video training format: one record
 * `{ id, video, conversations }` per sample (SPEC §5).
 */
import { InvalidArgumentError, type Sample } from '@stkit/core';

/** A LLaVA-Video training record. */
export interface LlavaRecord {
  /** The sample id. */
  id: string;
  /** Video path, relative to the training run's video folder. */
  video: string;
  /** `[{from:'human', value:'<video>\n…'}, {from:'gpt', value}]`. */
  conversations: { from: 'human' | 'gpt'; value: string }[];
}

/** Options of {@link toLlavaRecord}. */
export interface LlavaRecordOptions {
  /** Video path to write. @default sample.video */
  videoPath?: string;
}

/**
 * Converts a sample to a LLaVA-Video record. Throws
 * {@link InvalidArgumentError} when neither `options.videoPath` nor
 * `sample.video` gives a video.
 */
export function toLlavaRecord(sample: Sample, options: LlavaRecordOptions = {}): LlavaRecord {
  const video = options.videoPath ?? sample.video;
  if (video === undefined || video === '') {
    throw new InvalidArgumentError({ argument: 'options.videoPath', message: `sample '${sample.id}' has no video; pass videoPath` });
  }
  return {
    id: sample.id,
    video,
    conversations: [
      { from: 'human', value: sample.conversations[0].value },
      { from: 'gpt', value: sample.conversations[1].value },
    ],
  };
}
