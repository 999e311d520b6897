import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_START_TIMEOUT_MS } from '@stkit/test-data';
import { RemoteCallError } from '@stkit/core';
import { startChatServer, type ChatServer } from '../__fixtures__/chat-server';
import { frameUrl } from '../run/frame-images';
import { createChatClient, isServerUnreachable, redactSecrets, stripCredentials } from './chat-client';

let server: ChatServer;
let closedPort: number;
beforeAll(async () => {
  server = await startChatServer(() => 'ok');
  // A port that refuses connections: bound once, then released.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}, SERVER_START_TIMEOUT_MS);
afterAll(() => server.close(), SERVER_START_TIMEOUT_MS);

const messages = [{ role: 'user' as const, content: 'hi' }];

/** Collects process warnings while `body` runs. */
async function warningsDuring(body: () => Promise<void>): Promise<string[]> {
  const warnings: string[] = [];
  const onWarning = (warning: Error): void => void warnings.push(warning.name);
  process.on('warning', onWarning);
  try {
    await body();
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    process.off('warning', onWarning);
  }
  return warnings;
}

describe('chat client on hostile settings', () => {
  it('fails at once, without retries, when the server refuses connections before any answer', async () => {
    // A retry would wait an hour (and fail the test by its timeout): only failing at once passes.
    const chat = createChatClient({
      baseURL: `http://127.0.0.1:${closedPort}/v1`,
      maxRetries: 4,
      retryBaseMs: 3_600_000,
    });
    const error = await chat.complete({ model: 'm', messages }).catch((caught: unknown) => caught);
    expect(RemoteCallError.isInstance(error)).toBe(true);
    expect(isServerUnreachable(error)).toBe(true);
    expect((error as Error).message).toMatch(/cannot connect to the server.*ECONNREFUSED/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('keeps credentials of the base URL out of every message and sends them as a Basic header', async () => {
    const secret = 'hunter2-s3cret';
    const refused = createChatClient({ baseURL: `http://alice:${secret}@127.0.0.1:${closedPort}/v1`, maxRetries: 0 });
    expect(refused.endpoint).not.toContain(secret);
    const error = await refused.complete({ model: 'm', messages }).catch((caught: unknown) => caught);
    expect(String((error as Error).message)).not.toContain(secret);
    expect(String((error as RemoteCallError).endpoint)).not.toContain('alice');

    // A server that answers: the request goes through, authenticated by header.
    let headers: IncomingHttpHeaders | undefined;
    const http = createServer((request, response) => {
      headers = request.headers;
      request.resume();
      request.on('end', () => {
        response.writeHead(401, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: `bad key for http://alice:${secret}@host` } }));
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      const port = (http.address() as AddressInfo).port;
      const chat = createChatClient({ baseURL: `http://alice:${secret}@127.0.0.1:${port}/v1`, maxRetries: 0 });
      const rejected = await chat.complete({ model: 'm', messages }).catch((caught: unknown) => caught);
      expect((rejected as RemoteCallError).status).toBe(401);
      expect((rejected as Error).message).not.toContain(secret);
      expect(headers?.authorization).toBe(`Basic ${Buffer.from(`alice:${secret}`).toString('base64')}`);
    } finally {
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  });

  it('strips and redacts credentials in URLs and text', () => {
    expect(stripCredentials('http://u:p@h:1/v1')).toBe('http://h:1/v1');
    expect(stripCredentials('http://h/v1')).toBe('http://h/v1');
    expect(redactSecrets('GET https://u:pw@x.org/a failed; key pw-long', ['pw-long'])).toBe(
      'GET https://x.org/a failed; key ***',
    );
  });

  it('adds one listener per request to a shared signal and removes it (no MaxListenersExceededWarning)', async () => {
    const chat = createChatClient({ baseURL: server.baseURL, maxRetries: 0 });
    const controller = new AbortController();
    const warnings = await warningsDuring(async () => {
      // Four workers of eight requests each, as `stkit-bench run --concurrency 4` sends them.
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          for (let index = 0; index < 8; index++)
            await chat.complete({ model: 'm', messages, signal: controller.signal });
        }),
      );
    });
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  it('reads many frames over one signal without a MaxListenersExceededWarning', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stkit-frames-'));
    await writeFile(join(dir, 'f.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]));
    const controller = new AbortController();
    const warnings = await warningsDuring(async () => {
      await Promise.all(Array.from({ length: 40 }, () => frameUrl('f.jpg', dir, 's1', controller.signal)));
    });
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });
});
