// Scale-out on a real Redis server: each test file starts its own redis-server on a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HEAVY_PROCESS_TIMEOUT_MS,
  PROCESS_TIMEOUT_MS,
  SERVER_START_TIMEOUT_MS,
  hasSharedData,
  sharedDataPath,
} from '@stkit/test-data';
import { benchmarkScene } from '../../bench/pseudo-scenes/scene-spec';
import { writeScene } from '../../bench/pseudo-scenes/write-scene';
import { createDemoClips } from '../demo-scene';
import { generateQa } from '../qa';
import { formatStatus, runStatus } from './status';
import { submitQa } from './submit';

const REDIS_SERVER = '/usr/bin/redis-server';
const cli = join(__dirname, '..', 'cli.ts');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.setTimeout(1000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      resolve(data.toString().startsWith('+PONG'));
      socket.destroy();
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      resolve(false);
      socket.destroy();
    });
  });
}

/** Starts redis-server on a free port (no persistence, in a temporary folder); resolves when it answers PING. */
async function startRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'stkit-redis-'));
  const port = await freePort();
  const server = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  while (!(await ping(port))) {
    if (server.exitCode !== null || Date.now() > deadline)
      throw new Error(`redis-server did not start on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

interface Child {
  process: ChildProcess;
  stdout: string;
  stderr: string;
  exited: Promise<number | null>;
}

/** Starts the CLI (from sources) as a child process. */
/** A stkit CLI process, SIGKILLed after `timeoutMs` (a hung process must not outlive its test). */
function stkit(args: string[], timeoutMs = PROCESS_TIMEOUT_MS): Child {
  const child = spawn(process.execPath, ['--conditions=@stkit/source', '--import', 'tsx', cli, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const result: Child = {
    process: child,
    stdout: '',
    stderr: '',
    exited: undefined as unknown as Promise<number | null>,
  };
  child.stdout!.on('data', (data) => (result.stdout += data));
  child.stderr!.on('data', (data) => (result.stderr += data));
  result.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  void result.exited.then(() => clearTimeout(timer));
  return result;
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + PROCESS_TIMEOUT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every file of a folder tree (hidden ones too) → its bytes. */
async function tree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(dir.length + 1), await readFile(path, 'latin1'));
  }
  return files;
}

async function waitForStatus(
  out: string,
  condition: (status: Awaited<ReturnType<typeof runStatus>>) => boolean,
  timeoutMs = PROCESS_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition(await runStatus({ redis: redis.url, outDir: out }))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for the run in ${out}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let redis: Awaited<ReturnType<typeof startRedis>>;
let work: string;
let clipsFile: string;
const SEED = 7;
const SHARD_SIZE = 50;

beforeAll(async () => {
  redis = await startRedis();
  work = await mkdtemp(join(tmpdir(), 'stkit-distributed-'));
  // 600 clips with a blank line, a CRLF line and two invalid lines among them (they must land in the same shards, with the same line numbers).
  const lines = createDemoClips({ count: 600, seed: 3, kind: { tracks: 6 } }).map((clip) => JSON.stringify(clip));
  lines.splice(120, 0, '');
  lines[200] = `${lines[200]}\r`;
  lines.splice(310, 0, '{"id": "broken"');
  lines.splice(460, 0, '{"id": "no-frames", "source": {}}');
  clipsFile = join(work, 'clips.jsonl');
  await writeFile(clipsFile, `${lines.join('\n')}\n`);
}, SERVER_START_TIMEOUT_MS);

afterAll(async () => {
  await redis?.stop();
  if (work) await rm(work, { recursive: true, force: true });
}, SERVER_START_TIMEOUT_MS);

describe('stkit submit / worker / status on a real Redis server', { timeout: PROCESS_TIMEOUT_MS * 2 }, () => {
  it('three workers, one SIGKILLed mid-run and replaced, write the bytes of `stkit qa`, every sample once', async () => {
    const local = join(work, 'local');
    await generateQa({
      files: [clipsFile],
      outDir: local,
      seed: SEED,
      shardSize: SHARD_SIZE,
      workers: 0,
      inputs: { clips: ['clips.jsonl'] },
    });
    const out = join(work, 'distributed');
    const submitted = stkit([
      'submit',
      'qa',
      '--clips',
      clipsFile,
      '--out',
      out,
      '--seed',
      String(SEED),
      '--shard-size',
      String(SHARD_SIZE),
      '--redis',
      redis.url,
    ]);
    expect(await submitted.exited).toBe(0);
    const id = submitted.stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(submitted.stderr).toContain('602 clips in 13 shards; 13 jobs added');

    // Before any worker: in progress, no line starts with `complete`, exit code 3.
    const early = stkit(['status', '--redis', redis.url, '--out', out]);
    expect(await early.exited).toBe(3);
    expect(early.stdout).toContain('shards: 0/13 done, 0 failed, 0 in flight, 13 waiting');
    expect(early.stdout.split('\n').filter((line) => line.startsWith('complete'))).toEqual([]);

    const workerArgs = ['worker', '--redis', redis.url, '--exit-when-idle', '--lock-ms', '1500'];
    const workers = [stkit(workerArgs), stkit(workerArgs), stkit(workerArgs)];
    const victim = workers[0]!;
    // Killed right after its first shard: it holds the next one (BullMQ hands it over with the completion).
    await waitFor(() => /qa-\w+-\d+: \d+ clips/.test(victim.stderr), 'the first shard of worker 0');
    victim.process.kill('SIGKILL');
    expect(await victim.exited).toBe(null);
    const replacement = stkit(workerArgs);
    const codes = await Promise.all([workers[1]!.exited, workers[2]!.exited, replacement.exited]);
    expect(codes).toEqual([0, 0, 0]);
    const processed = [workers[0]!, workers[1]!, workers[2]!, replacement].map(
      (worker) => (worker.stderr.match(/^qa-\w+-\d+: /gm) ?? []).length,
    );
    expect(processed.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(13);

    const status = stkit(['status', '--redis', redis.url, '--out', out]);
    expect(await status.exited).toBe(0);
    const lines = status.stdout.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('complete'))).toEqual(['complete']);
    expect(lines.at(-1)).toBe('complete');
    expect(status.stdout).toContain('shards: 13/13 done, 0 failed, 0 in flight, 0 waiting');

    const expected = await tree(local);
    const actual = await tree(out);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, bytes] of expected) expect(actual.get(name) === bytes, name).toBe(true);
    expect([...actual.keys()].filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // Every sample exactly once.
    const ids: string[] = [];
    for (const [name, bytes] of actual)
      if (name.startsWith('samples/part-'))
        for (const line of bytes.split('\n').filter(Boolean)) ids.push((JSON.parse(line) as { id: string }).id);
    const manifest = JSON.parse(actual.get('manifest.json')!) as {
      counts: { samples: number; clips: number; invalidClips: number };
    };
    expect(ids.length).toBe(manifest.counts.samples);
    expect(new Set(ids).size).toBe(ids.length);
    expect(manifest.counts.clips).toBe(600);
    expect(manifest.counts.invalidClips).toBe(2);

    // Resubmitting the same run adds nothing and keeps its id.
    const again = stkit([
      'submit',
      'qa',
      '--clips',
      clipsFile,
      '--out',
      out,
      '--seed',
      String(SEED),
      '--shard-size',
      String(SHARD_SIZE),
      '--redis',
      redis.url,
    ]);
    expect(await again.exited).toBe(0);
    expect(again.stdout.trim()).toBe(id);
    expect(again.stderr).toContain('already submitted, nothing added');
    const afterResubmit = await runStatus({ redis: redis.url, outDir: out });
    expect(afterResubmit.complete).toBe(true);
    expect(afterResubmit.waiting + afterResubmit.inFlight).toBe(0);
  });

  it('a poison shard fails after its retries with its error kept and does not block the run', async () => {
    const input = join(work, 'poison.jsonl');
    const text = await readFile(clipsFile, 'utf8');
    await writeFile(input, text);
    const out = join(work, 'poison');
    const submitted = await submitQa({
      redis: redis.url,
      files: [input],
      outDir: out,
      seed: SEED,
      shardSize: 100,
      attempts: 2,
      backoffMs: 50,
    });
    expect(submitted).toMatchObject({ shards: 7, items: 602, added: 7 });
    // The input of shard 2 changes after submission (same length, so other shards keep their bytes): that shard can never be written.
    const changed = text.replace('"synthetic-00250"', '"synthetic-X0250"');
    expect(changed.length).toBe(text.length);
    await writeFile(input, changed);

    const worker = stkit([
      'worker',
      '--redis',
      redis.url,
      '--exit-when-idle',
      '--concurrency',
      '2',
      '--lock-ms',
      '1500',
    ]);
    expect(await worker.exited).toBe(0);
    expect(worker.stderr).toMatch(/attempt 1 failed, will retry: the input of shard 2 changed since it was submitted/);
    expect(worker.stdout).toContain('6 jobs done, 1 failed');

    const status = await runStatus({ redis: redis.url, outDir: out });
    const printed = formatStatus(status).trimEnd().split('\n');
    expect(printed.filter((line) => line.startsWith('complete'))).toEqual(['complete with 1 failed shards']);
    expect(printed.at(-1)).toMatch(
      /^ {2}part-00002\.jsonl \(shard 2, 2 attempts\): the input of shard 2 changed since it was submitted/,
    );
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as {
      counts: { shards: number; clips: number };
      failedShards: { index: number; error: string }[];
    };
    expect(manifest.counts.shards).toBe(6);
    expect(manifest.failedShards.map((shard) => shard.index)).toEqual([2]);
    expect(existsSync(join(out, 'samples', 'part-00002.jsonl'))).toBe(false);
    expect(existsSync(join(out, 'samples', 'part-00003.jsonl'))).toBe(true);
    // The CLI's exit code of a run complete with failures.
    const cliStatus = stkit(['status', '--redis', redis.url, '--out', out]);
    expect(await cliStatus.exited, cliStatus.stdout + cliStatus.stderr).toBe(4);
  });

  // Rendering the synthetic scene (MonST3R, Metric3D and Grounded-SAM-2 folders) is the slow part.
  it(
    'pseudo: one video per job on a worker with --device, killed mid-job and replaced, writes the bytes of `stkit pseudo`',
    { timeout: HEAVY_PROCESS_TIMEOUT_MS * 2 },
    async () => {
      const scene = join(work, 'scene');
      await writeScene(benchmarkScene(1, { frameCount: 16 }), scene);
      const flags = [
        '--monst3r',
        join(scene, 'monst3r'),
        '--metric-depth',
        join(scene, 'metric3d'),
        '--gsam2',
        join(scene, 'gsam2'),
        '--seed',
        '3',
      ];
      const local = join(work, 'pseudo-local');
      const localRun = stkit(['pseudo', ...flags, '--out', local], HEAVY_PROCESS_TIMEOUT_MS);
      const out = join(work, 'pseudo-distributed');
      const submitted = stkit(
        ['submit', 'pseudo', ...flags, '--out', out, '--redis', redis.url],
        HEAVY_PROCESS_TIMEOUT_MS,
      );
      expect(await submitted.exited, submitted.stderr).toBe(0);
      expect(submitted.stderr).toContain('1 job added');
      // A worker without a device takes no pseudo job.
      const cpuOnly = stkit(['worker', '--redis', redis.url, '--exit-when-idle'], HEAVY_PROCESS_TIMEOUT_MS);
      expect(await cpuOnly.exited).toBe(0);
      expect(cpuOnly.stdout).toBe('worker: 0 jobs done, 0 failed\n');
      const bad = stkit(
        ['worker', '--redis', redis.url, '--device', 'gpu0', '--exit-when-idle'],
        HEAVY_PROCESS_TIMEOUT_MS,
      );
      expect(await bad.exited).toBe(2);
      expect(bad.stderr).toContain("expected cuda:N (a GPU, e.g. cuda:0) or cpu, got 'gpu0'");
      const workerArgs = [
        'worker',
        '--redis',
        redis.url,
        '--device',
        'cuda:3',
        '--exit-when-idle',
        '--lock-ms',
        '1500',
      ];
      const victim = stkit(workerArgs, HEAVY_PROCESS_TIMEOUT_MS);
      await waitForStatus(out, (status) => status.inFlight === 1, HEAVY_PROCESS_TIMEOUT_MS);
      // The job runs in a process of its own that sees only the worker's device (read from the kernel's view).
      let job: { pid: number; environment: string[] } | undefined;
      const seen = Date.now() + PROCESS_TIMEOUT_MS;
      while (job === undefined) {
        if (Date.now() > seen) throw new Error('no process runs the pseudo job');
        job = (await pseudoJobProcesses(out))[0];
        if (job === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(job.environment).toContain('CUDA_VISIBLE_DEVICES=3');
      victim.process.kill('SIGKILL');
      await victim.exited;
      // A killed worker's job process ends with it: nothing keeps writing beside the replacement.
      const gone = Date.now() + PROCESS_TIMEOUT_MS;
      while ((await pseudoJobProcesses(out)).length > 0) {
        if (Date.now() > gone) throw new Error('the killed worker left its job process running');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const replacement = stkit(workerArgs, HEAVY_PROCESS_TIMEOUT_MS);
      expect(await replacement.exited, replacement.stderr).toBe(0);
      expect(replacement.stderr).toMatch(/^pseudo-\w+-0 on cuda:3: 1 video → \d+ samples/m);
      expect(await localRun.exited, localRun.stderr).toBe(0);
      const status = stkit(['status', '--redis', redis.url, '--out', out], HEAVY_PROCESS_TIMEOUT_MS);
      expect(await status.exited, status.stdout).toBe(0);
      expect(
        status.stdout
          .trimEnd()
          .split('\n')
          .filter((line) => line.startsWith('complete')),
      ).toEqual(['complete']);
      const expected = await tree(local);
      const actual = await tree(out);
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [name, bytes] of expected) expect(actual.get(name) === bytes, name).toBe(true);
      expect(JSON.parse(actual.get('manifest.json')!).counts.samples).toBeGreaterThan(0);
    },
  );

  // The real KITTI tracking log of the shared data, with a generated grey PNG on every 0.5 s grid frame, so gt draws frames.
  it.skipIf(!hasSharedData)(
    'gt: three workers, one SIGKILLed mid-shard and replaced, write the bytes of `stkit gt` (clips, samples, frames, manifest)',
    { timeout: HEAVY_PROCESS_TIMEOUT_MS * 2 },
    async () => {
      const sharp = (await import('sharp')).default;
      const root = join(work, 'kitti');
      const training = join(root, 'tracking', 'training');
      for (const part of ['label_02', 'oxts', 'calib'])
        await cp(sharedDataPath('kitti', 'tracking', 'training', part)!, join(training, part), { recursive: true });
      const images = join(training, 'image_02', '0001');
      await mkdir(images, { recursive: true });
      const png = sharp({
        create: { width: 1224, height: 370, channels: 3, background: { r: 90, g: 90, b: 90 } },
      }).png();
      for (let frame = 0; frame < 447; frame += 5)
        await png.clone().toFile(join(images, `${String(frame).padStart(6, '0')}.png`));
      const flags = ['--dataset', 'kitti', '--root', root, '--seed', String(SEED), '--shard-size', '1'];

      const local = join(work, 'gt-local');
      const localRun = stkit(['gt', ...flags, '--out', local], HEAVY_PROCESS_TIMEOUT_MS);
      expect(await localRun.exited, localRun.stderr).toBe(0);

      const out = join(work, 'gt-distributed');
      // An older run's leftovers in the folder: a frame no sample of this run names and a killed writer's temporary file.
      await mkdir(join(out, 'frames', 'old-clip', 'abc'), { recursive: true });
      await writeFile(join(out, 'frames', 'old-clip', 'abc', '0.jpg'), 'an older run');
      await mkdir(join(out, 'samples'), { recursive: true });
      await writeFile(join(out, 'samples', '.part-00000.jsonl.77.1.tmp'), 'half a shard');
      const submitted = stkit(['submit', 'gt', ...flags, '--out', out, '--redis', redis.url], HEAVY_PROCESS_TIMEOUT_MS);
      expect(await submitted.exited, submitted.stderr).toBe(0);
      expect(submitted.stderr).toContain('3 clips in 3 shards; 3 jobs added');
      const id = submitted.stdout.trim();
      // The reader's output is written at submission: the clips shards of `stkit gt`.
      for (const name of ['part-00000.jsonl', 'part-00001.jsonl', 'part-00002.jsonl'])
        expect(await readFile(join(out, 'clips', name), 'utf8')).toBe(
          await readFile(join(local, 'clips', name), 'utf8'),
        );

      const workerArgs = ['worker', '--redis', redis.url, '--exit-when-idle', '--lock-ms', '1500'];
      const victim = stkit(workerArgs, HEAVY_PROCESS_TIMEOUT_MS);
      // The victim holds a shard (drawing its frames) when the two others start; then it is killed mid-shard.
      await waitForStatus(out, (status) => status.inFlight === 1, HEAVY_PROCESS_TIMEOUT_MS);
      const others = [stkit(workerArgs, HEAVY_PROCESS_TIMEOUT_MS), stkit(workerArgs, HEAVY_PROCESS_TIMEOUT_MS)];
      await new Promise((resolve) => setTimeout(resolve, 500));
      victim.process.kill('SIGKILL');
      expect(await victim.exited).toBe(null);
      expect(victim.stderr).not.toMatch(/^gt-\w+-\d+: /m);
      const replacement = stkit(workerArgs, HEAVY_PROCESS_TIMEOUT_MS);
      const codes = await Promise.all([others[0]!.exited, others[1]!.exited, replacement.exited]);
      expect(codes, others.map((worker) => worker.stderr).join('\n')).toEqual([0, 0, 0]);
      const processed = [...others, replacement].flatMap(
        (worker) => worker.stderr.match(/^gt-\w+-\d+(?=: 1 clips)/gm) ?? [],
      );
      expect(new Set(processed)).toEqual(new Set([0, 1, 2].map((index) => `gt-${id}-${index}`)));

      const status = stkit(['status', '--redis', redis.url, '--out', out], HEAVY_PROCESS_TIMEOUT_MS);
      expect(await status.exited, status.stdout + status.stderr).toBe(0);
      expect(
        status.stdout
          .trimEnd()
          .split('\n')
          .filter((line) => line.startsWith('complete')),
      ).toEqual(['complete']);
      expect(status.stdout).toContain('shards: 3/3 done, 0 failed, 0 in flight, 0 waiting');

      const expected = await tree(local);
      const actual = await tree(out);
      expect([...expected.keys()].filter((name) => name.startsWith('frames/')).length).toBeGreaterThan(100);
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [name, bytes] of expected) expect(actual.get(name) === bytes, name).toBe(true);
      // Every sample exactly once, each frame named by exactly one sample, every frame on disk named.
      const ids: string[] = [];
      const frames: string[] = [];
      for (const [name, bytes] of actual)
        if (name.startsWith('samples/part-'))
          for (const line of bytes.split('\n').filter(Boolean)) {
            const sample = JSON.parse(line) as { id: string; frames?: string[] };
            ids.push(sample.id);
            frames.push(...(sample.frames ?? []));
          }
      const manifest = JSON.parse(actual.get('manifest.json')!) as { counts: { samples: number; clips: number } };
      expect(manifest.counts.clips).toBe(3);
      expect(ids.length).toBe(manifest.counts.samples);
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(frames).size).toBe(frames.length);
      expect([...actual.keys()].filter((name) => name.startsWith('frames/')).sort()).toEqual([...frames].sort());

      // Resubmitting the same run adds nothing and keeps its id.
      const again = stkit(['submit', 'gt', ...flags, '--out', out, '--redis', redis.url], HEAVY_PROCESS_TIMEOUT_MS);
      expect(await again.exited, again.stderr).toBe(0);
      expect(again.stdout.trim()).toBe(id);
      expect(again.stderr).toContain('already submitted, nothing added');
    },
  );

  it.skipIf(!hasSharedData)(
    'gt: a shard whose clips changed after submission fails after its retries; status lists it and removes its files',
    async () => {
      const out = join(work, 'gt-poison');
      const submitted = stkit([
        'submit',
        'gt',
        '--dataset',
        'argoverse2',
        '--root',
        sharedDataPath('argoverse2')!,
        '--out',
        out,
        '--shard-size',
        '1',
        '--no-frames',
        '--attempts',
        '2',
        '--backoff-ms',
        '50',
        '--redis',
        redis.url,
      ]);
      expect(await submitted.exited, submitted.stderr).toBe(0);
      expect(submitted.stderr).toContain('2 clips in 2 shards; 2 jobs added');
      // Shard 1's clips change on disk after submission: that shard can never be written.
      const clips = join(out, 'clips', 'part-00001.jsonl');
      await writeFile(clips, (await readFile(clips, 'utf8')).replace('"id":"', '"id":"X'));
      const worker = stkit(['worker', '--redis', redis.url, '--exit-when-idle', '--lock-ms', '1500']);
      expect(await worker.exited, worker.stderr).toBe(0);
      expect(worker.stdout).toContain('1 jobs done, 1 failed');
      const status = await runStatus({ redis: redis.url, outDir: out });
      const printed = formatStatus(status).trimEnd().split('\n');
      expect(printed.filter((line) => line.startsWith('complete'))).toEqual(['complete with 1 failed shards']);
      expect(printed.at(-1)).toMatch(
        /^ {2}part-00001\.jsonl \(shard 1, 2 attempts\): the clips of shard 1 .* changed since the run was submitted/,
      );
      const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as {
        counts: { shards: number; clips: number };
        failedShards: { index: number }[];
      };
      expect(manifest.counts).toMatchObject({ shards: 1, clips: 1 });
      expect(manifest.failedShards.map((shard) => shard.index)).toEqual([1]);
      expect((await readdir(join(out, 'clips'))).filter((name) => name.endsWith('.jsonl'))).toEqual([
        'part-00000.jsonl',
      ]);
      expect((await readdir(join(out, 'samples'))).filter((name) => name.endsWith('.jsonl'))).toEqual([
        'part-00000.jsonl',
      ]);
    },
  );

  it('a worker started with --exit-when-idle on an empty queue exits; bad arguments are typed errors', async () => {
    const idle = stkit(['worker', '--redis', redis.url, '--exit-when-idle']);
    const noRedis = stkit(['status', '--out', work]);
    const unknownRun = stkit(['status', '--redis', redis.url, '--out', join(work, 'never-submitted')]);
    const badUrl = stkit(['worker', '--redis', 'http://localhost:1']);
    const noServer = stkit([
      'submit',
      'qa',
      '--clips',
      clipsFile,
      '--out',
      join(work, 'nowhere'),
      '--redis',
      `redis://127.0.0.1:${await freePort()}`,
    ]);
    const gt = stkit(['submit', 'gt', '--redis', redis.url]);
    const missingInput = stkit([
      'submit',
      'qa',
      '--clips',
      join(work, 'missing.jsonl'),
      '--out',
      join(work, 'nowhere'),
      '--redis',
      redis.url,
    ]);
    expect(await idle.exited).toBe(0);
    expect(idle.stdout).toBe('worker: 0 jobs done, 0 failed\n');
    expect(await noRedis.exited).toBe(2);
    expect(noRedis.stderr).toContain('--redis');
    expect(await unknownRun.exited).toBe(2);
    expect(unknownRun.stderr).toContain('no run was submitted into this folder');
    expect(await badUrl.exited).toBe(2);
    expect(badUrl.stderr).toContain('redis://');
    expect(await noServer.exited).toBe(2);
    expect(noServer.stderr).toMatch(/cannot reach the Redis server at redis:\/\/127\.0\.0\.1:\d+/);
    expect(await gt.exited).toBe(2);
    expect(gt.stderr).toContain("stkit submit: Invalid argument '--dataset': is required");
    expect(await missingInput.exited).toBe(2);
    expect(missingInput.stderr).toContain('missing.jsonl');
    expect(missingInput.stderr).toContain('file not found');
  });
});

/** The live processes running `stkit pseudo … --out OUT` (a worker's job processes), with their environment. */
async function pseudoJobProcesses(out: string): Promise<{ pid: number; environment: string[] }[]> {
  const found: { pid: number; environment: string[] }[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).split('\0');
      const at = argv.indexOf('pseudo');
      if (at < 0 || !argv.slice(at).includes(out) || argv.includes('submit')) continue;
      const status = await readFile(`/proc/${entry}/status`, 'utf8');
      if (/^State:\s+Z/m.test(status)) continue;
      found.push({ pid: Number(entry), environment: (await readFile(`/proc/${entry}/environ`, 'utf8')).split('\0') });
    } catch {
      // The process ended while being read.
    }
  }
  return found;
}
