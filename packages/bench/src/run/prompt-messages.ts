/**
 * The chat request of one sample: its frames as image parts (the visual-prompt
 * boxes are drawn on them) followed by the question — the human turn without
 * the `<video>` placeholder. With `maxFrames` below the sample's frame count,
 * frames are subsampled uniformly and the common prompt's frame count and
 * timestamps are rewritten to match what is sent.
 */
import type { ChatCompletionContentPart, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Sample } from '@stkit/core';
import { questionText } from '../extract/extract-answer';
import { frameUrl, uniformIndices } from './frame-images';
import { decodeVideoFrames } from './video-frames';

/** Options of {@link buildPromptMessages}. */
export interface BuildPromptOptions {
  readonly sample: Sample;
  /** Folder that relative frame paths resolve against (the benchmark file's folder). */
  readonly baseDir: string;
  /** Send at most this many frames. @default all */
  readonly maxFrames?: number | undefined;
  /** Optional system message. */
  readonly systemPrompt?: string | undefined;
  /** `detail` of the image parts. @default 'auto' */
  readonly imageDetail?: 'auto' | 'low' | 'high' | undefined;
  /** Text only, no image (the blind, language-prior baseline). */
  readonly blind?: boolean | undefined;
  /** Frames per second decoded from `sample.video` when the sample has no frames. @default 1 */
  readonly fps?: number | undefined;
  /** ffmpeg executable for videos. @default 'ffmpeg' */
  readonly ffmpeg?: string | undefined;
  /** Do not decode videos: one placeholder image part names the video (dry runs). */
  readonly videoPlaceholder?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** Messages plus what was sent. */
export interface PromptMessages {
  readonly messages: ChatCompletionMessageParam[];
  /** Number of image parts. */
  readonly imageCount: number;
  /** The question text sent. */
  readonly text: string;
  /** Where the images came from. */
  readonly media: 'frames' | 'video' | 'none';
}

const FRAME_LIST =
  /(\d+) frames are uniformly sampled from it\. These frames are located at ([\s\S]*?)\. Please answer/;

function formatSeconds(seconds: number): string {
  return `${seconds.toFixed(2)}s`;
}

function rewriteFrameList(text: string, times: readonly number[]): string {
  return text.replace(
    FRAME_LIST,
    `${times.length} frames are uniformly sampled from it. These frames are located at ${times.map(formatSeconds).join(',')}. Please answer`,
  );
}

function finish(options: BuildPromptOptions, content: ChatCompletionContentPart[]): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [];
  if (options.systemPrompt) messages.push({ role: 'system', content: options.systemPrompt });
  messages.push({ role: 'user', content });
  return messages;
}

/**
 * Builds the messages of one sample's request. Blind: the question alone.
 * A sample without frames but with a `video`: frames decoded with ffmpeg at
 * `fps` (at most `maxFrames`), the common prompt's frame list rewritten to
 * their times (clip time of the first frame + k / fps).
 */
export async function buildPromptMessages(options: BuildPromptOptions): Promise<PromptMessages> {
  const { sample } = options;
  if (options.blind) {
    const text = questionText(sample);
    return { messages: finish(options, [{ type: 'text', text }]), imageCount: 0, text, media: 'none' };
  }
  if ((sample.frames ?? []).length === 0 && sample.video !== undefined && sample.video !== '') {
    let text = questionText(sample);
    const content: ChatCompletionContentPart[] = [];
    if (options.videoPlaceholder) {
      content.push({
        type: 'image_url',
        image_url: {
          url: `<frames of ${sample.video} at ${options.fps ?? 1} fps, decoded with ffmpeg when sent>`,
          detail: options.imageDetail ?? 'auto',
        },
      });
    } else {
      const decoded = await decodeVideoFrames({
        video: sample.video,
        baseDir: options.baseDir,
        sampleId: sample.id,
        fps: options.fps,
        maxFrames: options.maxFrames,
        ffmpeg: options.ffmpeg,
        signal: options.signal,
      });
      const offset = sample.frameTimes[0] ?? 0;
      text = rewriteFrameList(
        text,
        decoded.times.map((time) => offset + time),
      );
      for (const url of decoded.urls)
        content.push({ type: 'image_url', image_url: { url, detail: options.imageDetail ?? 'auto' } });
    }
    const imageCount = content.length;
    content.push({ type: 'text', text });
    return { messages: finish(options, content), imageCount, text, media: 'video' };
  }
  const frames = sample.frames ?? [];
  const indices = uniformIndices(frames.length, options.maxFrames ?? frames.length);
  let text = questionText(sample);
  if (indices.length < frames.length && sample.frameTimes.length === frames.length) {
    text = rewriteFrameList(
      text,
      indices.map((index) => sample.frameTimes[index]!),
    );
  }
  const content: ChatCompletionContentPart[] = [];
  for (const index of indices) {
    const url = await frameUrl(frames[index]!, options.baseDir, sample.id, options.signal);
    content.push({ type: 'image_url', image_url: { url, detail: options.imageDetail ?? 'auto' } });
  }
  content.push({ type: 'text', text });
  return {
    messages: finish(options, content),
    imageCount: indices.length,
    text,
    media: indices.length > 0 ? 'frames' : 'none',
  };
}
