/** `stkit-bench run`: a benchmark → a model on an OpenAI-compatible server → predictions JSONL. */
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readBench } from '../io/read-samples';
import { createProgressBar } from '../run/progress-bar';
import { planRun, runBench } from '../run/run-bench';
import { InvalidArgumentError } from '@stkit/core';
import { intFlag, numberFlag, required, type CliIo } from './cli-io';

export const runUsage = `Usage: stkit-bench run --bench bench.jsonl --model NAME --base-url URL --out predictions.jsonl [options]

Sends every sample's frames (image parts) and question to an OpenAI-compatible
chat-completions server and appends each response to the predictions file.
Rerunning with the same --out resumes: samples already answered are skipped.

Options:
  --bench FILE          Benchmark JSONL (frame paths resolve against its folder)
  --model NAME          Model name on the server
  --base-url URL        Server base URL, e.g. http://localhost:8000/v1
  --out FILE            Predictions JSONL (created or resumed)
  --api-key KEY         API key (default: $OPENAI_API_KEY, else "EMPTY")
  --frames N            Send at most N frames per sample, uniformly subsampled (default: all)
  --concurrency K       Requests in flight (default 4)
  --retries N           Retries per request on 429/5xx/timeouts (default 4)
  --timeout SECONDS     Timeout of one request (default 120)
  --max-tokens N        max_tokens of each request (default: server default)
  --temperature T       Sampling temperature (default 0)
  --system TEXT         A system message before each question
  --frames-root DIR     Folder relative frame paths start from (default: the benchmark's folder)
  --limit N             Only the first N samples of the benchmark
  --dry-run             Print the requests as they would be sent (image data shortened) and
                        stop: contacts no server, writes nothing
  --blind               Text-only baseline: the questions without frames (lines get "blind": true);
                        use its own --out and compare it in 'stkit-bench report'
  --fps F               Frames per second decoded with ffmpeg when a sample has a video and
                        no frames (default 1; needs the system ffmpeg)
  -h, --help            Show this help

Exit status: 0 all samples answered; 1 some failed after their retries (rerun to
retry them); 2 bad arguments or input; 130 interrupted (rerun to resume).
`;

/** Runs `run`; returns the exit code. */
export async function runRunCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      bench: { type: 'string' },
      model: { type: 'string' },
      'base-url': { type: 'string' },
      out: { type: 'string' },
      'api-key': { type: 'string' },
      frames: { type: 'string' },
      concurrency: { type: 'string' },
      retries: { type: 'string' },
      timeout: { type: 'string' },
      'max-tokens': { type: 'string' },
      temperature: { type: 'string' },
      system: { type: 'string' },
      'frames-root': { type: 'string' },
      limit: { type: 'string' },
      'dry-run': { type: 'boolean' },
      blind: { type: 'boolean' },
      fps: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(runUsage);
    return 0;
  }
  const bench = required(values.bench, 'bench');
  const model = required(values.model, 'model');
  const baseURL = required(values['base-url'], 'base-url');
  // A dry run needs no --out (with one, samples already answered there are skipped, as a run would).
  const out = values['dry-run'] && values.out === undefined ? '' : required(values.out, 'out');
  const timeoutSeconds = numberFlag(values.timeout, 'timeout');
  const fps = numberFlag(values.fps, 'fps');
  if (fps !== undefined && !(fps > 0))
    throw new InvalidArgumentError({ argument: '--fps', value: values.fps, message: 'must be a positive number' });
  const samples = await readBench(bench, io.signal);
  const common = {
    samples,
    baseDir: resolve(values['frames-root'] ?? dirname(resolve(bench))),
    model,
    out,
    maxFrames: intFlag(values.frames, 'frames', 1),
    limit: intFlag(values.limit, 'limit', 0),
    blind: values.blind === true,
    fps,
    maxTokens: intFlag(values['max-tokens'], 'max-tokens', 1),
    temperature: numberFlag(values.temperature, 'temperature'),
    systemPrompt: values.system,
    signal: io.signal,
  };
  if (values['dry-run']) {
    // Contacts nothing and writes nothing: one JSON request per line on stdout.
    const planned = await planRun({ ...common, baseURL });
    // Credentials in the URL (https://user:key@host/v1) are not printed; neither is the API key (a header).
    const shown = baseURL.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1***@').replace(/\/+$/, '');
    const url = `${shown}/chat/completions`;
    for (const request of planned) io.stdout.write(`${JSON.stringify({ id: request.id, url, body: request.body })}\n`);
    io.stderr.write(`dry run: ${planned.length} request(s) to ${shown}; nothing sent, nothing written\n`);
    return 0;
  }
  const progress = createProgressBar({ stream: io.stderr as NodeJS.WriteStream });
  try {
    const result = await runBench({
      ...common,
      baseURL,
      apiKey: values['api-key'] ?? (io.env ?? process.env).OPENAI_API_KEY,
      concurrency: intFlag(values.concurrency, 'concurrency', 1),
      maxRetries: intFlag(values.retries, 'retries', 0),
      timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
      onProgress: progress.onProgress,
      onWarning: (message) => io.stderr.write(`warning: ${message}\n`),
    });
    progress.done();
    for (const failure of result.failed.slice(0, 10))
      io.stderr.write(`failed ${failure.id}: ${failure.error.message}\n`);
    if (result.failed.length > 10) io.stderr.write(`… and ${result.failed.length - 10} more failures\n`);
    const tokens =
      result.usage.totalTokens > 0
        ? `, ${result.usage.promptTokens} prompt + ${result.usage.completionTokens} completion tokens`
        : '';
    io.stdout.write(
      `${result.completed} answered, ${result.skipped} already in ${out}, ${result.failed.length} failed (${(result.elapsedMs / 1000).toFixed(1)} s${tokens})\n`,
    );
    return result.failed.length > 0 ? 1 : 0;
  } catch (error) {
    progress.done();
    if (io.signal?.aborted) {
      io.stderr.write(`interrupted; answers so far are in ${out}; rerun the same command to resume\n`);
      return 130;
    }
    throw error;
  }
}
