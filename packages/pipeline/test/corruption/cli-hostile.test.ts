/**
 * Hostile arguments and output folders given to `stkit`: one clear line on
 * stderr naming the flag or path, the documented exit code, no stack trace,
 * no hang.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROCESS_TIMEOUT_MS } from '@stkit/test-data';
import { createDemoClips } from '../../src/demo-scene';
import { hasStackTrace, runCli, STKIT_CLI, type CliRun } from './cli-run';

const stkit = (args: string[], input?: string): Promise<CliRun> =>
  runCli(STKIT_CLI, args, { timeoutMs: PROCESS_TIMEOUT_MS, input });

function expectOneLineError(run: CliRun, code: number, pattern: RegExp): void {
  expect(run.hung, 'hung').toBe(false);
  expect(run.code, run.stderr).toBe(code);
  expect(hasStackTrace(run.stderr), run.stderr).toBe(false);
  const lines = run.stderr.trim().split('\n');
  expect(lines[0]).toMatch(pattern);
}

async function clipsFile(): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'stkit-hostile-in-')), 'clips.jsonl');
  await writeFile(
    file,
    `${createDemoClips({ count: 1, seed: 3 })
      .map((clip) => JSON.stringify(clip))
      .join('\n')}\n`,
  );
  return file;
}

describe('stkit on hostile arguments', { timeout: PROCESS_TIMEOUT_MS * 2 }, () => {
  it('prints its version', async () => {
    const run = await stkit(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^stkit \d+\.\d+\.\d+/);
  });

  it('--out that is a file, under a file or in /proc: exit 2 naming --out, no hang', async () => {
    const input = await clipsFile();
    const dir = await mkdtemp(join(tmpdir(), 'stkit-hostile-out-'));
    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    const runs = await Promise.all([
      stkit(['qa', '--clips', input, '--out', file]),
      stkit(['qa', '--clips', input, '--out', join(file, 'sub')]),
      stkit(['qa', '--clips', input, '--out', '/proc/x']),
    ]);
    for (const run of runs) expectOneLineError(run, 2, /^stkit qa: Invalid argument '--out'/);
    expect(await readFile(file, 'utf8')).toBe('x');
  });

  it('a folder where an output file belongs: exit 74, one line naming the path', async () => {
    const input = await clipsFile();
    const out = await mkdtemp(join(tmpdir(), 'stkit-hostile-eisdir-'));
    await mkdir(join(out, 'samples', 'part-00000.jsonl'), { recursive: true });
    expectOneLineError(
      await stkit(['qa', '--clips', input, '--out', out, '--workers', '0']),
      74,
      /part-00000\.jsonl.*EISDIR/,
    );
  });

  it('--clips /dev/zero, a folder or a missing file: exit 2 naming the file; - reads stdin', async () => {
    const out = await mkdtemp(join(tmpdir(), 'stkit-hostile-clips-'));
    const [zero, folder, missing] = await Promise.all([
      stkit(['qa', '--clips', '/dev/zero', '--out', out]),
      stkit(['qa', '--clips', tmpdir(), '--out', out]),
      stkit(['qa', '--clips', join(out, 'missing.jsonl'), '--out', out]),
    ]);
    expectOneLineError(zero, 2, /\/dev\/zero: is not a regular file/);
    expectOneLineError(folder, 2, /is a folder/);
    expectOneLineError(missing, 2, /missing\.jsonl: file not found/);
    const stdin = await stkit(
      ['qa', '--clips', '-', '--out', out, '--workers', '0'],
      await readFile(await clipsFile(), 'utf8'),
    );
    expect(stdin.code, stdin.stderr).toBe(0);
  });

  it('flags are validated up front: exit 2 naming the flag, nothing written', async () => {
    const input = await clipsFile();
    const out = join(await mkdtemp(join(tmpdir(), 'stkit-hostile-flags-')), 'never');
    const runs = await Promise.all([
      stkit(['qa', '--clips', input, '--out', out, '--max-frames', '0']),
      stkit(['qa', '--clips', input, '--out', out, '--shard-size=-3']),
      stkit(['qa', '--clips', input, '--out', out, '--max-fames', '3']),
      stkit(['qa', '--clips', input, '--out']),
      stkit(['gt', '--dataset', 'kitti', '--root', tmpdir(), '--out', out, '--max-clips', '0']),
    ]);
    expectOneLineError(runs[0]!, 2, /'--max-frames': must be at least 1/);
    expectOneLineError(runs[1]!, 2, /'--shard-size': must be at least 1/);
    expectOneLineError(runs[2]!, 2, /'--max-fames': unknown flag/);
    expectOneLineError(runs[3]!, 2, /'--out'.*needs a value/);
    expectOneLineError(runs[4]!, 2, /'--max-clips': must be at least 1/);
    await expect(readFile(join(out, 'manifest.json'))).rejects.toThrow();
  });

  it('--workers 100000 is capped with a message, not an out-of-memory crash', async () => {
    const input = await clipsFile();
    const out = await mkdtemp(join(tmpdir(), 'stkit-hostile-workers-'));
    const run = await stkit(['qa', '--clips', input, '--out', out, '--workers', '100000']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/--workers 100000 capped at \d+/);
  });

  it('stkit gt on a root without logs is an error for every reader', async () => {
    const root = await mkdtemp(join(tmpdir(), 'stkit-hostile-empty-root-'));
    const out = await mkdtemp(join(tmpdir(), 'stkit-hostile-gt-out-'));
    const datasets = ['argoverse2', 'kitti', 'aria', 'nuplan', 'nuscenes'];
    const runs = await Promise.all(
      datasets.map((dataset) => stkit(['gt', '--dataset', dataset, '--root', root, '--out', join(out, dataset)])),
    );
    runs.forEach((run, index) => {
      expect(run.hung, datasets[index]).toBe(false);
      expect(run.code, `${datasets[index]}: ${run.stderr}`).toBe(2);
      expect(hasStackTrace(run.stderr)).toBe(false);
      expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1);
      expect(run.stderr).toMatch(/Invalid argument '(--root|version)'/);
    });
  });

  // `stkit pseudo` (landed while this suite was written): its hostile-argument cases.
  it('stkit pseudo: an unknown flag, missing or special input folders: exit 2, one line, no stack', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stkit-hostile-pseudo-'));
    const runs = await Promise.all([
      stkit(['pseudo', '--bogus']),
      stkit([
        'pseudo',
        '--frames',
        join(dir, 'none'),
        '--monst3r',
        join(dir, 'm'),
        '--metric-depth',
        join(dir, 'd'),
        '--gsam2',
        join(dir, 'g'),
        '--out',
        join(dir, 'o'),
      ]),
      stkit([
        'pseudo',
        '--frames',
        '/dev/zero',
        '--monst3r',
        '/dev/zero',
        '--metric-depth',
        dir,
        '--gsam2',
        dir,
        '--out',
        join(dir, 'o'),
      ]),
    ]);
    for (const run of runs) {
      expect(run.hung).toBe(false);
      expect(run.code, run.stderr).toBe(2);
      expect(hasStackTrace(run.stderr)).toBe(false);
      expect(run.stderr).toMatch(/^stkit pseudo: /m);
    }
    expect(runs[0]!.stderr).toContain('--bogus');
  });
});
