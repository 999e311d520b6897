import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError, RemoteCallError } from '@stkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { REQUEST_TIMEOUT_MS } from '@stkit/test-data';
import { chatReply, startFakeServer, type FakeServer, type RecordedRequest } from '../../test/fake-openai-server';
import { GENERAL_FILTER_PROMPTS, type GeneralFilterPromptId } from './general-filter-prompts';
import { createVlmJudge } from './vlm-judge';

// A valid 1 × 1 PNG and the first bytes of a JPEG (SOI + APP0), enough for the MIME sniffing.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const png = Buffer.from(PNG_BASE64, 'base64');
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

const promptOf = (request: RecordedRequest): GeneralFilterPromptId =>
  (Object.keys(GENERAL_FILTER_PROMPTS) as GeneralFilterPromptId[]).find(
    (id) => GENERAL_FILTER_PROMPTS[id] === request.body.messages[0].content.at(-1).text,
  )!;

let server: FakeServer | undefined;
const directories: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});
function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'stkit-judge-'));
  directories.push(directory);
  return directory;
}
const noSleep = { sleep: async () => {}, random: () => 0.5 };

describe('createVlmJudge against a local chat-completions server', () => {
  it('sends the four verbatim prompts with every frame as an image part, and keeps four Yes', async () => {
    server = await startFakeServer(() => chatReply('Yes.'));
    const directory = temporaryDirectory();
    const jpegPath = join(directory, 'frame-1.jpg');
    writeFileSync(jpegPath, jpeg);
    const judge = createVlmJudge({ baseURL: server.baseURL, model: 'fake-vlm', apiKey: 'secret-key' });
    const result = await judge.judge({ frames: [png, jpegPath] });
    expect(result.keep).toBe(true);
    expect(result.failed).toEqual([]);
    expect(server.requests).toHaveLength(4);
    const expectedPrompts = Object.values(GENERAL_FILTER_PROMPTS);
    expect(server.requests.map((request) => request.body.messages[0].content[2].text).sort()).toEqual(
      [...expectedPrompts].sort(),
    );
    for (const request of server.requests) {
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/v1/chat/completions');
      expect(request.headers.authorization).toBe('Bearer secret-key');
      expect(request.body).toEqual({
        model: 'fake-vlm',
        temperature: 0,
        max_tokens: 32,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
              { type: 'image_url', image_url: { url: `data:image/jpeg;base64,${jpeg.toString('base64')}` } },
              { type: 'text', text: GENERAL_FILTER_PROMPTS[promptOf(request)] },
            ],
          },
        ],
      });
    }
  });

  it('parses markdown, free-form and refusal answers; anything but Yes rejects the scene', async () => {
    const answers: Record<GeneralFilterPromptId, string | null> = {
      occlusion: '**Yes.**',
      camera_movement: 'yes, the frames transition smoothly.',
      object_detection: 'No',
      object_tracking: "I'm sorry, but I can't help with that.",
    };
    server = await startFakeServer((request) => chatReply(answers[promptOf(request)]));
    const judge = createVlmJudge({ baseURL: server.baseURL, model: 'fake-vlm' });
    const result = await judge.judge({ frames: [png] });
    expect(result.keep).toBe(false);
    expect(result.failed).toEqual(['object_detection', 'object_tracking']);
    expect(Object.values(result.answers).map((answer) => answer.verdict)).toEqual(['yes', 'yes', 'no', 'unclear']);
    expect(result.answers.object_tracking.text).toBe(answers.object_tracking);
    expect(server.requests[0]!.headers.authorization).toBe('Bearer EMPTY');
  });

  it('retries 429 (honouring Retry-After) and 500 with backoff, then succeeds', async () => {
    server = await startFakeServer((_, index) =>
      index < 2
        ? { status: 429, headers: { 'retry-after': '1' }, body: { error: { message: 'slow down' } } }
        : index === 2
          ? { status: 500, body: { error: { message: 'boom' } } }
          : chatReply('Yes'),
    );
    const sleeps: number[] = [];
    const judge = createVlmJudge({
      baseURL: server.baseURL,
      model: 'fake-vlm',
      concurrency: 1,
      _internal: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
    });
    const result = await judge.judge({ frames: [png] });
    expect(result.keep).toBe(true);
    expect(server.requests).toHaveLength(7); // 3 failures + 4 prompts
    // Retry-After: 1 s twice; then the third retry backs off 500 ms · 2² · (0.5 + 0.5) = 2000 ms.
    expect(sleeps).toEqual([1000, 1000, 2000]);
  });

  it('gives up after maxRetries with a RemoteCallError that names the endpoint, never the key', async () => {
    server = await startFakeServer(() => ({ status: 503, body: { error: { message: 'overloaded' } } }));
    const judge = createVlmJudge({
      baseURL: server.baseURL,
      model: 'fake-vlm',
      apiKey: 'sk-very-secret',
      maxRetries: 2,
      concurrency: 1,
      stopAtFirstNo: true,
      _internal: noSleep,
    });
    const error = await judge.judge({ frames: [png] }).catch((caught: unknown) => caught);
    expect(RemoteCallError.isInstance(error)).toBe(true);
    expect((error as RemoteCallError).status).toBe(503);
    expect((error as RemoteCallError).retryable).toBe(true);
    expect((error as Error).message).toContain(server.baseURL);
    expect((error as Error).message).not.toContain('sk-very-secret');
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a 400', async () => {
    server = await startFakeServer(() => ({ status: 400, body: { error: { message: 'bad image' } } }));
    const judge = createVlmJudge({
      baseURL: server.baseURL,
      model: 'fake-vlm',
      concurrency: 1,
      stopAtFirstNo: true,
      _internal: noSleep,
    });
    const error = await judge.judge({ frames: [png] }).catch((caught: unknown) => caught);
    expect((error as RemoteCallError).status).toBe(400);
    expect((error as RemoteCallError).retryable).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it('retries malformed JSON and a response without choices', async () => {
    server = await startFakeServer((_, index) =>
      index === 0
        ? { body: '{"choices": [' }
        : index === 1
          ? { body: { object: 'chat.completion' } }
          : chatReply('Yes'),
    );
    const judge = createVlmJudge({ baseURL: server.baseURL, model: 'fake-vlm', concurrency: 1, _internal: noSleep });
    expect((await judge.judge({ frames: [png] })).keep).toBe(true);
    expect(server.requests).toHaveLength(6);
  });

  it('times out a slow answer and retries it', async () => {
    // The first answer never arrives (the server holds it until the test ends); the others are immediate.
    // The timeout is long enough that an immediate answer meets it on a saturated CI machine.
    server = await startFakeServer((_, index) =>
      index === 0 ? { ...chatReply('No'), delayMs: 3_600_000 } : chatReply('Yes'),
    );
    const judge = createVlmJudge({
      baseURL: server.baseURL,
      model: 'fake-vlm',
      concurrency: 1,
      timeoutMs: REQUEST_TIMEOUT_MS,
      _internal: noSleep,
    });
    const result = await judge.judge({ frames: [png] });
    expect(result.keep).toBe(true); // the slow "No" never arrived
    expect(server.requests).toHaveLength(5);
  });

  it('keeps at most `concurrency` requests in flight across judge calls, and passes URL frames through', async () => {
    server = await startFakeServer(() => ({ ...chatReply('Yes'), delayMs: 40 }));
    const judge = createVlmJudge({ baseURL: server.baseURL, model: 'fake-vlm', concurrency: 3 });
    const url = 'https://example.org/frame-0.jpg';
    const results = await Promise.all([
      judge.judge({ frames: [png] }),
      judge.judge({ frames: [url] }),
      judge.judge({ frames: [jpeg] }),
    ]);
    expect(results.every((result) => result.keep)).toBe(true);
    expect(server.requests).toHaveLength(12);
    expect(server.maxInFlight).toBe(3);
    expect(server.requests.some((request) => request.body.messages[0].content[0].image_url.url === url)).toBe(true);
  });

  it('stops at once when the AbortSignal fires', async () => {
    // The answer never arrives: only the abort can end the call (a hang fails the test by its timeout).
    server = await startFakeServer(() => ({ ...chatReply('Yes'), delayMs: 3_600_000 }));
    const judge = createVlmJudge({ baseURL: server.baseURL, model: 'fake-vlm', timeoutMs: 3_600_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user cancelled')), 100);
    await expect(judge.judge({ frames: [png], signal: controller.signal })).rejects.toThrow('user cancelled');
  });

  it('caches verdicts on disk by content so a rerun sends nothing', async () => {
    server = await startFakeServer((request) => chatReply(promptOf(request) === 'occlusion' ? 'No' : 'Yes'));
    const cacheDir = temporaryDirectory();
    const first = await createVlmJudge({ baseURL: server.baseURL, model: 'fake-vlm', cacheDir }).judge({
      frames: [png],
    });
    expect(server.requests).toHaveLength(4);
    const again = await createVlmJudge({ baseURL: server.baseURL, model: 'fake-vlm', cacheDir }).judge({
      frames: [png],
    });
    expect(server.requests).toHaveLength(4);
    expect(again.failed).toEqual(['occlusion']);
    expect(Object.values(again.answers).every((answer) => answer.cached)).toBe(true);
    expect(first.answers.occlusion.cached).toBe(false);
    const files = readdirSync(cacheDir, { recursive: true }).map(String);
    expect(files.filter((file) => file.endsWith('.json'))).toHaveLength(4);
    expect(files.filter((file) => file.endsWith('.tmp'))).toHaveLength(0);
    // Other frames or another model are other keys.
    await createVlmJudge({ baseURL: server.baseURL, model: 'fake-vlm', cacheDir }).judge({ frames: [png, png] });
    await createVlmJudge({ baseURL: server.baseURL, model: 'other-vlm', cacheDir }).judge({ frames: [png] });
    expect(server.requests).toHaveLength(12);
  });

  it('re-reads cached answer texts, so a verdict cached by an older parser does not stick', async () => {
    server = await startFakeServer(() => chatReply('Yes, there is no significant problem.'));
    const cacheDir = temporaryDirectory();
    await createVlmJudge({ baseURL: server.baseURL, model: 'fake-vlm', cacheDir }).judge({ frames: [png] });
    // Rewrite every cached verdict as an older parser stored it ('unclear' for "Yes, … no …").
    for (const file of readdirSync(cacheDir, { recursive: true })
      .map(String)
      .filter((name) => name.endsWith('.json'))) {
      const path = join(cacheDir, file);
      writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), verdict: 'unclear' }));
    }
    const again = await createVlmJudge({ baseURL: server.baseURL, model: 'fake-vlm', cacheDir }).judge({
      frames: [png],
    });
    expect(server.requests).toHaveLength(4); // nothing re-sent
    expect(again.keep).toBe(true);
    expect(again.failed).toEqual([]);
  });

  it('reads the endpoint from the environment and rejects a missing one', async () => {
    server = await startFakeServer(() => chatReply('Yes'));
    const saved = { ...process.env };
    try {
      process.env.STKIT_VLM_BASE_URL = server.baseURL;
      process.env.STKIT_VLM_MODEL = 'env-model';
      process.env.STKIT_VLM_API_KEY = 'env-key';
      await createVlmJudge({ stopAtFirstNo: true }).judge({ frames: [png] });
      expect(server.requests[0]!.body.model).toBe('env-model');
      expect(server.requests[0]!.headers.authorization).toBe('Bearer env-key');
      delete process.env.STKIT_VLM_BASE_URL;
      expect(() => createVlmJudge()).toThrow(InvalidArgumentError);
    } finally {
      process.env = saved;
    }
  });

  it('rejects frames that are not images', async () => {
    server = await startFakeServer(() => chatReply('Yes'));
    const judge = createVlmJudge({ baseURL: server.baseURL, model: 'fake-vlm' });
    await expect(judge.judge({ frames: [] })).rejects.toThrow(InvalidArgumentError);
    await expect(judge.judge({ frames: [Buffer.from('hello')] })).rejects.toThrow(/frames\[0\].*magic bytes/);
    await expect(judge.judge({ frames: ['/nonexistent/frame.jpg'] })).rejects.toThrow(/frame.jpg.*cannot read frame 0/);
    expect(server.requests).toHaveLength(0);
  });
});
