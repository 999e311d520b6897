// Benchmark of the scale-out commands on a real Redis server: `stkit submit` + N `stkit worker`s + `stkit status`
// against one `stkit qa` process on the same clips file, Redis commands per job, and the cost of a worker crash.
//
//   cd packages/pipeline && node --conditions=@stkit/source --import tsx bench/distributed-bench.ts \
//     [--clips 12000] [--tracks 10] [--shard-size 500] [--workers 1,2,4] [--lock-ms 5000] [--dir /tmp/stkit-distributed-bench]
//     [--skip qa,local0,local2,independent,crash] [--gt-dataset ID [--gt-root DIR] [--gt-shard-size 1]] [--from dist|source]
//
// With --gt-dataset, `stkit gt` (frames drawn) against `stkit submit gt` + N workers + `stkit status` on the same
// root, byte for byte. `--gt-dataset kitti` without --gt-root uses the shared data's KITTI log with a generated
// grey PNG on every 0.5 s grid frame (as the distributed test), so frames are drawn.
//
// Every stkit process runs the built CLI (`dist/cli.js`, as `npx stkit` does; `--from source`: the TypeScript
// sources through tsx, as the tests do).
// Steps: generate the clips (cached) → redis-server on a free port (no persistence) → `stkit qa --workers 0`
// (one thread) and `stkit qa` (default threads), timed as processes → for each N: FLUSHALL, `submit`, N workers
// with --exit-when-idle, `status`; wall time from submit to status, output compared byte for byte with the
// local run, `INFO commandstats` before/after the workers → commands per job → crash: 3 workers, one SIGKILLed
// right after its first shard and a replacement started; recovery = from the kill until the held shard is
// taken again (its `processedOn`), and the whole run's extra wall time.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { createDemoClips } from '../src/demo-scene';

const { values } = parseArgs({
  options: {
    clips: { type: 'string', default: '12000' },
    tracks: { type: 'string', default: '10' },
    'shard-size': { type: 'string', default: '500' },
    workers: { type: 'string', default: '1,2,4' },
    'lock-ms': { type: 'string', default: '5000' },
    dir: { type: 'string', default: '/tmp/stkit-distributed-bench' },
    skip: { type: 'string', default: '' },
    'gt-dataset': { type: 'string' },
    'gt-root': { type: 'string' },
    'gt-shard-size': { type: 'string', default: '1' },
    from: { type: 'string', default: 'dist' },
  },
});
const clipCount = Number(values.clips);
const tracks = Number(values.tracks);
const shardSize = values['shard-size']!;
const dir = values.dir!;
const lockMs = values['lock-ms']!;
const skip = new Set(values.skip!.split(',').filter(Boolean));
const clipsFile = join(dir, `clips-${clipCount}x${tracks}.jsonl`);
// `dist` (what `npx stkit` runs; build first: `npx turbo run build --filter=@stkit/pipeline...`) or `source` (tsx).
const fromSource = values.from === 'source';
if (!fromSource && values.from !== 'dist') throw new Error(`--from: dist or source, got ${values.from}`);
const cli = join(import.meta.dirname, '..', fromSource ? 'src/cli.ts' : 'dist/cli.js');
if (!existsSync(cli)) throw new Error(`${cli} is missing: build the package first, or pass --from source`);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

function stkit(args: string[]): { done: Promise<Run>; kill: () => void; stderr: () => string } {
  const started = performance.now();
  const node = fromSource ? ['--conditions=@stkit/source', '--import', 'tsx', cli] : [cli];
  const child = spawn(process.execPath, [...node, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (data) => (stdout += data));
  child.stderr.on('data', (data) => (stderr += data));
  const done = new Promise<Run>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr, seconds: (performance.now() - started) / 1000 })),
  );
  return { done, kill: () => child.kill('SIGKILL'), stderr: () => stderr };
}

async function must(run: Promise<Run>, what: string): Promise<Run> {
  const result = await run;
  if (result.code !== 0) throw new Error(`${what} failed (${result.code}): ${result.stderr}`);
  return result;
}

async function generate(): Promise<void> {
  if (existsSync(clipsFile)) return;
  await mkdir(dir, { recursive: true });
  const out = createWriteStream(`${clipsFile}.tmp`);
  for (let start = 0; start < clipCount; start += 500) {
    for (const clip of createDemoClips({
      count: Math.min(500, clipCount - start),
      seed: 1 + start,
      kind: { tracks },
    })) {
      clip.id = `synthetic-${String(start + Number(clip.id.slice(-5))).padStart(6, '0')}`;
      if (!out.write(`${JSON.stringify(clip)}\n`)) await new Promise((resolve) => out.once('drain', resolve));
    }
  }
  await new Promise((resolve) => out.end(resolve));
  await rename(`${clipsFile}.tmp`, clipsFile);
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

async function redisCli(port: number, ...args: string[]): Promise<string> {
  const child = spawn('/usr/bin/redis-cli', ['-p', String(port), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (data) => (out += data));
  await new Promise((resolve) => child.once('exit', resolve));
  return out;
}

/** Calls per command (`INFO commandstats`). */
async function commandCalls(port: number): Promise<Map<string, number>> {
  const text = await redisCli(port, 'INFO', 'commandstats');
  const calls = new Map<string, number>();
  for (const match of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(match[1]!, Number(match[2]));
  return calls;
}

/** Total and the five most frequent commands between two snapshots. */
function callDelta(before: Map<string, number>, after: Map<string, number>): { total: number; top: string } {
  const delta = [...after]
    .map(([name, calls]) => [name, calls - (before.get(name) ?? 0)] as const)
    .filter(([, calls]) => calls > 0);
  delta.sort((a, b) => b[1] - a[1]);
  return {
    total: delta.reduce((sum, [, calls]) => sum + calls, 0),
    top: delta
      .slice(0, 5)
      .map(([name, calls]) => `${name} ${calls}`)
      .join(', '),
  };
}

/** SHA-1 of every file of a folder tree (hidden ones too). */
async function digestTree(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(
      path.slice(root.length + 1),
      createHash('sha1')
        .update(await readFile(path))
        .digest('hex'),
    );
  }
  return files;
}

function sameTree(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([name, digest]) => b.get(name) === digest);
}

/** The shared KITTI log with a grey 1224×370 PNG on every 5th frame (the 0.5 s grid), under `dir/kitti-images`. */
async function kittiWithImages(): Promise<string> {
  const { sharedDataPath } = await import('@stkit/test-data');
  const root = join(dir, 'kitti-images');
  const training = join(root, 'tracking', 'training');
  const images = join(training, 'image_02', '0001');
  if (existsSync(join(images, '000445.png'))) return root;
  for (const part of ['label_02', 'oxts', 'calib']) {
    const source = sharedDataPath('kitti', 'tracking', 'training', part);
    if (source === undefined) throw new Error('the shared data (KITTI) is not there; give --gt-root');
    await cp(source, join(training, part), { recursive: true });
  }
  await mkdir(images, { recursive: true });
  const sharp = (await import('sharp')).default;
  const png = sharp({ create: { width: 1224, height: 370, channels: 3, background: { r: 90, g: 90, b: 90 } } }).png();
  for (let frame = 0; frame < 447; frame += 5)
    await png.clone().toFile(join(images, `${String(frame).padStart(6, '0')}.png`));
  return root;
}

if (!skip.has('qa')) await generate();
const port = await freePort();
const redisDir = join(dir, 'redis');
await mkdir(redisDir, { recursive: true });
const server = spawn(
  '/usr/bin/redis-server',
  ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', redisDir],
  { stdio: 'ignore' },
);
for (let tries = 0; (await redisCli(port, 'PING')).trim() !== 'PONG'; tries++) {
  if (tries > 100) throw new Error('redis-server did not start');
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const url = `redis://127.0.0.1:${port}`;
const rows: string[] = [];
const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
  rows.push(line);
};
log(
  `# ${clipCount} clips × ${tracks} tracks, shard size ${shardSize}, ${cpus().length} cores, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
try {
  if (!skip.has('qa')) await benchQa();
  if (values['gt-dataset'] !== undefined) await benchGt(values['gt-dataset']);
} finally {
  server.kill('SIGTERM');
}

async function benchQa(): Promise<void> {
  const localDir = join(dir, 'local');
  let local: Map<string, string> | undefined;
  let baseline = Number.NaN;
  for (const threads of ['0', '2']) {
    if (skip.has(`local${threads}`)) continue;
    await rm(localDir, { recursive: true, force: true });
    const run = await must(
      stkit(['qa', '--clips', clipsFile, '--out', localDir, '--shard-size', shardSize, '--workers', threads]).done,
      'stkit qa',
    );
    if (threads === '0') baseline = run.seconds;
    log(
      `local stkit qa --workers ${threads}: ${run.seconds.toFixed(2)} s (${(clipCount / run.seconds).toFixed(0)} clips/s)`,
    );
    local = await digestTree(localDir);
  }

  const distributed = async (workers: number, crash: boolean): Promise<void> => {
    const out = join(dir, `distributed-${workers}${crash ? '-crash' : ''}`);
    await rm(out, { recursive: true, force: true });
    await redisCli(port, 'FLUSHALL');
    await redisCli(port, 'CONFIG', 'RESETSTAT');
    const started = performance.now();
    const submit = await must(
      stkit(['submit', 'qa', '--clips', clipsFile, '--out', out, '--shard-size', shardSize, '--redis', url]).done,
      'submit',
    );
    const submitted = performance.now();
    const callsBefore = await commandCalls(port);
    const args = ['worker', '--redis', url, '--exit-when-idle', '--lock-ms', lockMs];
    const procs = Array.from({ length: workers }, () => stkit(args));
    let recovery = '';
    if (crash) {
      const victim = procs[0]!;
      while (!/^qa-\w+-\d+: /m.test(victim.stderr())) await new Promise((resolve) => setTimeout(resolve, 20));
      const queue = new Queue('stkit', { connection: { url } });
      const before = new Map((await queue.getActive()).map((job) => [job.id!, job.processedOn ?? 0]));
      victim.kill();
      const killed = Date.now();
      procs.push(stkit(args));
      // The victim's shard: active at the kill, then taken again (processedOn moves) once its lock expired.
      let retaken: number | undefined;
      while (retaken === undefined) {
        for (const [id, processedOn] of before) {
          const job = await queue.getJob(id);
          if (job !== undefined && job.stalledCounter > 0 && (job.processedOn ?? 0) > processedOn)
            retaken = job.processedOn!;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await queue.close();
      recovery = `; shard taken over ${((retaken - killed) / 1000).toFixed(2)} s after the SIGKILL (--lock-ms ${lockMs})`;
    }
    const results = await Promise.all(procs.map((proc) => proc.done));
    const workersDone = performance.now();
    const calls = callDelta(callsBefore, await commandCalls(port));
    const status = await stkit(['status', '--redis', url, '--out', out]).done;
    const seconds = (performance.now() - started) / 1000;
    const shards = Number(/in (\d+) shards/.exec(submit.stderr)?.[1]);
    const identical = local !== undefined && sameTree(local, await digestTree(out));
    const completeLine = status.stdout.split('\n').find((line) => line.startsWith('complete'));
    log(
      `${workers} worker${workers > 1 ? 's' : ''}${crash ? ' (one SIGKILLed and replaced)' : ''}: ${seconds.toFixed(2)} s submit→complete (submit ${((submitted - started) / 1000).toFixed(2)} s, workers ${((workersDone - submitted) / 1000).toFixed(2)} s), ` +
        `${(clipCount / seconds).toFixed(0)} clips/s, ${(baseline / seconds).toFixed(2)}× one local thread; ${shards} jobs, ${(calls.total / shards).toFixed(1)} Redis commands per job (${calls.top}); ` +
        `status '${completeLine}', exit codes ${results.map((result) => result.code).join(',')}, byte-identical to stkit qa: ${identical}${recovery}`,
    );
  };
  // The machine's ceiling for N processes: N independent `stkit qa --workers 0` on 1/N of the clips each (cut
  // at shard boundaries), started together, no queue; wall time until the last one ends.
  const independent = async (processes: number): Promise<void> => {
    const text = await readFile(clipsFile, 'utf8');
    const lines = text.split('\n').filter((line) => line !== '');
    const shards = Math.ceil(lines.length / Number(shardSize));
    const parts = Array.from({ length: processes }, (_, part) => {
      const from = Math.round((shards * part) / processes) * Number(shardSize);
      const to = Math.round((shards * (part + 1)) / processes) * Number(shardSize);
      return lines.slice(from, to);
    });
    const started = performance.now();
    const files = await Promise.all(
      parts.map(async (part, index) => {
        const file = join(dir, `part-${processes}-${index}.jsonl`);
        await writeFile(file, `${part.join('\n')}\n`);
        await rm(join(dir, `independent-${processes}-${index}`), { recursive: true, force: true });
        return file;
      }),
    );
    const began = performance.now();
    const runs = await Promise.all(
      files.map((file, index) =>
        must(
          stkit([
            'qa',
            '--clips',
            file,
            '--out',
            join(dir, `independent-${processes}-${index}`),
            '--shard-size',
            shardSize,
            '--workers',
            '0',
          ]).done,
          'stkit qa (part)',
        ),
      ),
    );
    const seconds = (performance.now() - began) / 1000;
    log(
      `${processes} independent stkit qa --workers 0 on 1/${processes} each (no queue; split ${((began - started) / 1000).toFixed(2)} s, not counted): ${seconds.toFixed(2)} s, ` +
        `${(baseline / seconds).toFixed(2)}× one local thread; slowest part ${Math.max(...runs.map((run) => run.seconds)).toFixed(2)} s`,
    );
  };
  for (const workers of values.workers!.split(',').map(Number)) {
    if (!skip.has('independent') && workers > 1) await independent(workers);
    await distributed(workers, false);
  }
  if (!skip.has('crash')) await distributed(3, true);
}

/** `stkit gt` (one process) against `submit gt` + N workers + `status` on the same root; output compared byte for byte. */
async function benchGt(dataset: string): Promise<void> {
  const root = values['gt-root'] ?? (dataset === 'kitti' ? await kittiWithImages() : undefined);
  if (root === undefined) throw new Error('--gt-dataset needs --gt-root (only kitti has a built-in root)');
  const flags = ['--dataset', dataset, '--root', root, '--shard-size', values['gt-shard-size']!, '--seed', '1'];
  const localDir = join(dir, 'gt-local');
  await rm(localDir, { recursive: true, force: true });
  const local = await must(stkit(['gt', ...flags, '--out', localDir]).done, 'stkit gt');
  const localTree = await digestTree(localDir);
  const frames = [...localTree.keys()].filter((name) => name.startsWith('frames/')).length;
  const clips = Number(/(\d+) clips →/.exec(local.stdout)?.[1]);
  log(`# gt: ${dataset} at ${root}, ${clips} clips, ${frames} frames drawn, shard size ${values['gt-shard-size']}`);
  log(`local stkit gt: ${local.seconds.toFixed(2)} s (${(clips / local.seconds).toFixed(2)} clips/s)`);
  for (const workers of values.workers!.split(',').map(Number)) {
    const out = join(dir, `gt-distributed-${workers}`);
    await rm(out, { recursive: true, force: true });
    await redisCli(port, 'FLUSHALL');
    await redisCli(port, 'CONFIG', 'RESETSTAT');
    const started = performance.now();
    const submit = await must(stkit(['submit', 'gt', ...flags, '--out', out, '--redis', url]).done, 'submit gt');
    const submitted = performance.now();
    const callsBefore = await commandCalls(port);
    const args = ['worker', '--redis', url, '--exit-when-idle', '--lock-ms', lockMs];
    const results = await Promise.all(Array.from({ length: workers }, () => stkit(args).done));
    const workersDone = performance.now();
    const calls = callDelta(callsBefore, await commandCalls(port));
    const status = await stkit(['status', '--redis', url, '--out', out]).done;
    const seconds = (performance.now() - started) / 1000;
    const shards = Number(/in (\d+) shards/.exec(submit.stderr)?.[1]);
    const identical = sameTree(localTree, await digestTree(out));
    log(
      `gt, ${workers} worker${workers > 1 ? 's' : ''}: ${seconds.toFixed(2)} s submit→complete (submit, reader included, ${((submitted - started) / 1000).toFixed(2)} s, workers ${((workersDone - submitted) / 1000).toFixed(2)} s), ` +
        `${(local.seconds / seconds).toFixed(2)}× the local run; ${shards} jobs, ${(calls.total / shards).toFixed(1)} Redis commands per job; ` +
        `status '${status.stdout.split('\n').find((line) => line.startsWith('complete'))}', exit codes ${results.map((result) => result.code).join(',')}, byte-identical to stkit gt: ${identical}`,
    );
  }
}
