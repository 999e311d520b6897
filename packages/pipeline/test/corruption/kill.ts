/**
 * Kill tests: a command is killed with SIGKILL at a random point, then run
 * again with the same arguments; its output must be byte-identical to an
 * uninterrupted run. `stkit-bench run` predictions are compared without
 * `latencyMs` (wall time of each request, different in every run).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '@stkit/core';
import { sharedDataPath } from '@stkit/test-data';
import { startChatServer, type ChatServer } from '../../../bench/src/__fixtures__/chat-server';
import { createDemoClips } from '../../src/demo-scene';
import { generateQa } from '../../src/qa';
import { BENCH_CLI, runCli, STKIT_CLI } from './cli-run';
import { HANG_LIMIT_MS } from './cli-cases';

/** The commands the kill tests interrupt. */
export const KILL_COMMANDS = ['stkit qa', 'stkit gt', 'stkit-bench run', 'stkit pseudo'] as const;
export type KillCommand = (typeof KILL_COMMANDS)[number];

/** A command's invocation for an output location. */
interface Setup {
  entry: string;
  args(out: string): string[];
  /** Digest of the output (file → sha256). */
  digest(out: string): Promise<Record<string, string>>;
  /** Wall time of an uninterrupted run, ms. */
  referenceMs: number;
  reference: Record<string, string>;
}

async function folderDigest(dir: string, skip?: RegExp): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    if (skip?.test(name)) continue;
    const path = join(dir, name);
    try {
      out[name] = createHash('sha256')
        .update(await readFile(path))
        .digest('hex');
    } catch {
      // a folder
    }
  }
  return out;
}

async function predictionsDigest(file: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return {};
  }
  const normalized = text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const { latencyMs: _, ...rest } = JSON.parse(line) as Record<string, unknown>;
      return JSON.stringify(rest);
    })
    .join('\n');
  return { 'predictions.jsonl (without latencyMs)': createHash('sha256').update(normalized).digest('hex') };
}

let server: ChatServer | undefined;
const setups = new Map<KillCommand, Promise<Setup>>();

async function measure(setup: Omit<Setup, 'referenceMs' | 'reference'>): Promise<Setup> {
  const out = join(await mkdtemp(join(tmpdir(), 'stkit-kill-ref-')), 'out');
  const run = await runCli(setup.entry, setup.args(out), { timeoutMs: HANG_LIMIT_MS * 6 });
  if (run.code !== 0) throw new Error(`reference run failed: ${run.stderr}`);
  return { ...setup, referenceMs: run.ms, reference: await setup.digest(out) };
}

async function createSetup(command: KillCommand, quick: boolean): Promise<Setup> {
  const input = await mkdtemp(join(tmpdir(), 'stkit-kill-in-'));
  if (command === 'stkit qa') {
    const file = join(input, 'clips.jsonl');
    await writeFile(
      file,
      `${createDemoClips({ count: 32, seed: 3 })
        .map((clip) => JSON.stringify(clip))
        .join('\n')}\n`,
    );
    return measure({
      entry: STKIT_CLI,
      args: (out) => ['qa', '--clips', file, '--out', out, '--shard-size', '4', '--workers', '0'],
      digest: folderDigest,
    });
  }
  if (command === 'stkit gt') {
    const root = sharedDataPath('argoverse2') ?? sharedDataPath('kitti');
    if (root === undefined) throw new Error('stkit gt kill test: shared data absent');
    return measure({
      entry: STKIT_CLI,
      args: (out) => [
        'gt',
        '--dataset',
        sharedDataPath('argoverse2') ? 'argoverse2' : 'kitti',
        '--root',
        root,
        '--out',
        out,
        '--shard-size',
        '1',
      ],
      digest: folderDigest,
    });
  }
  if (command === 'stkit pseudo') {
    // 44 frames at 2 fps (22 s): two clips, so a kill can land between them (`quick`, for CI: 16 frames, one clip).
    // Precomputed folders, no frames (no ffmpeg).
    const scene = join(input, 'scene');
    const { benchmarkScene } = await import('../../bench/pseudo-scenes/scene-spec');
    const { writeScene } = await import('../../bench/pseudo-scenes/write-scene');
    const spec = benchmarkScene(3, { frameCount: quick ? 16 : 44 });
    await writeScene({ ...spec, objects: spec.objects.filter((object) => [1, 6].includes(object.instanceId)) }, scene);
    return measure({
      entry: STKIT_CLI,
      args: (out) => [
        'pseudo',
        '--monst3r',
        join(scene, 'monst3r'),
        '--metric-depth',
        join(scene, 'metric3d'),
        '--gsam2',
        join(scene, 'gsam2'),
        '--out',
        out,
        '--log',
        'drive-3',
      ],
      // What a user reads: clips, samples, the filter report and the manifest. The resume bookkeeping under intermediate/
      // (another run's state by design) is not output.
      digest: (out) => folderDigest(out, /^intermediate(\/|$)/),
    });
  }
  const bench = join(input, 'bench');
  await generateQa({ clips: createDemoClips({ count: 2, seed: 4 }), outDir: bench, workers: 0 });
  // A deterministic model with a little latency, so a kill can land between answers.
  server ??= await startChatServer(async (request) => {
    await new Promise((resolve) => setTimeout(resolve, 15));
    return `About ${JSON.stringify(request).length % 17} meters.`;
  });
  const url = server.baseURL;
  return measure({
    entry: BENCH_CLI,
    args: (out) => [
      'run',
      '--bench',
      join(bench, 'samples', 'part-00000.jsonl'),
      '--model',
      'm',
      '--base-url',
      url,
      '--out',
      out,
      '--concurrency',
      '1',
    ],
    digest: predictionsDigest,
  });
}

/** Result of one kill trial. */
export interface KillTrial {
  identical: boolean;
  /** Whether the kill landed before the command finished (else it completed first). */
  killedMidRun: boolean;
  detail: string;
}

/** Kills `command` at a random point (seeded), resumes it, compares with the uninterrupted run (`quick`: the smaller `stkit pseudo` scene of CI). */
export async function runKillTrial(
  command: KillCommand,
  options: { seed: number; quick?: boolean },
): Promise<KillTrial> {
  let setup = setups.get(command);
  if (setup === undefined) {
    setup = createSetup(command, options.quick ?? false);
    setups.set(command, setup);
  }
  const ready = await setup;
  const out = join(await mkdtemp(join(tmpdir(), 'stkit-kill-')), 'out');
  // Process start-up is part of the reference time; kill anywhere between 30 % and 100 % of it.
  const killAfterMs = Math.round(ready.referenceMs * (0.3 + 0.7 * createRandom(`${command}:${options.seed}`).next()));
  const killed = await runCli(ready.entry, ready.args(out), { timeoutMs: HANG_LIMIT_MS * 6, killAfterMs });
  const killedMidRun = killed.signal === 'SIGKILL';
  const resumed = await runCli(ready.entry, ready.args(out), { timeoutMs: HANG_LIMIT_MS * 6 });
  if (resumed.code !== 0)
    return {
      identical: false,
      killedMidRun,
      detail: `resumed run failed (${resumed.code}): ${resumed.stderr.trim().split('\n').pop()}`,
    };
  const digest = await ready.digest(out);
  const identical = JSON.stringify(digest) === JSON.stringify(ready.reference);
  const differing = Object.keys({ ...digest, ...ready.reference }).filter(
    (name) => digest[name] !== ready.reference[name],
  );
  return {
    identical,
    killedMidRun,
    detail: identical
      ? `killed after ${killAfterMs} ms`
      : `killed after ${killAfterMs} ms; differs: ${differing.slice(0, 5).join(', ')}`,
  };
}

/** Stops the chat server of the `stkit-bench run` trials. */
export async function closeKillServers(): Promise<void> {
  await server?.close();
  server = undefined;
  setups.clear();
}
