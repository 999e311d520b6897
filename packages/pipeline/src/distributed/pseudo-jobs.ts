/**
 * `pseudo` runs as jobs: one video per job, run by a worker holding a GPU
 * (`stkit worker --device …`). The job is the local `stkit pseudo` command
 * with the submitted arguments (input and output paths made absolute), so
 * its output folder is the one `stkit pseudo` writes, byte for byte: the
 * clips and samples shards, the filter reports and the manifest, each
 * written atomically by `generatePseudo`; a retried job rewrites the same bytes.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError, StkitError } from '@stkit/core';
import { packageVersions } from '../manifest';

/** Flags of `stkit pseudo` whose values are paths (made absolute at submission). */
const MODEL_FLAGS = [
  '--pointmap-model',
  '--pointmap-decoder',
  '--metric-depth-model',
  '--detector',
  '--tokenizer',
  '--sam-encoder',
  '--sam-decoder',
];
const PATH_FLAGS = new Set(['--video', '--frames', '--monst3r', '--metric-depth', '--gsam2', '--out', ...MODEL_FLAGS]);
/** Flags whose values are input folders or files (their listing enters the run's digest). */
const INPUT_FLAGS = ['--video', '--frames', '--monst3r', '--metric-depth', '--gsam2', ...MODEL_FLAGS];

/** Packages whose versions decide a `pseudo` run's bytes (as `generatePseudo` records them). */
export const PSEUDO_PACKAGES = [
  '@stkit/core',
  '@stkit/geometry',
  '@stkit/segment',
  '@stkit/filters',
  '@stkit/kinematics',
  '@stkit/templates',
  '@stkit/pipeline',
];

/** `stkit pseudo` arguments with every path flag's value absolute; `--out` is required and `--inspect` refused. */
export function normalisePseudoArgs(argv: readonly string[]): {
  argv: string[];
  outDir: string;
  inputs: Record<string, string>;
} {
  const out: string[] = [];
  const inputs: Record<string, string> = {};
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    if (flag === '--inspect')
      throw new InvalidArgumentError({
        argument: '--inspect',
        message: 'a queued run writes its output; run `stkit pseudo --inspect` locally',
      });
    if (!PATH_FLAGS.has(flag)) {
      out.push(arg);
      continue;
    }
    const value = inline ?? argv[++index];
    if (value === undefined || value.startsWith('--'))
      throw new InvalidArgumentError({ argument: flag, message: 'needs a path' });
    const path = resolve(value);
    out.push(flag, path);
    inputs[flag] = path;
  }
  const outDir = inputs['--out'];
  if (outDir === undefined) throw new InvalidArgumentError({ argument: '--out', message: 'is required' });
  return { argv: out, outDir, inputs };
}

/** Digest of a `pseudo` job: its arguments, package versions, and the names and sizes of its input files. */
export async function pseudoInputDigest(
  argv: readonly string[],
  inputs: Record<string, string>,
  versions: Record<string, string>,
): Promise<string> {
  const hash = createHash('sha1')
    .update(JSON.stringify({ command: 'pseudo', argv, versions }))
    .update('\n');
  for (const flag of INPUT_FLAGS) {
    const path = inputs[flag];
    if (path === undefined) continue;
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (error) {
      throw new InvalidArgumentError({
        argument: flag,
        value: path,
        message: `${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : 'cannot be read'}`,
        cause: error,
      });
    }
    if (info.isDirectory()) {
      for (const entry of (await readdir(path, { recursive: true, withFileTypes: true })).filter((entry) =>
        entry.isFile(),
      )) {
        const file = join(entry.parentPath, entry.name);
        hash.update(`${flag} ${file.slice(path.length)} ${(await stat(file)).size}\n`);
      }
    } else hash.update(`${flag} ${info.size}\n`);
  }
  return hash.digest('hex');
}

/** The versions a `pseudo` run records. */
export function pseudoVersions(): Record<string, string> {
  return packageVersions(PSEUDO_PACKAGES);
}

/**
 * The environment of a `pseudo` job on `device` (an entry of `stkit worker --device`): `cuda:N` shows the job's
 * process only GPU N (`CUDA_VISIBLE_DEVICES=N`, so `--device auto` or `cuda` runs on it, and two jobs on one
 * machine never share a GPU); `cpu` shows it none (`CUDA_VISIBLE_DEVICES=` so `auto` runs on the CPU).
 * @throws {@link InvalidArgumentError} for `--device`: not `cuda:N` or `cpu`
 */
export function pseudoDeviceEnvironment(device: string): { CUDA_VISIBLE_DEVICES: string } {
  const gpu = /^cuda:(\d+)$/.exec(device);
  if (gpu !== null) return { CUDA_VISIBLE_DEVICES: String(Number(gpu[1])) };
  if (device === 'cpu') return { CUDA_VISIBLE_DEVICES: '' };
  throw new InvalidArgumentError({
    argument: '--device',
    value: device,
    message: `expected cuda:N (a GPU, e.g. cuda:0) or cpu, got '${device}'`,
  });
}

/** The command that runs the stkit CLI of this installation: the built `cli.js`, or `cli.ts` through tsx in the sources. */
function stkitCommand(): string[] {
  const here = import.meta.url;
  if (here.endsWith('.ts'))
    return ['--conditions=@stkit/source', '--import', 'tsx', fileURLToPath(new URL('../cli.ts', here))];
  return [fileURLToPath(new URL('./cli.js', here))];
}

/**
 * Runs one `pseudo` job: the local command with the job's arguments, in a
 * process of its own that sees only the job's device (see
 * {@link pseudoDeviceEnvironment}; a process is the only way to give one job
 * one GPU). The process ends with its worker: a SIGKILLed worker leaves no
 * job running behind the one that takes over. A non-zero exit fails the job
 * (retried, then kept as the shard's error). Returns the samples written.
 */
export async function runPseudoJob(
  argv: readonly string[],
  outDir: string,
  device: string,
  signal?: AbortSignal,
): Promise<{ items: number; lines: number }> {
  const environment = pseudoDeviceEnvironment(device);
  const child = spawn(process.execPath, [...stkitCommand(), 'pseudo', ...argv], {
    env: { ...process.env, ...environment },
    // The IPC channel closes when this process dies, and the job's process then exits (see cli.ts).
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr = (stderr + text).slice(-64 * 1024);
  });
  const stop = (): void => {
    child.kill('SIGINT');
  };
  signal?.addEventListener('abort', stop, { once: true });
  let code: number | null;
  try {
    code = await new Promise<number | null>((resolvePromise, reject) => {
      child.once('error', reject);
      child.once('exit', (exitCode, exitSignal) => resolvePromise(exitSignal === null ? exitCode : null));
    });
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  if (code !== 0)
    throw new StkitError({
      message: `stkit pseudo exited with ${code ?? 'a signal'}: ${stderr.trim().split('\n').at(-1) ?? ''}`,
    });
  const manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')) as {
    counts?: { samples?: number };
  };
  return { items: 1, lines: manifest.counts?.samples ?? 0 };
}
