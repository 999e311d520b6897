/** `stkit-bench build`: sample JSONL files/folders → a balanced benchmark plus statistics. */
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '@stkit/core/node';
import { readSamples } from '../io/read-samples';
import { computeStats, statsMarkdown, statsSvg } from '../build/bench-stats';
import { buildBench } from '../build/build-bench';
import { defaultFramesRoot, rebaseFrames } from '../build/rebase-frames';
import { PAPER_MIX, parseMix } from '../build/source-mix';
import { intFlag, numberListFlag, required, type CliIo } from './cli-io';

export const buildUsage = `Usage: stkit-bench build --samples DIR|FILE [--samples …] --out bench.jsonl [options]

Picks a label-balanced benchmark from Sample JSONL files (folders are searched
recursively for *.jsonl). Invalid lines are reported with file:line and skipped.

Options:
  --samples PATH        Sample JSONL file or folder (repeatable; positional paths work too)
  --out FILE            Benchmark JSONL to write (statistics go beside it:
                        FILE.stats.md, FILE.stats.svg, FILE.stats.json)
  --per-task N          Samples per task (default 200)
  --mix SPEC            Source mix, e.g. nuplan=0.748,nuscenes=0.125,argoverse2=0.056,aria=0.071,
                        or "paper" for exactly that; datasets not named are not used (default: no constraint)
  --seed N              Random seed (default 0)
  --distance-bins LIST  Lower edges of the distance histogram in metres (default 0,5,10,20,40,80)
  --speed-bins LIST     Lower edges of the speed histogram in m/s (default 0,1,2.5,5,10,15)
  --frames-root DIR     Folder the samples' relative frame paths start from (default: for
                        OUT/samples/*.jsonl of the stkit pipeline, OUT; else each file's folder).
                        Frame paths are rewritten relative to the benchmark's folder.
  -h, --help            Show this help
`;

function statsPrefix(out: string): string {
  return out.replace(/\.jsonl$/i, '');
}

/** Runs `build`; returns the exit code. */
export async function runBuildCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      samples: { type: 'string', multiple: true },
      out: { type: 'string' },
      'per-task': { type: 'string' },
      mix: { type: 'string' },
      seed: { type: 'string' },
      'distance-bins': { type: 'string' },
      'speed-bins': { type: 'string' },
      'frames-root': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(buildUsage);
    return 0;
  }
  const paths = required([...(values.samples ?? []), ...positionals], 'samples');
  const out = required(values.out, 'out');
  const perTask = intFlag(values['per-task'], 'per-task', 1) ?? 200;
  const seed = intFlag(values.seed, 'seed', 0) ?? 0;
  const mix = values.mix === undefined ? undefined : values.mix === 'paper' ? { ...PAPER_MIX } : parseMix(values.mix);
  const bins = {
    distance: numberListFlag(values['distance-bins'], 'distance-bins'),
    speed: numberListFlag(values['speed-bins'], 'speed-bins'),
  };

  const read = await readSamples({ paths, signal: io.signal });
  for (const invalid of read.invalid.slice(0, 20)) io.stderr.write(`skipped ${invalid.error.message}\n`);
  if (read.invalid.length > 20) io.stderr.write(`… and ${read.invalid.length - 20} more invalid line(s)\n`);
  if (read.duplicateIds.length > 0)
    io.stderr.write(`skipped ${read.duplicateIds.length} repeated sample id(s), e.g. '${read.duplicateIds[0]}'\n`);
  const benchDir = dirname(resolve(out));
  const framesRoot = values['frames-root'];
  const pool = read.samples.map((sample, index) =>
    rebaseFrames(sample, framesRoot ?? defaultFramesRoot(read.sampleFiles[index]!), benchDir),
  );
  const result = buildBench({ samples: pool, perTask, mix, seed, bins });
  const before = computeStats(pool, bins);
  const after = computeStats(result.samples, bins);
  const prefix = statsPrefix(out);
  await writeFileAtomic(
    out,
    result.samples.map((sample) => JSON.stringify(sample)).join('\n') + (result.samples.length > 0 ? '\n' : ''),
  );
  await writeFileAtomic(
    `${prefix}.stats.md`,
    statsMarkdown({ before, after, mix: result.mix, notes: result.notes, bins, invalidLines: read.invalid.length }),
  );
  await writeFileAtomic(`${prefix}.stats.svg`, statsSvg({ before, after, bins }));
  await writeFileAtomic(
    `${prefix}.stats.json`,
    `${JSON.stringify({ perTask, seed, mix: mix ?? null, files: read.files, invalidLines: read.invalid.length, before, after, mixOutcome: result.mix, notes: result.notes }, null, 2)}\n`,
  );
  for (const note of result.notes) io.stderr.write(`note: ${note}\n`);
  io.stdout.write(
    `wrote ${result.samples.length} samples from a pool of ${read.samples.length} to ${out} (statistics: ${prefix}.stats.md, ${prefix}.stats.svg)\n`,
  );
  return 0;
}
