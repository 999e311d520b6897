/**
 * Training records from samples ([definitions §5](docs/pages/definitions.md#composition)), in the shapes common trainers read:
 *
 * - LLaVA-Video / LLaVA-OneVision: `{ id, video, conversations }` with the
 *   `<video>` placeholder, or, for the frames as images,
 *   `{ id, image: [...], conversations }` with one `<image>` placeholder per
 *   frame in place of `<video>` (the multi-image form of LLaVA-OneVision).
 * - ShareGPT / messages (LLaMA-Factory, ms-swift, Axolotl):
 *   `{ id, messages: [{role:'user'}, {role:'assistant'}], images | videos }`
 *   with `<image>` per image or one `<video>` at the start of the user turn.
 *
 * Paths are written as given (the caller makes them relative to where the
 * trainer resolves them).
 */
import { InvalidArgumentError, type Sample } from '@stkit/core';

/** A LLaVA-Video training record (video form). */
export interface LlavaRecord {
  /** The sample id. */
  id: string;
  /** Video path, relative to the training run's video folder. */
  video: string;
  /** `[{from:'human', value:'<video>\n…'}, {from:'gpt', value}]`. */
  conversations: { from: 'human' | 'gpt'; value: string }[];
}

/** A LLaVA-OneVision multi-image training record (the frames as images). */
export interface LlavaImagesRecord {
  id: string;
  /** Frame image paths, in time order. */
  image: string[];
  /** The human turn carries one `<image>` placeholder per frame. */
  conversations: { from: 'human' | 'gpt'; value: string }[];
}

/** Options of {@link toLlavaRecord}. */
export interface LlavaRecordOptions {
  /** Video path to write. @default sample.video */
  videoPath?: string;
}

/** The human turn without its `<video>` / `<image>` placeholders. */
export function questionWithoutPlaceholders(sample: Sample): string {
  return sample.conversations[0].value.replace(/<(?:video|image)>\s*/g, '').trim();
}

/**
 * Converts a sample to a LLaVA-Video record. Throws
 * {@link InvalidArgumentError} when neither `options.videoPath` nor
 * `sample.video` gives a video.
 */
export function toLlavaRecord(sample: Sample, options: LlavaRecordOptions = {}): LlavaRecord {
  const video = options.videoPath ?? sample.video;
  if (video === undefined || video === '') {
    throw new InvalidArgumentError({
      argument: 'options.videoPath',
      message: `sample '${sample.id}' has no video; pass videoPath`,
    });
  }
  return {
    id: sample.id,
    video,
    conversations: [
      { from: 'human', value: `<video>\n${questionWithoutPlaceholders(sample)}` },
      { from: 'gpt', value: sample.conversations[1].value },
    ],
  };
}

function checkImages(sample: Sample, images: readonly string[]): void {
  if (images.length === 0)
    throw new InvalidArgumentError({ argument: 'images', message: `sample '${sample.id}' has no frames to write` });
}

/** Converts a sample to a LLaVA-OneVision multi-image record with `images` (its frames, as the trainer will resolve them). */
export function toLlavaImagesRecord(sample: Sample, images: readonly string[]): LlavaImagesRecord {
  checkImages(sample, images);
  return {
    id: sample.id,
    image: [...images],
    conversations: [
      { from: 'human', value: `${'<image>\n'.repeat(images.length)}${questionWithoutPlaceholders(sample)}` },
      { from: 'gpt', value: sample.conversations[1].value },
    ],
  };
}

/** A ShareGPT / messages training record. */
export interface ShareGptRecord {
  id: string;
  messages: { role: 'user' | 'assistant'; content: string }[];
  /** Frame images (with `<image>` placeholders in the user turn). */
  images?: string[];
  /** One video (with a `<video>` placeholder). */
  videos?: string[];
}

/** Media of a ShareGPT record: the frames as images, or one video. */
export type ShareGptMedia = { images: readonly string[] } | { video: string };

/**
 * Converts a sample to a ShareGPT / messages record.
 * @throws {@link InvalidArgumentError} for `video`: sample '…' has no video
 */
export function toShareGptRecord(sample: Sample, media: ShareGptMedia): ShareGptRecord {
  const question = questionWithoutPlaceholders(sample);
  if ('video' in media) {
    if (media.video === '')
      throw new InvalidArgumentError({ argument: 'video', message: `sample '${sample.id}' has no video` });
    return {
      id: sample.id,
      messages: [
        { role: 'user', content: `<video>${question}` },
        { role: 'assistant', content: sample.conversations[1].value },
      ],
      videos: [media.video],
    };
  }
  checkImages(sample, media.images);
  return {
    id: sample.id,
    messages: [
      { role: 'user', content: `${'<image>'.repeat(media.images.length)}${question}` },
      { role: 'assistant', content: sample.conversations[1].value },
    ],
    images: [...media.images],
  };
}
