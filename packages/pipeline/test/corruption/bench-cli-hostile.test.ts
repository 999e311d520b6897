/**
 * Hostile arguments given to `stkit-bench`: one line naming the flag or the
 * file, exit 2, no stack trace; `run` against a refusing server stops at once.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROCESS_TIMEOUT_MS } from '@stkit/test-data';
import { createDemoClips } from '../../src/demo-scene';
import { generateQa } from '../../src/qa';
import { BENCH_CLI, hasStackTrace, runCli, type CliRun } from './cli-run';

const bench = (args: string[]): Promise<CliRun> => runCli(BENCH_CLI, args, { timeoutMs: PROCESS_TIMEOUT_MS });

/** A benchmark file of real generated samples (the demo scene). */
async function benchFile(): Promise<{ dir: string; file: string; count: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'stkit-bench-hostile-'));
  await generateQa({ clips: createDemoClips({ count: 2, seed: 11 }), outDir: dir, workers: 0 });
  return { dir, file: join(dir, 'samples', 'part-00000.jsonl'), count: 0 };
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('stkit-bench on hostile arguments', { timeout: PROCESS_TIMEOUT_MS * 2 }, () => {
  it('prints its version', async () => {
    const run = await bench(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^stkit-bench \d+\.\d+\.\d+/);
  });

  it('a typo in a flag is one line naming the flag, exit 2', async () => {
    const { file } = await benchFile();
    const run = await bench(['build', '--samples', file, '--outt', 'x']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^stkit-bench build: Invalid argument '--outt': unknown flag; see stkit-bench build --help/,
    );
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it('evaluate with a missing predictions file is an error, not a score of 0 %', async () => {
    const { dir, file } = await benchFile();
    const run = await bench([
      'evaluate',
      '--bench',
      file,
      '--predictions',
      join(dir, 'missing.jsonl'),
      '--out',
      join(dir, 'eval'),
    ]);
    expect(run.code, run.stdout).toBe(2);
    expect(run.stderr).toMatch(/missing\.jsonl: predictions file not found/);
    expect(run.stdout).not.toMatch(/accuracy/);
  });

  it('run against a server that refuses connections stops at once with one line, credentials stripped', async () => {
    const { dir, file } = await benchFile();
    const port = await closedPort();
    const run = await bench([
      'run',
      '--bench',
      file,
      '--base-url',
      `http://bob:t0ps3cret@127.0.0.1:${port}/v1`,
      '--model',
      'm',
      '--out',
      join(dir, 'pred.jsonl'),
    ]);
    expect(run.hung).toBe(false);
    expect(run.code).not.toBe(0);
    expect(run.ms).toBeLessThan(PROCESS_TIMEOUT_MS);
    expect(run.stderr).toMatch(/cannot connect to the server/);
    expect(run.stderr).not.toContain('t0ps3cret');
    expect(run.stdout).not.toContain('t0ps3cret');
    expect(hasStackTrace(run.stderr)).toBe(false);
  });
});
