/**
 * A loopback OpenAI-compatible server (127.0.0.1, port 0) standing in for the
 * two model servers of [definitions §4](docs/pages/definitions.md#filtering), so the smoke test runs stages 2 and 3 over
 * real HTTP through the real clients of `@stkit/filters`:
 *
 * - `POST /v1/chat/completions` (the VLM judge): answers "Yes." only when the
 *   message carries exactly `expectedImages` image parts that are JPEGs of
 *   `expectedSize` (the judge frames with the visual prompt), else "No." — a
 *   wiring fault then drops the scene and fails the smoke test;
 * - `POST /v1/completions` with `echo` (the likelihood scorer): echoes the
 *   prompt as whitespace-led word tokens with deterministic log-probabilities
 *   (a hash of the token), the first one `null` as vLLM does, plus one
 *   generated token.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

/** What the server saw. */
export interface LoopbackStats {
  chatRequests: number;
  imagesSeen: number;
  badImages: number;
  completionRequests: number;
}

/** Options of {@link startLoopbackModelServer}. */
export interface LoopbackModelServerOptions {
  readonly expectedImages: number;
  readonly expectedSize: { readonly width: number; readonly height: number };
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function tokenLogprob(token: string): number {
  let hash = 0;
  for (let i = 0; i < token.length; i++) hash = (hash * 31 + token.charCodeAt(i)) % 1009;
  return -(hash % 40) / 10;
}

/** Starts the server; `close()` stops it. */
export async function startLoopbackModelServer(
  options: LoopbackModelServerOptions,
): Promise<{ baseURL: string; stats: LoopbackStats; close(): Promise<void> }> {
  const stats: LoopbackStats = { chatRequests: 0, imagesSeen: 0, badImages: 0, completionRequests: 0 };
  const reply = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const server = createServer((request, response) => {
    readBody(request)
      .then(async (body) => {
        const json = body as {
          model: string;
          prompt?: string;
          messages?: { content: { type: string; image_url?: { url: string } }[] }[];
        };
        if (request.url === '/v1/chat/completions') {
          stats.chatRequests++;
          const images = (json.messages?.[0]?.content ?? []).filter((part) => part.type === 'image_url');
          let good = images.length === options.expectedImages;
          for (const part of images) {
            stats.imagesSeen++;
            const match = /^data:image\/jpeg;base64,(.*)$/.exec(part.image_url?.url ?? '');
            const meta = match
              ? await sharp(Buffer.from(match[1]!, 'base64'))
                  .metadata()
                  .catch(() => undefined)
              : undefined;
            const ok =
              meta?.format === 'jpeg' &&
              meta.width === options.expectedSize.width &&
              meta.height === options.expectedSize.height;
            if (!ok) stats.badImages++;
            good &&= ok;
          }
          return reply(response, 200, {
            id: 'chat',
            object: 'chat.completion',
            created: 0,
            model: json.model,
            choices: [
              { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: good ? 'Yes.' : 'No.' } },
            ],
          });
        }
        if (request.url === '/v1/completions' && typeof json.prompt === 'string') {
          stats.completionRequests++;
          const tokens = json.prompt.match(/\s*\S+/g) ?? [];
          const offsets: number[] = [];
          let offset = 0;
          for (const token of tokens) {
            offsets.push(offset);
            offset += token.length;
          }
          const logprobs = {
            tokens: [...tokens, ' .'],
            token_logprobs: [...tokens.map((token, i) => (i === 0 ? null : tokenLogprob(token))), -1],
            text_offset: [...offsets, offset],
            top_logprobs: null,
          };
          return reply(response, 200, {
            id: 'cmpl',
            object: 'text_completion',
            created: 0,
            model: json.model,
            choices: [{ index: 0, text: `${json.prompt} .`, finish_reason: 'length', logprobs }],
            usage: { prompt_tokens: tokens.length, completion_tokens: 1, total_tokens: tokens.length + 1 },
          });
        }
        reply(response, 404, { error: { message: `no route ${request.url}` } });
      })
      .catch((error: unknown) => reply(response, 400, { error: { message: (error as Error).message } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    stats,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
