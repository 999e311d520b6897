/** `stkit view`: a static HTML page to look at the samples of a run. */
import { parseArgs } from 'node:util';
import { InvalidArgumentError } from '@stkit/core';
import { prepareOutputDir } from '../atomic-write';
import { writeSampleViewer } from '../view/write-viewer';

export const viewUsage = `Usage: stkit view --samples DIR|FILE [--clips FILE|DIR] --out DIR [--title TEXT]

Writes DIR/index.html: a static, self-contained page (open it from disk, no
server) listing every sample with its question, answer and label, the frames
with their drawn boxes where the run has frames, and a bird's-eye plot of each
named object's trajectory on the 0.5 s grid, the asked interval highlighted
and, for direction tasks, the 12 o'clock reference and the asked clock
direction. Filters by task and dataset; the first 100 samples render at load,
the rest as you scroll. Links such as index.html#task=traveled_distance open
the page filtered.

  --samples PATH    Sample JSONL file, or a folder searched for *.jsonl (a run's samples/)
  --clips PATH      the run's clips JSONL file or its clips/ folder (gives the plots;
                    without it the page says why plots are missing)
  --out DIR         output folder (index.html is written there)
  --title TEXT      page title (default "STKit samples")
  -h, --help        show this help
`;

/** Runs `stkit view` with the given arguments; returns the exit code. */
export async function runViewCommand(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; signal?: AbortSignal },
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      samples: { type: 'string' },
      clips: { type: 'string' },
      out: { type: 'string' },
      title: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(viewUsage);
    return 0;
  }
  if (!values.samples)
    throw new InvalidArgumentError({
      argument: '--samples',
      message: 'is required (a run\u2019s samples/ folder or a Sample JSONL file)',
    });
  if (!values.out) throw new InvalidArgumentError({ argument: '--out', message: 'is required' });
  await prepareOutputDir(values.out, '--out');
  const result = await writeSampleViewer({
    samples: values.samples,
    ...(values.clips !== undefined ? { clips: values.clips } : {}),
    outDir: values.out,
    ...(values.title !== undefined ? { title: values.title } : {}),
    onInvalid: (error) => io.stderr.write(`skipped invalid line: ${error.message}\n`),
    ...(io.signal ? { signal: io.signal } : {}),
  });
  const notes = [
    values.clips === undefined ? 'no --clips: the page has no trajectory plots' : `${result.clips} clips plotted`,
    result.samplesWithoutClip > 0 ? `${result.samplesWithoutClip} samples without their clip` : '',
    result.invalidLines > 0 ? `${result.invalidLines} invalid lines skipped` : '',
  ].filter(Boolean);
  io.stdout.write(`${result.samples} samples (${notes.join('; ')}) → ${result.page}\n`);
  return 0;
}
