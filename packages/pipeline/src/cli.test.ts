import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = join(__dirname, 'cli.ts');

async function stkit(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--conditions=@stkit/source', '--import', 'tsx', cli, ...args], { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('stkit CLI', () => {
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
  });

  it('reports bad arguments and unreadable input with exit code 2', async () => {
    const missing = await stkit(['qa', '--out', '/tmp/x']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--clips/);
    const badSeed = await stkit(['qa', '--demo', '--out', '/tmp/x', '--seed', 'abc']);
    expect(badSeed.code).toBe(2);
    expect(badSeed.stderr).toMatch(/--seed.*'abc'/);
    const noFile = await stkit(['qa', '--clips', '/nonexistent.jsonl', '--out', await mkdtemp(join(tmpdir(), 'stkit-cli-'))]);
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
