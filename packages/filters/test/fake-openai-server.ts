/**
 * A real HTTP server on 127.0.0.1:<random port> that speaks the OpenAI
 * chat-completions and completions protocols and misbehaves on demand, for
 * testing the VLM judge and the likelihood scorer end to end through the
 * official `openai` client.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}

/** What to answer to one request. */
export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  /** A JSON value (serialised) or a raw string (sent as is, e.g. malformed JSON). */
  body: unknown;
  /** Wait this long before answering, ms. */
  delayMs?: number;
}

/** A running fake server. */
export interface FakeServer {
  /** `http://127.0.0.1:<port>/v1` */
  baseURL: string;
  requests: RecordedRequest[];
  /** Most requests ever waiting for their reply at the same time. */
  readonly maxInFlight: number;
  close(): Promise<void>;
}

/** A chat-completions success body whose answer is `text`. */
export function chatReply(text: string | null, model = 'fake-vlm'): FakeReply {
  return {
    body: {
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: 0,
      model,
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: text } }],
      usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 },
    },
  };
}

/** Starts a server; `respond` decides each reply from the request and its 0-based index. */
export async function startFakeServer(
  respond: (request: RecordedRequest, index: number) => FakeReply,
): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const request: RecordedRequest = {
        method: incoming.method ?? '',
        path: incoming.url ?? '',
        headers: incoming.headers,
        body: raw ? JSON.parse(raw) : undefined,
      };
      const index = requests.push(request) - 1;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const reply = respond(request, index);
      const send = () => {
        timers.delete(timer);
        inFlight--;
        if (outgoing.destroyed) return;
        outgoing.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
        outgoing.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
      };
      const timer = setTimeout(send, reply.delayMs ?? 0);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
