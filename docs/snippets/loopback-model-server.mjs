// A stand-in for a video language model: an OpenAI-compatible
// chat-completions server on 127.0.0.1 that reads each question and answers in
// free text, the way a model does, without ever seeing a label. It guesses
// from the words of the question alone (a "blind" baseline), so its score is
// what a model that ignores the video would get.
//
//   node docs/snippets/loopback-model-server.mjs PORT_FILE
// listens on a free port and writes the base URL to PORT_FILE.
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';

/** A free-text answer to one question, as a model would phrase it. */
function answer(question, index) {
  const colors = [
    ...question.matchAll(/\b(red|green|blue|yellow|purple|orange|cyan|magenta|white|black|pink|brown|gray|grey)\b/gi),
  ].map((match) => match[1].toLowerCase());
  const times = [...question.matchAll(/(\d+\.\d{2})\s*s/g)].map((match) => Number(match[1]));
  const last = times.length > 0 ? Math.max(...times) : 10;
  const lower = question.toLowerCase();
  if (/same direction|different direction/.test(lower)) return index % 2 === 0 ? 'Yes, they do.' : 'No, they do not.';
  if (/farther|further|less distance|faster|slower|shorter/.test(lower)) {
    const color = colors[colors.length - 1 - (index % 2)] ?? colors[0] ?? 'red';
    return `The object in the ${color} bounding box.`;
  }
  if (/when|during which|time interval|timestamp/.test(lower)) {
    const start = Math.round(last * 0.25 * 2) / 2;
    return `It moves in that direction from ${start.toFixed(2)}s to ${(last * 0.75).toFixed(2)}s.`;
  }
  if (/o'clock|direction|heading|moving toward/.test(lower))
    return `It is moving toward the ${(index % 12) + 1} o'clock direction.`;
  if (/speed|fast/.test(lower)) return `The object travels at about ${(4 + (index % 7)).toFixed(2)} meters per second.`;
  return `The object travels approximately ${(8 + 3 * (index % 9)).toFixed(2)} meters.`;
}

let requests = 0;
const server = createServer((request, response) => {
  if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
    return;
  }
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    const { model, messages } = JSON.parse(body);
    const content = messages.at(-1).content;
    const question =
      typeof content === 'string'
        ? content
        : content
            .filter((part) => part.type === 'text')
            .map((part) => part.text)
            .join('\n');
    const text = answer(question, requests++);
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: `chatcmpl-${requests}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: text } }],
        usage: {
          prompt_tokens: question.length,
          completion_tokens: text.length,
          total_tokens: question.length + text.length,
        },
      }),
    );
  });
});
server.listen(0, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${server.address().port}/v1`;
  if (process.argv[2]) writeFileSync(process.argv[2], url);
  console.log(`loopback model server on ${url}`);
});
// Stops by itself after 10 minutes of work at most, so a forgotten server does not linger.
setTimeout(() => server.close(), 600_000).unref();
process.on('SIGTERM', () => server.close(() => process.exit(0)));
