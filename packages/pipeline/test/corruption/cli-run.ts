/**
 * Runs the `stkit` and `stkit-bench` command lines from their TypeScript
 * sources as child processes, asynchronously, with a hard timeout (SIGKILL),
 * and reports what a user sees: exit code, stdout, stderr, whether it hung.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
/** Root of the repository. */
export const REPO_ROOT = resolve(here, '../../../..');
/** Entry of `stkit` (sources). */
export const STKIT_CLI = join(REPO_ROOT, 'packages/pipeline/src/cli.ts');
/** Entry of `stkit-bench` (sources). */
export const BENCH_CLI = join(REPO_ROOT, 'packages/bench/src/cli.ts');

/** What one run of a command did. */
export interface CliRun {
  /** Exit code; `null` when it was killed. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the timeout killed it. */
  hung: boolean;
  ms: number;
}

/** Options of {@link runCli}. */
export interface RunCliOptions {
  timeoutMs: number;
  /** Bytes written to stdin (then closed); stdin is closed at once when absent. */
  input?: string | Uint8Array;
  env?: NodeJS.ProcessEnv;
  /** Kill with SIGKILL after this many ms (kill tests); the run is then not counted as hung. */
  killAfterMs?: number;
}

/** Runs `entry` (a CLI source file) with `args`; never rejects. */
export function runCli(entry: string, args: readonly string[], options: RunCliOptions): Promise<CliRun> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--conditions=@stkit/source', '--import', 'tsx', entry, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_NO_WARNINGS: undefined, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let hung = false;
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      if (stdout.length < 1 << 20) stdout += text;
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      if (stderr.length < 1 << 20) stderr += text;
    });
    child.stdin.on('error', () => {});
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    const killer =
      options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (killer !== undefined) clearTimeout(killer);
      done({ code, signal, stdout, stderr, hung, ms: performance.now() - started });
    });
  });
}

/** Lines of stderr that look like a stack trace (`    at f (file:1:2)`). */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+[:(].*\d+:\d+\)?$/m.test(text);
}
