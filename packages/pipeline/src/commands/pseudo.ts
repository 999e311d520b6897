/** `stkit pseudo`: a plain video's precomputed reconstruction, metric depth and masks → filtered pseudo-label QA samples. */
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { InvalidArgumentError } from '@stkit/core';
import { createProgress } from '../progress';
import { generatePseudo, gsam2MaskSource, formatPseudoReport } from '../pseudo';
import { decodeVideoFrames, listFrameImages } from '../pseudo/video-frames';
import { formatRunReport } from '../summary';
import { parseIntegerOption } from './options';

export const pseudoUsage = `Usage: stkit pseudo (--video FILE | --frames DIR) --monst3r DIR --metric-depth DIR --gsam2 DIR --out DIR
                    [--fps 2] [--filters default|paper] [--inspect] [--seed N] [--dataset NAME] [--log NAME]
                    [--domain driving|sports|general] [--vlm-base-url URL --vlm-model M] [--scorer-base-url URL --scorer-model M]

Labels a plain video (SPEC §3–4): the video's MonST3R reconstruction, made metric
with Metric3D depth, and its Grounded-SAM-2 tracks are lifted to 3D, filtered,
and turned into QA samples. Writes DIR/clips/, DIR/samples/, DIR/filter-report.json,
DIR/filter-report.md and DIR/manifest.json.

  --video FILE           the video, decoded with the system's ffmpeg at --fps (Debian package ffmpeg)
  --frames DIR           or its frames as images, in name order, taken at --fps
  --fps N                frames per second the tools ran on (default 2); t = index / fps
  --monst3r DIR          MonST3R output folder (pred_traj.txt, pred_intrinsics.txt, frame_%04d.npy, conf_%d.npy)
  --metric-depth DIR     metric depth per frame, frame_%04d.npy, metres (Metric3D v2), the frames' aspect ratio
  --gsam2 DIR            Grounded-SAM-2 tracking folder (json_data/, mask_data/); a logit of 0.0 is unknown
  --filters MODE         default (repair before discarding) or paper (SPEC §4 exactly); default: default
  --inspect              print the per-object yield table, write nothing
  --vlm-base-url URL     stage 2: an OpenAI-compatible VLM server (four "Yes" to keep a clip)
  --scorer-base-url URL  stage 3: an OpenAI-compatible completions server echoing log-probabilities
  --seed N               seed of every random choice (default 0)

Not available in this version: --pointmap-model, --metric-depth-model and the segment ONNX
backends (--detector, --sam-encoder, --sam-decoder, --prompt); run the models and pass their folders.
`;

const NOT_YET = ['pointmap-model', 'metric-depth-model', 'detector', 'sam-encoder', 'sam-decoder', 'prompt'] as const;

/** Runs `stkit pseudo`; returns the exit code. */
export async function runPseudoCommand(argv: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WriteStream; signal?: AbortSignal }): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      video: { type: 'string' },
      frames: { type: 'string' },
      fps: { type: 'string' },
      monst3r: { type: 'string' },
      'metric-depth': { type: 'string' },
      gsam2: { type: 'string' },
      out: { type: 'string' },
      filters: { type: 'string' },
      inspect: { type: 'boolean' },
      seed: { type: 'string' },
      dataset: { type: 'string' },
      log: { type: 'string' },
      domain: { type: 'string' },
      'vlm-base-url': { type: 'string' },
      'vlm-model': { type: 'string' },
      'scorer-base-url': { type: 'string' },
      'scorer-model': { type: 'string' },
      ...Object.fromEntries(NOT_YET.map((name) => [name, { type: 'string' as const }])),
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(pseudoUsage);
    return 0;
  }
  for (const name of NOT_YET) {
    if ((values as Record<string, unknown>)[name] !== undefined) throw new InvalidArgumentError({ argument: `--${name}`, message: 'the model-backed path is not available in stkit pseudo yet: run the model and pass its output folder (--monst3r, --metric-depth, --gsam2)' });
  }
  for (const name of ['monst3r', 'metric-depth', 'gsam2'] as const) {
    if (!values[name]) throw new InvalidArgumentError({ argument: `--${name}`, message: 'is required' });
  }
  if (!values.out && !values.inspect) throw new InvalidArgumentError({ argument: '--out', message: 'is required (or pass --inspect)' });
  if (values.video && values.frames) throw new InvalidArgumentError({ argument: '--video', message: 'give --video or --frames, not both' });
  const fps = values.fps === undefined ? 2 : Number(values.fps);
  if (!(Number.isFinite(fps) && fps > 0)) throw new InvalidArgumentError({ argument: '--fps', value: values.fps, message: 'must be a positive number' });
  const filters = values.filters ?? 'default';
  if (filters !== 'default' && filters !== 'paper') throw new InvalidArgumentError({ argument: '--filters', value: filters, message: "expected 'default' or 'paper'" });
  const domain = values.domain ?? 'general';
  if (!['driving', 'sports', 'general'].includes(domain)) throw new InvalidArgumentError({ argument: '--domain', value: domain, message: 'expected driving, sports or general' });
  const seed = parseIntegerOption('--seed', values.seed, 0);
  const outDir = resolve(values.out ?? '.');
  const masks = await gsam2MaskSource(resolve(values.gsam2!));
  let images: string[] | undefined;
  if (values.frames) images = await listFrameImages(resolve(values.frames));
  else if (values.video && !values.inspect) images = (await decodeVideoFrames(resolve(values.video), fps, join(outDir, 'frames', 'video'), io.signal)).map((path) => path.slice(outDir.length + 1));
  const judge = values['vlm-base-url'] ? (await import('@stkit/filters')).createVlmJudge({ baseURL: values['vlm-base-url'], ...(values['vlm-model'] ? { model: values['vlm-model'] } : {}) }) : undefined;
  const scorer = values['scorer-base-url'] ? (await import('@stkit/filters')).createCompletionsLikelihoodScorer({ baseURL: values['scorer-base-url'], ...(values['scorer-model'] ? { model: values['scorer-model'] } : {}) }) : undefined;
  const progress = createProgress({ unit: 'steps', stream: io.stderr });
  const log = values.log ?? resolve(values.monst3r!).split('/').filter(Boolean).pop() ?? 'video';
  const result = await generatePseudo({
    outDir,
    monst3rDir: resolve(values.monst3r!),
    metricDepthDir: resolve(values['metric-depth']!),
    masks,
    fps,
    ...(images ? { images } : {}),
    source: { dataset: values.dataset ?? 'video', log, domain: domain as 'driving' | 'sports' | 'general' },
    filters,
    seed,
    ...(judge ? { judge } : {}),
    ...(scorer ? { scorer } : {}),
    inspect: values.inspect ?? false,
    config: { video: values.video ?? null, frames: values.frames ?? null, gsam2: values.gsam2 },
    onProgress: (state) => progress.update(state.done, `${state.stage} ${state.done}/${state.total}`),
    ...(io.signal ? { signal: io.signal } : {}),
  });
  progress.finish();
  if (values.inspect) {
    io.stdout.write(formatPseudoReport(result, filters));
    return 0;
  }
  io.stdout.write(
    formatRunReport({
      counts: result.counts,
      clips: result.clips,
      samples: result.samples,
      notes: [
        `${result.objects.filter((object) => object.samples > 0).length} of ${result.objects.length} objects yield samples (per-object table: ${outDir}/filter-report.md)`,
        !judge && 'no --vlm-base-url: stage 2 (VLM judge) skipped',
        !scorer && 'no --scorer-base-url: stage 3 (likelihood) skipped',
      ],
      wrote: `${outDir}/clips/, ${outDir}/samples/, ${outDir}/filter-report.{json,md} and ${result.manifestPath}`,
    }),
  );
  return 0;
}
