import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROCESS_TIMEOUT_MS } from '@stkit/test-data';

const run = promisify(execFile);
const cli = join(__dirname, 'cli.ts');

async function stkit(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--conditions=@stkit/source', '--import', 'tsx', cli, ...args],
      { encoding: 'utf8', timeout: PROCESS_TIMEOUT_MS },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

// Every test here starts the CLI as a child process (three of them in the interrupt test).
describe('stkit CLI', { timeout: PROCESS_TIMEOUT_MS }, () => {
  it('runs qa on the demo scene and prints the per-task summary', async () => {
    const out = await mkdtemp(join(tmpdir(), 'stkit-cli-'));
    const result = await stkit(['qa', '--demo', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^task\s+samples\s+candidates/m);
    expect(result.stdout).toMatch(/^movement_direction_comparison\s+[1-9]/m);
    expect(result.stdout).toMatch(/1 clips → \d+ samples/);
    expect(result.stderr).toBe('');
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.command).toBe('qa');
    // The demo clip is written beside the output, and feeding it back gives the same samples.
    const again = await mkdtemp(join(tmpdir(), 'stkit-cli-'));
    expect((await stkit(['qa', '--clips', join(out, 'clips', 'demo.jsonl'), '--out', again])).code).toBe(0);
    expect(await readFile(join(again, 'samples', 'part-00000.jsonl'), 'utf8')).toBe(
      await readFile(join(out, 'samples', 'part-00000.jsonl'), 'utf8'),
    );
  });

  it('reports bad arguments and unreadable input with exit code 2', async () => {
    const missing = await stkit(['qa', '--out', '/tmp/x']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--clips/);
    const badSeed = await stkit(['qa', '--demo', '--out', '/tmp/x', '--seed', 'abc']);
    expect(badSeed.code).toBe(2);
    expect(badSeed.stderr).toMatch(/--seed.*'abc'/);
    const noFile = await stkit([
      'qa',
      '--clips',
      '/nonexistent.jsonl',
      '--out',
      await mkdtemp(join(tmpdir(), 'stkit-cli-')),
    ]);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/nonexistent\.jsonl: file not found/);
    const unknown = await stkit(['frobnicate']);
    expect(unknown.code).toBe(1);
  });

  it('skips invalid clip lines with file:line on stderr and exits 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stkit-cli-'));
    const file = join(dir, 'clips.jsonl');
    await writeFile(file, '{"id":"x","source":{"dataset":"d","log":"l"},"up":[0,0,1],"frames":[],"tracks":[]}\n');
    const result = await stkit(['qa', '--clips', file, '--out', join(dir, 'out')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/clips\.jsonl \(row 1, field 'frames'\)/);
    expect(result.stdout).toMatch(/0 clips → 0 samples \(1 invalid clips skipped\)/);
  });
});

describe('stkit qa interrupted with Ctrl-C', { timeout: 2 * PROCESS_TIMEOUT_MS }, () => {
  it('exits 130 between clips, leaves only complete shards, and a rerun gives the uninterrupted bytes', async () => {
    const { spawn } = await import('node:child_process');
    const { createDemoClips } = await import('./demo-scene');
    const { readdir: list, readFile: read } = await import('node:fs/promises');
    const dir = await mkdtemp(join(tmpdir(), 'stkit-sigint-'));
    const file = join(dir, 'clips.jsonl');
    await writeFile(
      file,
      createDemoClips({ count: 60, seed: 4 })
        .map((clip) => JSON.stringify(clip))
        .join('\n') + '\n',
    );
    const out = join(dir, 'out');
    const args = [
      '--conditions=@stkit/source',
      '--import',
      'tsx',
      cli,
      'qa',
      '--clips',
      file,
      '--out',
      out,
      '--shard-size',
      '2',
      '--workers',
      '0',
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // Interrupt once the first shard is complete.
    for (let attempt = 0; attempt < 600; attempt++) {
      const names = await list(join(out, 'samples')).catch(() => [] as string[]);
      if (names.includes('part-00000.jsonl')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const names = await list(join(out, 'samples'));
    const shards = names.filter((name) => name.endsWith('.jsonl'));
    if (code === 0) {
      // The run finished before the signal landed (a fast machine): nothing to check beyond completeness.
      expect(shards.length).toBe(30);
    } else {
      expect(code).toBe(130);
      expect(stderr).toMatch(/interrupted.*Rerun the same command to resume/s);
      expect(shards.length).toBeLessThan(30);
    }
    expect(names.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // Resume, and compare with an uninterrupted run.
    expect((await stkit(['qa', '--clips', file, '--out', out, '--shard-size', '2', '--workers', '0'])).code).toBe(0);
    const clean = join(dir, 'clean');
    expect((await stkit(['qa', '--clips', file, '--out', clean, '--shard-size', '2', '--workers', '0'])).code).toBe(0);
    for (const name of (await list(join(clean, 'samples'))).filter((entry) => entry.endsWith('.jsonl'))) {
      expect(await read(join(out, 'samples', name), 'utf8'), name).toBe(
        await read(join(clean, 'samples', name), 'utf8'),
      );
    }
    expect(await read(join(out, 'manifest.json'), 'utf8')).toBe(await read(join(clean, 'manifest.json'), 'utf8'));
  });
});
