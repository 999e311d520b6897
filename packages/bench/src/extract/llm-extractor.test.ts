import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_START_TIMEOUT_MS } from '@stkit/test-data';
import { hasSharedData, sharedDataRoot, skipMessage } from '@stkit/test-data';
import { TASK_IDS } from '@stkit/core';
import { makeSample } from '../__fixtures__/samples';
import { startChatServer, userText, type ChatServer } from '../__fixtures__/chat-server';
import { EXTRACTION_PROMPTS } from './extraction-prompts';
import { createLlmExtractor, parseExtractionReply, parseJsonObject } from './llm-extractor';

describe.skipIf(!hasSharedData)(
  `extraction prompts match spec/prompts.json${hasSharedData ? '' : ` (${skipMessage})`}`,
  () => {
    it('embeds the paper prompts verbatim', () => {
      const file = JSON.parse(readFileSync(join(sharedDataRoot!, '..', 'spec', 'prompts.json'), 'utf8')) as {
        extraction: Record<string, string>;
      };
      expect(Object.keys(file.extraction).sort()).toEqual([...TASK_IDS].sort());
      for (const task of TASK_IDS) expect(EXTRACTION_PROMPTS[task]).toBe(file.extraction[task]);
    });
  },
);

describe('parseExtractionReply', () => {
  const distance = makeSample('traveled_distance', { start: 2, end: 6.5, meters: 10 });
  const speed = makeSample('traveling_speed', { start: 1.5, end: 7, metersPerSecond: 10 });
  const timestamp = makeSample('direction_timestamp', { clock: 3, start: 1, end: 2 });
  const comparison = makeSample('movement_direction_comparison', { polarity: 'positive', same: true });
  it('reads keyed and positional JSON, in fences or prose', () => {
    expect(parseExtractionReply(distance, '```json\n{"answer": 10.0, "response": 12.5}\n```')).toEqual({
      kind: 'distance',
      meters: 12.5,
    });
    expect(parseExtractionReply(distance, 'Here: {"answer_m": 10, "response_m": 7}')).toEqual({
      kind: 'distance',
      meters: 7,
    });
    expect(parseExtractionReply(speed, '{"answer": 36.0, "response": 18.0}')).toEqual({
      kind: 'speed',
      metersPerSecond: 5,
    }); // 18 km/h / 3.6
    expect(
      parseExtractionReply(timestamp, '{"answer_start": 1, "answer_end": 2, "response_start": 4, "response_end": 3}'),
    ).toEqual({ kind: 'interval', start: 3, end: 4 });
    expect(parseExtractionReply(comparison, '{"score": 1}')).toEqual({ kind: 'judged', correct: true });
    expect(parseExtractionReply(comparison, '{"score": 0}')).toEqual({ kind: 'judged', correct: false });
  });
  it('returns undefined for null values and non-JSON replies', () => {
    expect(parseExtractionReply(distance, '{"answer": 10.0, "response": null}')).toBeUndefined();
    expect(parseExtractionReply(distance, 'I do not know')).toBeUndefined();
    expect(parseJsonObject('{broken} {"a": 1}')).toBeUndefined(); // first '{' starts a broken object
  });
});

describe('createLlmExtractor against a chat-completions server', () => {
  let server: ChatServer;
  beforeAll(async () => {
    // A stand-in extractor model: reads the response line (the last line) and answers like the few-shots.
    server = await startChatServer((request) => {
      const response = userText(request).split('\n').pop()!;
      const meters = /(\d+(?:\.\d+)?) ?m\b/.exec(response);
      return JSON.stringify({ answer: 10, response: meters ? Number(meters[1]) : null });
    });
  }, SERVER_START_TIMEOUT_MS);
  afterAll(() => server.close(), SERVER_START_TIMEOUT_MS);

  it('sends the system prompt, few-shot pairs and question/answer/response lines', async () => {
    const sample = makeSample(
      'traveled_distance',
      { start: 2, end: 6.5, meters: 10 },
      { answer: 'The given object traveled 10.00 m between 2.00 and 6.50 seconds.' },
    );
    const extractor = createLlmExtractor({ baseURL: server.baseURL, model: 'judge', maxRetries: 0 });
    expect(extractor.extractorId).toBe('llm:judge');
    expect(await extractor.extract({ sample, response: 'It moved 11.5 m.' })).toEqual({
      kind: 'distance',
      meters: 11.5,
    });
    expect(await extractor.extract({ sample, response: 'No idea.' })).toBeUndefined();
    const request = server.requests[0]!;
    expect(request.messages[0]).toEqual({ role: 'system', content: EXTRACTION_PROMPTS.traveled_distance });
    expect(request.messages.map((message) => message.role)).toEqual([
      'system',
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
    ]);
    const lines = userText(request).split('\n');
    expect(lines.slice(-2)).toEqual([
      'The given object traveled 10.00 m between 2.00 and 6.50 seconds.',
      'It moved 11.5 m.',
    ]);
    expect(lines[0]!.startsWith('The video lasts for 8.00 seconds')).toBe(true);
    expect(request.temperature).toBe(0);
  });
});
