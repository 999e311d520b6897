/**
 * Corruption cases through the command lines: the mutated inputs of
 * `targets.ts` given to `stkit gt` / `stkit qa` and a mutated predictions
 * file given to `stkit-bench evaluate`, judged as a user sees them.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { safeParseClip, safeParseSample } from '@stkit/core';
import { PROCESS_TIMEOUT_MS } from '@stkit/test-data';
type DatasetId = string;
import { createDemoClips } from '../../src/demo-scene';
import { generateQa } from '../../src/qa';
import { BENCH_CLI, hasStackTrace, runCli, STKIT_CLI, type CliRun } from './cli-run';
import { mutationsOf, type Mutation } from './mutations';
import { loadTargets, type Target } from './targets';

/** Exit codes a command may end with on bad input (docs/pages/errors.md). */
export const DOCUMENTED_EXIT_CODES = new Set([0, 2]);

/** Longest a command may take on bad input (the 10 s, or the CI process timeout when that is longer). */
export const HANG_LIMIT_MS = Math.max(10_000, PROCESS_TIMEOUT_MS);

/** One command-line case. */
export interface CliCase {
  id: string;
  /** The input is valid once read right (a BOM): the command must succeed. */
  expectSuccess?: boolean;
  /** Runs the command; returns the run and the output folder (when any). */
  run(): Promise<{ run: CliRun; out?: string }>;
}

/** How a command-line case ended. */
export type CliVerdict = { ok: true; outcome: string } | { ok: false; outcome: string; detail: string };

const DATASET_OF: Record<string, DatasetId> = {
  argoverse2: 'argoverse2',
  kitti: 'kitti',
  aria: 'aria',
  nuscenes: 'nuscenes',
  nuplan: 'nuplan',
  'waymo-motion': 'waymo-motion',
  waymo: 'waymo',
};

/** Mutations run through the CLI in CI (a representative subset; the campaign runs all). */
const CI_MUTATIONS = new Set(['truncate-50', 'bitflip-0', 'directory', 'dev-zero', 'bom', 'huge-number']);

function caseOf(target: Target, mutation: Mutation): CliCase {
  const dataset = DATASET_OF[target.name.split('/')[0]!];
  return {
    id: `${target.name} ${mutation.id}`,
    expectSuccess: mutation.sameResult === true || (mutation.family === 'bom' && target.bomIsSame === true),
    async run() {
      const { root, file } = await target.build(mutation);
      const out = join(await mkdtemp(join(tmpdir(), 'stkit-corruption-out-')), 'out');
      const args = target.cliArgs
        ? target.cliArgs(root, file, out)
        : dataset === undefined
          ? ['qa', '--clips', file, '--out', out, '--workers', '0']
          : ['gt', '--dataset', dataset, '--root', root, '--out', out, '--no-frames'];
      return { run: await runCli(STKIT_CLI, args, { timeoutMs: HANG_LIMIT_MS }), out };
    },
  };
}

/** Predictions cases: a valid predictions file for a generated benchmark, mutated. */
async function predictionCases(full: boolean): Promise<CliCase[]> {
  const dir = await mkdtemp(join(tmpdir(), 'stkit-corruption-bench-'));
  await generateQa({ clips: createDemoClips({ count: 1, seed: 21 }), outDir: dir, workers: 0 });
  const bench = join(dir, 'samples', 'part-00000.jsonl');
  const ids = (await readFile(bench, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { id: string }).id);
  const base = Buffer.from(
    ids.map((id) => JSON.stringify({ id, response: 'About 5 meters.', model: 'm' })).join('\n') + '\n',
  );
  const mutations = mutationsOf(base, { format: 'jsonl', seed: 7, bitflips: full ? 8 : 1 }).filter(
    (mutation) => full || CI_MUTATIONS.has(mutation.id) || mutation.id.startsWith('bitflip'),
  );
  return mutations.map((mutation) => ({
    id: `predictions.jsonl ${mutation.id}`,
    expectSuccess: mutation.sameResult === true,
    async run() {
      const caseDir = await mkdtemp(join(tmpdir(), 'stkit-corruption-pred-'));
      const file = join(caseDir, 'predictions.jsonl');
      const replacement = mutation.replacement;
      if (replacement.kind === 'bytes') await writeFile(file, replacement.bytes);
      else if (replacement.kind === 'directory') await (await import('node:fs/promises')).mkdir(file);
      else if (replacement.kind === 'device') await (await import('node:fs/promises')).symlink(replacement.path, file);
      else {
        await writeFile(file, base);
        await replacement.edit(file);
      }
      const out = join(caseDir, 'eval');
      return {
        run: await runCli(BENCH_CLI, ['evaluate', '--bench', bench, '--predictions', file, '--out', out], {
          timeoutMs: HANG_LIMIT_MS,
        }),
      };
    },
  }));
}

/** The command-line cases: all mutations of every target with `full`, else the CI subset. */
export async function cliCases(options: { full: boolean; only?: readonly string[] }): Promise<CliCase[]> {
  const cases: CliCase[] = [];
  for (const target of await loadTargets()) {
    if (options.only !== undefined && !options.only.some((part) => target.name.includes(part))) continue;
    if (
      target.cliArgs === undefined &&
      target.name !== 'clips.jsonl' &&
      DATASET_OF[target.name.split('/')[0]!] === undefined
    )
      continue;
    for (const mutation of [
      ...mutationsOf(target.base, {
        format: target.format,
        seed: 14,
        bitflips: options.full ? 4 : 1,
        flipRange: target.flipRange,
      }),
      ...(options.full ? (target.extraMutations?.() ?? []) : []),
    ]) {
      if (
        options.full ||
        CI_MUTATIONS.has(mutation.id) ||
        (mutation.family === 'bitflip' && mutation.id.startsWith('bitflip-0'))
      )
        cases.push(caseOf(target, mutation));
    }
  }
  if (options.only === undefined || options.only.some((part) => 'predictions.jsonl'.includes(part)))
    cases.push(...(await predictionCases(options.full)));
  return cases;
}

async function filesUnder(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true })).map((name) => join(dir, name));
  } catch {
    return [];
  }
}

/** Runs one case and judges it: documented exit code, one clear line, no stack, no hang, no partial or invalid output. */
export async function runCliCase(testCase: CliCase): Promise<CliVerdict> {
  const { run, out } = await testCase.run();
  if (run.hung) return { ok: false, outcome: 'hang', detail: `killed after ${HANG_LIMIT_MS} ms` };
  if (run.code === null || !DOCUMENTED_EXIT_CODES.has(run.code))
    return { ok: false, outcome: `exit-${run.code}`, detail: run.stderr.trim().split('\n').slice(-3).join(' | ') };
  if (testCase.expectSuccess && run.code !== 0)
    return {
      ok: false,
      outcome: 'wrong-result',
      detail: `exit ${run.code} on an input that is valid once read right: ${run.stderr.trim().split('\n').pop()}`,
    };
  if (hasStackTrace(run.stderr)) return { ok: false, outcome: 'stack-trace', detail: run.stderr.slice(0, 400) };
  if (run.code !== 0) {
    const errorLines = run.stderr.split('\n').filter((line) => /^stkit(-bench)? \w+: /.test(line));
    if (errorLines.length !== 1) return { ok: false, outcome: 'unclear-error', detail: run.stderr.slice(0, 400) };
  }
  if (out !== undefined) {
    const files = await filesUnder(out);
    if (files.some((file) => file.endsWith('.tmp')))
      return { ok: false, outcome: 'partial-output', detail: 'temporary files left' };
    const manifest = files.includes(join(out, 'manifest.json'));
    if (run.code !== 0 && manifest)
      return { ok: false, outcome: 'partial-output', detail: 'a manifest after a failed run' };
    for (const file of files.filter((name) => name.endsWith('.jsonl'))) {
      const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
      const parse = file.includes('/clips/') ? safeParseClip : safeParseSample;
      for (const [index, line] of lines.entries()) {
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          return { ok: false, outcome: 'invalid-output', detail: `${file}:${index + 1}: not JSON` };
        }
        if (!parse(value).success)
          return { ok: false, outcome: 'invalid-output', detail: `${file}:${index + 1}: schema-invalid` };
      }
    }
  }
  return { ok: true, outcome: `exit-${run.code}` };
}
