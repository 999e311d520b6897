/** `stkit qa`: Clips (JSONL) in, QA samples out. */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { prepareOutputDir, writeFileAtomic } from '../atomic-write';
import { InvalidArgumentError } from '@stkit/core';
import { createDemoClips } from '../demo-scene';
import { createProgress } from '../progress';
import { generateQa } from '../qa';
import { formatRunReport } from '../summary';
import { checkInputFile } from '../read-lines';
import { parseFlags, parseIntegerOption } from './options';

export const qaUsage = `Usage: stkit qa (--clips FILE.jsonl | --demo) --out DIR [--seed N] [--shard-size N] [--max-frames N] [--workers N]

Reads Clips (one JSON object per line), selects kinematic facts (SPEC §2) and
writes QA samples to DIR/samples/part-*.jsonl and DIR/manifest.json.
Same input and seed give byte-identical output; a rerun resumes.

  --clips FILE      input clips, JSONL (repeatable; a regular file, or - for stdin)
  --demo            use the built-in procedurally generated driving scene
                    (its clip is written to DIR/clips/demo.jsonl)
  --out DIR         output folder
  --seed N          seed of every random choice (default 0)
  --shard-size N    clips per output shard (default 1000)
  --max-frames N    frames shown per sample (default 32)
  --workers N       worker threads parsing clips (default: min(CPUs, 4); 0 = none;
                    capped at the machine's available parallelism)
`;

/** Runs `stkit qa` with the given arguments; returns the exit code. */
export async function runQaCommand(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WriteStream; signal?: AbortSignal },
): Promise<number> {
  const { values } = parseFlags(
    {
      args: argv,
      allowPositionals: false,
      options: {
        clips: { type: 'string', multiple: true },
        demo: { type: 'boolean' },
        out: { type: 'string' },
        seed: { type: 'string' },
        'shard-size': { type: 'string' },
        'max-frames': { type: 'string' },
        workers: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    },
    'stkit qa',
  );
  if (values.help) {
    io.stdout.write(qaUsage);
    return 0;
  }
  if (!values.out) throw new InvalidArgumentError({ argument: '--out', message: 'is required' });
  const files = (values.clips ?? []).map((file) => (file === '-' ? file : resolve(file)));
  if (files.length === 0 && !values.demo)
    throw new InvalidArgumentError({ argument: '--clips', message: 'give --clips FILE.jsonl or --demo' });
  if (files.length > 0 && values.demo)
    throw new InvalidArgumentError({ argument: '--demo', message: 'cannot be combined with --clips' });
  // Every flag is checked before anything is read or written.
  const seed = parseIntegerOption('--seed', values.seed, 0);
  const shardSize = parseIntegerOption('--shard-size', values['shard-size'], 1000, { min: 1 });
  const maxFrames = parseIntegerOption('--max-frames', values['max-frames'], 32, { min: 1 });
  let workers =
    values.workers === undefined ? undefined : parseIntegerOption('--workers', values.workers, 0, { min: 0 });
  if (workers !== undefined && workers > availableParallelism()) {
    io.stderr.write(
      `stkit qa: --workers ${workers} capped at ${availableParallelism()} (the machine's available parallelism)\n`,
    );
    workers = availableParallelism();
  }
  for (const file of files) await checkInputFile(file);
  const outDir = resolve(values.out);
  await prepareOutputDir(outDir, '--out');

  const demoClips = values.demo ? createDemoClips({ count: 1, seed }) : undefined;
  if (demoClips !== undefined) {
    // The demo's input is written beside its output, so every label can be recomputed from it.
    await writeFileAtomic(
      join(outDir, 'clips', 'demo.jsonl'),
      demoClips.map((clip) => `${JSON.stringify(clip)}\n`).join(''),
    );
  }
  const progress = createProgress({ unit: 'clips', stream: io.stderr });
  const result = await generateQa({
    ...(demoClips !== undefined ? { clips: demoClips } : { files }),
    workers,
    outDir,
    seed,
    shardSize,
    maxFrames,
    inputs: { clips: values.demo ? 'demo' : files.map((file) => file.split('/').pop()) },
    onProgress: (state) => progress.update(state.clips, `${state.samples} samples`),
    onInvalid: (error) => io.stderr.write(`skipped invalid clip: ${error.message}\n`),
    signal: io.signal,
  });
  progress.finish();
  io.stdout.write(
    formatRunReport({
      ...result,
      notes: [
        result.invalidClips > 0 && `${result.invalidClips} invalid clips skipped`,
        result.resumedShards > 0 && `${result.resumedShards} shards kept from an earlier run`,
      ],
      wrote: `${outDir}/samples/ and ${result.manifestPath}`,
    }),
  );
  return 0;
}
