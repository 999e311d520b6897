/**
 * Runs a model over a benchmark: each sample's frames and question go to an
 * OpenAI-compatible chat-completions server; each response is appended to
 * the predictions file as soon as it arrives, so an interrupted run resumes
 * where it stopped (samples already in the file are skipped; a torn last
 * line is discarded). Requests run with bounded concurrency; a sample that
 * still fails after its retries is reported and left out of the file (a rerun
 * retries it); an authentication or unknown-model error (HTTP 401/403/404)
 * stops the run.
 */
import type { Sample } from '@stkit/core';
import { BackendLoadError, InvalidArgumentError, RemoteCallError } from '@stkit/core';
import { createChatClient, isServerUnreachable, type ChatClient, type ChatClientSettings } from '../chat/chat-client';
import { openPredictionWriter, readPredictions, type PredictionLine } from '../io/predictions-file';
import { buildPromptMessages } from './prompt-messages';

/** Progress of a run, reported after every finished sample. */
export interface RunProgress {
  /** Samples to send in this run (not counting those already in the file). */
  readonly total: number;
  /** Finished in this run: written or failed. */
  readonly done: number;
  readonly failed: number;
  /** Milliseconds since the run started. */
  readonly elapsedMs: number;
}

/** Options of {@link runBench}. */
export interface RunBenchOptions extends ChatClientSettings {
  /** The benchmark samples. */
  readonly samples: readonly Sample[];
  /** Folder that relative frame paths resolve against (the benchmark file's folder). */
  readonly baseDir: string;
  /** Model name on the server. */
  readonly model: string;
  /** Predictions JSONL file; created, or resumed when it exists. */
  readonly out: string;
  /** Requests in flight at once. @default 4 */
  readonly concurrency?: number | undefined;
  /** Send at most this many frames per sample (uniformly subsampled). @default all */
  readonly maxFrames?: number | undefined;
  /** Only the first `limit` samples of the benchmark (those already answered are still skipped). @default all */
  readonly limit?: number | undefined;
  /** The blind, text-only baseline: questions without frames; lines carry `blind: true`. */
  readonly blind?: boolean | undefined;
  /** Frames per second decoded with ffmpeg from `sample.video` when a sample has no frames. @default 1 */
  readonly fps?: number | undefined;
  /** ffmpeg executable. @default 'ffmpeg' */
  readonly ffmpeg?: string | undefined;
  /** @default 0 */
  readonly temperature?: number | undefined;
  /** Sent as `max_tokens` when given. */
  readonly maxTokens?: number | undefined;
  /** Optional system message. */
  readonly systemPrompt?: string | undefined;
  /** Extra request body fields. */
  readonly extraBody?: Record<string, unknown> | undefined;
  /** Use this caller instead of building one from the settings. */
  readonly chat?: ChatClient | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: RunProgress) => void) | undefined;
  /** Non-fatal notices (samples without frames, a discarded torn line). */
  readonly onWarning?: ((message: string) => void) | undefined;
}

/** A sample that failed after its retries. */
export interface RunFailure {
  readonly id: string;
  readonly error: Error;
}

/** Result of {@link runBench}. */
export interface RunBenchResult {
  /** Samples in the benchmark (the first `limit` with a limit). */
  readonly total: number;
  /** Already in the predictions file before this run. */
  readonly skipped: number;
  /** Written in this run. */
  readonly completed: number;
  readonly failed: RunFailure[];
  /** Samples sent without any frame image. */
  readonly withoutFrames: number;
  /** Whether a torn last line was discarded on resume. */
  readonly discardedTornLine: boolean;
  /** Token usage summed over this run's responses (servers that report it). */
  readonly usage: { promptTokens: number; completionTokens: number; totalTokens: number };
  readonly elapsedMs: number;
}

const FATAL_STATUS = new Set([401, 403, 404]);

function checkRunOptions(options: RunBenchOptions): void {
  if (options.maxFrames !== undefined && (!Number.isInteger(options.maxFrames) || options.maxFrames < 1)) {
    throw new InvalidArgumentError({
      argument: 'maxFrames',
      value: options.maxFrames,
      message: 'must be a positive integer',
    });
  }
  if (options.limit !== undefined && (!Number.isInteger(options.limit) || options.limit < 0))
    throw new InvalidArgumentError({
      argument: 'limit',
      value: options.limit,
      message: 'must be a non-negative integer',
    });
  if (options.fps !== undefined && !(Number.isFinite(options.fps) && options.fps > 0))
    throw new InvalidArgumentError({ argument: 'fps', value: options.fps, message: 'must be a positive number' });
}

/** The samples a run sends: the first `limit`, less those already in the predictions file. */
function samplesToSend(options: RunBenchOptions, answered: ReadonlyMap<string, unknown>): Sample[] {
  return options.samples.slice(0, options.limit ?? options.samples.length).filter((sample) => !answered.has(sample.id));
}

function promptOptions(options: RunBenchOptions, sample: Sample) {
  return {
    sample,
    baseDir: options.baseDir,
    maxFrames: options.maxFrames,
    systemPrompt: options.systemPrompt,
    blind: options.blind,
    fps: options.fps,
    ffmpeg: options.ffmpeg,
    signal: options.signal,
  };
}

/** One request as a dry run prints it. */
export interface PlannedRequest {
  readonly id: string;
  /** The chat-completions body; data URLs shortened to `data:TYPE;base64,<N bytes>`. */
  readonly body: { model: string; messages: unknown; temperature: number; max_tokens?: number };
}

function shortenDataUrls(value: unknown): unknown {
  if (typeof value === 'string') {
    const match = /^data:([^;,]+);base64,(.*)$/s.exec(value);
    return match ? `data:${match[1]};base64,<${Buffer.byteLength(match[2]!, 'base64')} bytes>` : value;
  }
  if (Array.isArray(value)) return value.map(shortenDataUrls);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shortenDataUrls(item)]));
  return value;
}

/**
 * A dry run: the requests `runBench` would send with these options, in order,
 * without contacting the server or writing anything (the predictions file is
 * only read, to skip answered samples; videos are not decoded).
 */
export async function planRun(options: RunBenchOptions): Promise<PlannedRequest[]> {
  checkRunOptions(options);
  const existing =
    options.out === '' ? { predictions: new Map<string, PredictionLine>() } : await readPredictions(options.out);
  const planned: PlannedRequest[] = [];
  for (const sample of samplesToSend(options, existing.predictions)) {
    options.signal?.throwIfAborted();
    const prompt = await buildPromptMessages({ ...promptOptions(options, sample), videoPlaceholder: true });
    const body = {
      model: options.model,
      messages: shortenDataUrls(prompt.messages),
      temperature: options.temperature ?? 0,
      ...(options.maxTokens === undefined ? {} : { max_tokens: options.maxTokens }),
    };
    planned.push({ id: sample.id, body });
  }
  return planned;
}

/** Runs the model over `options.samples`; rejects with the abort reason when `signal` aborts (lines written so far stay). */
export async function runBench(options: RunBenchOptions): Promise<RunBenchResult> {
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new InvalidArgumentError({
      argument: 'concurrency',
      value: concurrency,
      message: 'must be a positive integer',
    });
  checkRunOptions(options);
  const chat = options.chat ?? createChatClient(options);
  const now = options._internal?.now ?? Date.now;
  const started = now();
  const existing = await readPredictions(options.out);
  if (existing.tornTail)
    options.onWarning?.(`${options.out}: discarded a torn last line (an interrupted write); its sample is sent again`);
  const todo = samplesToSend(options, existing.predictions);
  const withoutFrames = options.blind
    ? 0
    : todo.filter((sample) => (sample.frames ?? []).length === 0 && !sample.video).length;
  if (withoutFrames > 0)
    options.onWarning?.(`${withoutFrames} sample(s) have no frames; their questions are sent as text only`);
  const writer = await openPredictionWriter(options.out, existing.validBytes);
  const failed: RunFailure[] = [];
  const usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  let completed = 0;
  let next = 0;
  let fatal: unknown;

  const report = () =>
    options.onProgress?.({
      total: todo.length,
      done: completed + failed.length,
      failed: failed.length,
      elapsedMs: now() - started,
    });

  async function runOne(sample: Sample): Promise<void> {
    const prompt = await buildPromptMessages(promptOptions(options, sample));
    const result = await chat.complete({
      model: options.model,
      messages: prompt.messages,
      temperature: options.temperature,
      maxTokens: options.maxTokens,
      extraBody: options.extraBody,
      signal: options.signal,
    });
    const line: PredictionLine = {
      id: sample.id,
      response: result.text,
      task: sample.task,
      model: options.model,
      servedModel: result.model,
      frames: prompt.imageCount,
      latencyMs: Math.round(result.latencyMs),
      attempts: result.attempts,
      finishReason: result.finishReason,
      usage: result.usage,
      ...(options.blind ? { blind: true } : {}),
      ...(prompt.media === 'video' ? { media: 'video' } : {}),
    };
    await writer.append(line);
    if (result.usage) {
      usage.promptTokens += result.usage.promptTokens;
      usage.completionTokens += result.usage.completionTokens;
      usage.totalTokens += result.usage.totalTokens;
    }
    completed++;
  }

  async function worker(): Promise<void> {
    while (fatal === undefined && !options.signal?.aborted && next < todo.length) {
      const sample = todo[next++]!;
      try {
        await runOne(sample);
      } catch (error) {
        if (options.signal?.aborted) return;
        // A server that refused the first connections is not running: stop at once, not after retrying every sample.
        if (isServerUnreachable(error)) {
          fatal ??= error;
          return;
        }
        // A missing ffmpeg fails every video sample alike: stop, as for a wrong key.
        if (
          BackendLoadError.isInstance(error) ||
          (RemoteCallError.isInstance(error) && error.status !== undefined && FATAL_STATUS.has(error.status))
        ) {
          fatal ??= error;
          return;
        }
        failed.push({ id: sample.id, error: error as Error });
      }
      report();
    }
  }

  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(todo.length, 1)) }, worker));
  } finally {
    await writer.close();
  }
  if (options.signal?.aborted) throw options.signal.reason;
  if (fatal !== undefined) throw fatal;
  return {
    total: Math.min(options.limit ?? options.samples.length, options.samples.length),
    skipped: Math.min(options.limit ?? options.samples.length, options.samples.length) - todo.length,
    completed,
    failed,
    withoutFrames,
    discardedTornLine: existing.tornTail,
    usage,
    elapsedMs: now() - started,
  };
}
