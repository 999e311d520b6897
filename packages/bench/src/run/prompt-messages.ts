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

/** Options of {@link buildPromptMessages}. */
export interface BuildPromptOptions {
  readonly sample: Sample;
  /** Folder that relative frame paths resolve against (the benchmark file's folder). */
  readonly baseDir: string;
  /** Send at most this many frames. @default all */
  readonly maxFrames?: number;
  /** Optional system message. */
  readonly systemPrompt?: string;
  /** `detail` of the image parts. @default 'auto' */
  readonly imageDetail?: 'auto' | 'low' | 'high';
  readonly signal?: AbortSignal;
}

/** Messages plus what was sent. */
export interface PromptMessages {
  readonly messages: ChatCompletionMessageParam[];
  /** Number of image parts. */
  readonly imageCount: number;
  /** The question text sent. */
  readonly text: string;
}

const FRAME_LIST = /(\d+) frames are uniformly sampled from it\. These frames are located at ([\s\S]*?)\. Please answer/;

function formatSeconds(seconds: number): string {
  return `${seconds.toFixed(2)}s`;
}

/** Builds the messages of one sample's request. */
export async function buildPromptMessages(options: BuildPromptOptions): Promise<PromptMessages> {
  const { sample } = options;
  const frames = sample.frames ?? [];
  const indices = uniformIndices(frames.length, options.maxFrames ?? frames.length);
  let text = questionText(sample);
  if (indices.length < frames.length && sample.frameTimes.length === frames.length) {
    const times = indices.map((index) => formatSeconds(sample.frameTimes[index]!)).join(',');
    text = text.replace(FRAME_LIST, `${indices.length} frames are uniformly sampled from it. These frames are located at ${times}. Please answer`);
  }
  const content: ChatCompletionContentPart[] = [];
  for (const index of indices) {
    const url = await frameUrl(frames[index]!, options.baseDir, sample.id, options.signal);
    content.push({ type: 'image_url', image_url: { url, detail: options.imageDetail ?? 'auto' } });
  }
  content.push({ type: 'text', text });
  const messages: ChatCompletionMessageParam[] = [];
  if (options.systemPrompt) messages.push({ role: 'system', content: options.systemPrompt });
  messages.push({ role: 'user', content });
  return { messages, imageCount: indices.length, text };
}
