/**
 * A real HTTP server on a loopback port speaking the chat-completions
 * protocol (POST /v1/chat/completions), for end-to-end tests. It answers with
 * `reply(body)` and misbehaves on demand: queued HTTP errors (429 with
 * `retry-after-ms`, 500, 401), or a delay before answering (for timeouts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A chat-completions request body as received. */
export interface ReceivedRequest {
  model: string;
  messages: { role: string; content: string | { type: string; text?: string; image_url?: { url: string } }[] }[];
  temperature?: number;
  max_tokens?: number;
  [key: string]: unknown;
}

/** Something the server does instead of answering normally, once. */
export type Misbehaviour = { status: number; retryAfterMs?: number } | { delayMs: number };

/** The running test server. */
export interface ChatServer {
  /** Base URL to give the client, e.g. `http://127.0.0.1:PORT/v1`. */
  readonly baseURL: string;
  /** Every request received, in order (including failed ones). */
  readonly requests: ReceivedRequest[];
  /** Queues misbehaviours for the next requests. */
  misbehave(...actions: Misbehaviour[]): void;
  /** Requests currently being handled (for concurrency checks). */
  readonly maxInFlight: number;
  /** Forgets the in-flight maximum seen so far. */
  resetMaxInFlight(): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/** Starts a server on 127.0.0.1, port 0. `reply` returns the assistant text for a request. */
export async function startChatServer(
  reply: (request: ReceivedRequest) => string | Promise<string>,
): Promise<ChatServer> {
  const requests: ReceivedRequest[] = [];
  const queue: Misbehaviour[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let counter = 0;
  const server = createServer(async (request, response) => {
    if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
      send(response, 404, { error: { message: `no route ${request.method} ${request.url}` } });
      return;
    }
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const body = JSON.parse(await readBody(request)) as ReceivedRequest;
      requests.push(body);
      const action = queue.shift();
      if (action && 'status' in action) {
        const headers: Record<string, string> =
          action.retryAfterMs !== undefined ? { 'retry-after-ms': String(action.retryAfterMs) } : {};
        send(response, action.status, { error: { message: `simulated ${action.status}`, type: 'test' } }, headers);
        return;
      }
      if (action && 'delayMs' in action) {
        // Wait, unless the client gives up first (a timed-out request is no longer in flight).
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, action.delayMs);
          response.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        if (response.destroyed || response.writableEnded) return;
      }
      const text = await reply(body);
      const promptTokens = JSON.stringify(body.messages).length >> 2;
      const completionTokens = Math.max(1, text.split(/\s+/).length);
      send(response, 200, {
        id: `chatcmpl-${++counter}`,
        object: 'chat.completion',
        created: 1_700_000_000,
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens,
          total_tokens: promptTokens + completionTokens,
        },
      });
    } catch (error) {
      send(response, 400, { error: { message: String(error) } });
    } finally {
      inFlight--;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    misbehave: (...actions) => queue.push(...actions),
    get maxInFlight() {
      return maxInFlight;
    },
    resetMaxInFlight: () => {
      maxInFlight = inFlight;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The text part of the last user message of a request. */
export function userText(request: ReceivedRequest): string {
  const last = request.messages[request.messages.length - 1]!;
  if (typeof last.content === 'string') return last.content;
  return last.content
    .filter((part) => part.type === 'text')
    .map((part) => part.text)
    .join('\n');
}
