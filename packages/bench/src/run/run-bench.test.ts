import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REQUEST_TIMEOUT_MS, SERVER_START_TIMEOUT_MS } from '@stkit/test-data';
import { RemoteCallError } from '@stkit/core';
import { startChatServer, userText, type ChatServer, type ReceivedRequest } from '../__fixtures__/chat-server';
import { makeSample } from '../__fixtures__/samples';
import { readPredictions } from '../io/predictions-file';
import { runBench } from './run-bench';

// A valid 1×1 PNG (signature, IHDR, IDAT, IEND).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let server: ChatServer;
let dir: string;
let delayNextReply = 0;

function replyFor(request: ReceivedRequest): string {
  const text = userText(request);
  return `Echo: ${text.slice(-40)}`;
}

beforeAll(async () => {
  server = await startChatServer(async (request) => {
    if (delayNextReply > 0) await new Promise((resolve) => setTimeout(resolve, delayNextReply));
    return replyFor(request);
  });
}, SERVER_START_TIMEOUT_MS);
afterAll(() => server.close(), SERVER_START_TIMEOUT_MS);
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stkit-bench-run-'));
  server.requests.length = 0;
  delayNextReply = 0;
  await writeFile(join(dir, 'f0.png'), PNG);
  await writeFile(join(dir, 'f1.png'), PNG);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function samples(count: number, frames = ['f0.png', 'f1.png']) {
  return Array.from({ length: count }, (_, index) =>
    makeSample('movement_direction', { clock: 3 }, { id: `s${index}`, frames }),
  );
}

// Short backoffs; a request timeout that an immediate answer meets on a saturated machine.
const fast = { maxRetries: 2, retryBaseMs: 5, timeoutMs: REQUEST_TIMEOUT_MS };

describe('runBench against a chat-completions server', () => {
  it('sends frames as data-URL image parts and the question without <video>, and records metadata', async () => {
    const out = join(dir, 'predictions.jsonl');
    const result = await runBench({
      ...fast,
      samples: samples(3),
      baseDir: dir,
      model: 'test-model',
      baseURL: server.baseURL,
      out,
      concurrency: 2,
    });
    expect(result).toMatchObject({ total: 3, skipped: 0, completed: 3, failed: [], withoutFrames: 0 });
    expect(result.usage.totalTokens).toBeGreaterThan(0);
    const request = server.requests[0]!;
    expect(request.model).toBe('test-model');
    const content = request.messages[0]!.content as { type: string; text?: string; image_url?: { url: string } }[];
    expect(content.map((part) => part.type)).toEqual(['image_url', 'image_url', 'text']);
    expect(content[0]!.image_url!.url).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    expect(content[2]!.text!.startsWith('The video lasts for 8.00 seconds')).toBe(true);
    expect(content[2]!.text).not.toContain('<video>');
    const { predictions } = await readPredictions(out);
    expect([...predictions.keys()].sort()).toEqual(['s0', 's1', 's2']);
    const line = predictions.get('s0')!;
    expect(line).toMatchObject({
      id: 's0',
      task: 'movement_direction',
      model: 'test-model',
      frames: 2,
      attempts: 1,
      finishReason: 'stop',
    });
    expect(line.response.startsWith('Echo: ')).toBe(true);
    expect(typeof line.latencyMs).toBe('number');
    expect((line.usage as { totalTokens: number }).totalTokens).toBeGreaterThan(0);
  });

  it('subsamples frames uniformly and rewrites the frame list of the prompt', async () => {
    const frames = Array.from({ length: 8 }, (_, index) => (index % 2 === 0 ? 'f0.png' : 'f1.png'));
    await runBench({
      ...fast,
      samples: samples(1, frames),
      baseDir: dir,
      model: 'm',
      baseURL: server.baseURL,
      out: join(dir, 'p.jsonl'),
      maxFrames: 3,
    });
    const content = server.requests[0]!.messages[0]!.content as { type: string; text?: string }[];
    expect(content.filter((part) => part.type === 'image_url')).toHaveLength(3);
    // Frames 0, round(3.5) = 4, 7 of the times 0..7.
    expect(content[3]!.text).toContain(
      '3 frames are uniformly sampled from it. These frames are located at 0.00s,4.00s,7.00s. Please answer',
    );
  });

  it('warns and sends text only when a sample has no frames', async () => {
    const warnings: string[] = [];
    const result = await runBench({
      ...fast,
      samples: samples(2, []),
      baseDir: dir,
      model: 'm',
      baseURL: server.baseURL,
      out: join(dir, 'p.jsonl'),
      onWarning: (message) => warnings.push(message),
    });
    expect(result.withoutFrames).toBe(2);
    expect(warnings.some((message) => message.includes('2 sample(s) have no frames'))).toBe(true);
    expect((server.requests[0]!.messages[0]!.content as { type: string }[]).map((part) => part.type)).toEqual(['text']);
  });

  it('resumes: skips written samples and discards a torn last line', async () => {
    const out = join(dir, 'p.jsonl');
    await writeFile(out, `${JSON.stringify({ id: 's0', response: 'kept' })}\n{"id":"s1","respo`);
    const warnings: string[] = [];
    const result = await runBench({
      ...fast,
      samples: samples(3),
      baseDir: dir,
      model: 'm',
      baseURL: server.baseURL,
      out,
      onWarning: (message) => warnings.push(message),
    });
    expect(result).toMatchObject({ skipped: 1, completed: 2, discardedTornLine: true });
    expect(warnings.some((message) => message.includes('torn'))).toBe(true);
    expect(server.requests).toHaveLength(2);
    const text = await readFile(out, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; response: string });
    expect(lines.map((line) => line.id).sort()).toEqual(['s0', 's1', 's2']);
    expect(lines[0]).toEqual({ id: 's0', response: 'kept' });
  });

  it('retries 429 (honouring retry-after-ms) and 500, and records the attempts', async () => {
    server.misbehave({ status: 429, retryAfterMs: 20 }, { status: 500 });
    const out = join(dir, 'p.jsonl');
    const result = await runBench({
      ...fast,
      samples: samples(1),
      baseDir: dir,
      model: 'm',
      baseURL: server.baseURL,
      out,
    });
    expect(result.completed).toBe(1);
    expect(server.requests).toHaveLength(3);
    expect((await readPredictions(out)).predictions.get('s0')!.attempts).toBe(3);
  });

  it('times a slow server out, retries, and succeeds', async () => {
    // The first reply never comes (the server drops it when the client gives up); the retry is answered at
    // once, and the timeout is long enough for that on a saturated CI machine.
    server.misbehave({ delayMs: 3_600_000 });
    const result = await runBench({
      ...fast,
      samples: samples(1),
      baseDir: dir,
      model: 'm',
      baseURL: server.baseURL,
      out: join(dir, 'p.jsonl'),
    });
    expect(result.completed).toBe(1);
    expect(server.requests).toHaveLength(2);
  });

  it('reports a sample that keeps failing, leaves it out, and a rerun completes it', async () => {
    server.misbehave({ status: 500 }, { status: 500 }, { status: 500 });
    const out = join(dir, 'p.jsonl');
    const first = await runBench({
      ...fast,
      samples: samples(1),
      baseDir: dir,
      model: 'm',
      baseURL: server.baseURL,
      out,
    });
    expect(first.completed).toBe(0);
    expect(first.failed).toHaveLength(1);
    expect(RemoteCallError.isInstance(first.failed[0]!.error)).toBe(true);
    expect((first.failed[0]!.error as RemoteCallError).status).toBe(500);
    expect((await readPredictions(out)).predictions.size).toBe(0);
    const second = await runBench({
      ...fast,
      samples: samples(1),
      baseDir: dir,
      model: 'm',
      baseURL: server.baseURL,
      out,
    });
    expect(second.completed).toBe(1);
  });

  it('stops at an authentication error', async () => {
    server.misbehave({ status: 401 });
    await expect(
      runBench({
        ...fast,
        samples: samples(3),
        baseDir: dir,
        model: 'm',
        baseURL: server.baseURL,
        out: join(dir, 'p.jsonl'),
        concurrency: 1,
      }),
    ).rejects.toMatchObject({
      name: 'RemoteCallError',
      status: 401,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('bounds the requests in flight', async () => {
    delayNextReply = 40;
    server.resetMaxInFlight();
    await runBench({
      ...fast,
      samples: samples(9),
      baseDir: dir,
      model: 'm',
      baseURL: server.baseURL,
      out: join(dir, 'p.jsonl'),
      concurrency: 3,
    });
    expect(server.maxInFlight).toBeLessThanOrEqual(3);
    expect(server.maxInFlight).toBeGreaterThanOrEqual(2);
  });

  it('stops on abort, keeping the lines already written', async () => {
    delayNextReply = 30;
    const controller = new AbortController();
    const out = join(dir, 'p.jsonl');
    let done = 0;
    const run = runBench({
      ...fast,
      samples: samples(20),
      baseDir: dir,
      model: 'm',
      baseURL: server.baseURL,
      out,
      concurrency: 2,
      signal: controller.signal,
      onProgress: (progress) => {
        done = progress.done;
        if (progress.done >= 3) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    const written = (await readPredictions(out)).predictions.size;
    expect(written).toBeGreaterThanOrEqual(3);
    expect(written).toBeLessThan(20);
    expect(done).toBeGreaterThanOrEqual(3);
  });

  it('names the sample and file of a missing frame image', async () => {
    const result = await runBench({
      ...fast,
      samples: samples(1, ['missing.jpg']),
      baseDir: dir,
      model: 'm',
      baseURL: server.baseURL,
      out: join(dir, 'p.jsonl'),
    });
    expect(result.failed[0]!.error.message).toMatch(/missing\.jpg.*sample 's0' frames.*cannot read frame image/);
  });
});
