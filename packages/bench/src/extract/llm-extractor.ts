/**
 * The optional LLM extractor, for parity with the paper: the paper's
 * `extraction` system prompt of the task, few-shot exchanges, then the
 * question, the correct answer and the response joined by newlines; the
 * model's JSON reply is parsed into a prediction. Distance comes back in
 * metres, speed in km/h (converted to m/s), clock values and interval
 * bounds as numbers; the comparison prompts return a 0/1 verdict, recorded as
 * a `judged` prediction.
 */
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Sample } from '@stkit/core';
import { createChatClient, type ChatClient, type ChatClientSettings } from '../chat/chat-client';
import { questionText } from './extract-answer';
import { EXTRACTION_PROMPTS } from './extraction-prompts';
import type { Extractor } from './extractor';
import { EXTRACTION_FEW_SHOT } from './llm-few-shot';
import type { Prediction } from './types';

/** Settings of {@link createLlmExtractor}. */
export interface LlmExtractorSettings extends ChatClientSettings {
  /** Model name on the server. */
  readonly model: string;
  /** Send the few-shot exchanges. @default true */
  readonly fewShot?: boolean | undefined;
  /** Use this caller instead of building one from the settings. */
  readonly chat?: ChatClient | undefined;
}

/**
 * The messages sent for one extraction.
 * @param sample - the question's sample (its task picks the prompt).
 * @param response - the model's answer to extract from.
 * @param fewShot - include the task's worked examples. @default true
 */
export function extractionMessages(sample: Sample, response: string, fewShot = true): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [{ role: 'system', content: EXTRACTION_PROMPTS[sample.task] }];
  if (fewShot) {
    for (const example of EXTRACTION_FEW_SHOT[sample.task]) {
      messages.push({ role: 'user', content: example.user }, { role: 'assistant', content: example.assistant });
    }
  }
  messages.push({ role: 'user', content: [questionText(sample), sample.conversations[1].value, response].join('\n') });
  return messages;
}

/** The first JSON object in `text` (code fences and prose around it allowed), or undefined. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  for (let end = text.lastIndexOf('}'); end > start; end = text.lastIndexOf('}', end - 1)) {
    try {
      const value: unknown = JSON.parse(text.slice(start, end + 1));
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // try a shorter span
    }
  }
  return undefined;
}

function numberOf(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number.parseFloat(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/** The values of `keys`, else the object's values in order (answer first, then response, as the prompts list them). */
function pick(object: Record<string, unknown>, keys: readonly string[]): unknown[] {
  if (keys.every((key) => key in object)) return keys.map((key) => object[key]);
  return Object.values(object);
}

/** Turns the extractor model's reply into a prediction for `sample`, or undefined. */
export function parseExtractionReply(sample: Sample, reply: string): Prediction | undefined {
  const object = parseJsonObject(reply);
  if (object === undefined) return undefined;
  switch (sample.task) {
    case 'traveled_distance': {
      const meters = numberOf(pick(object, ['answer', 'response'])[1]);
      return meters === undefined ? undefined : { kind: 'distance', meters };
    }
    case 'traveling_speed': {
      const kmh = numberOf(pick(object, ['answer', 'response'])[1]);
      return kmh === undefined ? undefined : { kind: 'speed', metersPerSecond: kmh / 3.6 };
    }
    case 'movement_direction': {
      const clock = numberOf(pick(object, ['answer', 'response'])[1]);
      if (clock === undefined || !Number.isInteger(clock) || clock < 0 || clock > 12) return undefined;
      return { kind: 'clock', clock: clock === 0 ? 12 : clock };
    }
    case 'direction_timestamp': {
      const values = pick(object, ['answer_start', 'answer_end', 'response_start', 'response_end']);
      const start = numberOf(values[2]);
      const end = numberOf(values[3]);
      if (start === undefined || end === undefined) return undefined;
      return { kind: 'interval', start: Math.min(start, end), end: Math.max(start, end) };
    }
    default: {
      const score = numberOf('score' in object ? object.score : Object.values(object)[0]);
      return score === undefined ? undefined : { kind: 'judged', correct: score >= 0.5 };
    }
  }
}

/** Creates the LLM extractor; nothing is sent until `extract` is called. */
export function createLlmExtractor(settings: LlmExtractorSettings): Extractor {
  const chat = settings.chat ?? createChatClient(settings);
  const fewShot = settings.fewShot ?? true;
  return {
    extractorId: `llm:${settings.model}`,
    async extract(options) {
      const result = await chat.complete({
        model: settings.model,
        messages: extractionMessages(options.sample, options.response, fewShot),
        temperature: 0,
        signal: options.signal,
      });
      return parseExtractionReply(options.sample, result.text);
    },
  };
}
