/** `stkit pseudo`: a plain video's precomputed reconstruction, metric depth and masks → filtered pseudo-label QA samples. */
import { parseArgs } from 'node:util';
import { basename, dirname, join, resolve } from 'node:path';
import { InvalidArgumentError } from '@stkit/core';
import { ONNX_DEVICES, type OnnxDevice } from '@stkit/core/onnx';
import { createProgress } from '../progress';
import { generatePseudo, gsam2MaskSource, formatPseudoReport } from '../pseudo';
import {
  DEFAULT_PSEUDO_PROMPT,
  materialiseMetricDepth,
  materialiseReconstruction,
  materialiseSegmentation,
} from '../pseudo/model-stages';
import { decodeVideoFrames, listFrameImages } from '../pseudo/video-frames';
import { formatRunReport } from '../summary';
import { parseIntegerOption } from './options';

export const pseudoUsage = `Usage: stkit pseudo (--video FILE | --frames DIR) --out DIR
                    (--monst3r DIR | --pointmap-model ENC.onnx [--pointmap-decoder DEC.onnx] [--alignment-iterations 300])
                    (--metric-depth DIR | --metric-depth-model FILE [--metric-depth-variant fixed|dynamic])
                    (--gsam2 DIR | --detector DET.onnx --sam-encoder ENC.onnx --sam-decoder DEC.onnx [--prompt P] [--tokenizer F])
                    [--device auto|cpu|cuda] [--fps 2] [--filters default|paper] [--inspect] [--seed N] [--dataset NAME]
                    [--log NAME] [--domain driving|sports|general] [--vlm-base-url URL --vlm-model M] [--scorer-base-url URL --scorer-model M]

Labels a plain video (SPEC §3–4): the video's MonST3R reconstruction, made metric
with Metric3D depth, and its Grounded-SAM-2 tracks are lifted to 3D, filtered,
and turned into QA samples. Writes DIR/clips/, DIR/samples/, DIR/filter-report.json,
DIR/filter-report.md and DIR/manifest.json.

  --video FILE           the video, decoded with the system's ffmpeg at --fps (Debian package ffmpeg)
  --frames DIR           or its frames as images, in name order, taken at --fps
  --fps N                frames per second the tools ran on (default 2); t = index / fps
Each input is a precomputed folder or a model run on the frames (one of the two):
  --monst3r DIR          MonST3R output folder (pred_traj.txt, pred_intrinsics.txt, frame_%04d.npy, conf_%d.npy)
  --pointmap-model F     or DUSt3R/MonST3R pairwise pointmaps (ONNX encoder F; the decoder is --pointmap-decoder,
                         default F with "encoder" replaced by "decoder" in its name) + global alignment
  --metric-depth DIR     metric depth per frame, frame_%04d.npy, metres (Metric3D v2), the frames' aspect ratio
  --metric-depth-model F or Metric3D v2 ONNX run per frame (--metric-depth-variant fixed: the official
                         616×1064 export, default; dynamic: a multiple-of-14 export)
  --gsam2 DIR            Grounded-SAM-2 tracking folder (json_data/, mask_data/); a logit of 0.0 is unknown
  --detector F           or Grounding DINO ONNX (--tokenizer, default tokenizer.json beside F) with SAM 2
  --sam-encoder F        (--sam-encoder, --sam-decoder) and the IoU tracker, prompt --prompt (default the
  --sam-decoder F        SPEC §3 classes: "${DEFAULT_PSEUDO_PROMPT}")
  --device D             ONNX device of the models: auto (CUDA when available, else CPU), cpu or cuda
A model's output is written in the folder's format under DIR/intermediate/ (monst3r/, metric-depth/, gsam2/),
built under a temporary name, and reused by a rerun whose frames, models and settings are the same.
  --filters MODE         default (repair before discarding) or paper (SPEC §4 exactly); default: default
  --inspect              print the per-object yield table, write no clips or samples
  --vlm-base-url URL     stage 2: an OpenAI-compatible VLM server (four "Yes" to keep a clip)
  --scorer-base-url URL  stage 3: an OpenAI-compatible completions server echoing log-probabilities
  --seed N               seed of every random choice (default 0)

A rerun with the same inputs and flags keeps the clips already done (DIR/intermediate/clips/) and writes the
same bytes; a changed input or flag recomputes the clips it changes.
`;

/** Exactly one of a precomputed folder flag and its model flag. */
function oneOf(values: Record<string, unknown>, folder: string, model: string, what: string): 'folder' | 'model' {
  const hasFolder = values[folder] !== undefined,
    hasModel = values[model] !== undefined;
  if (hasFolder && hasModel)
    throw new InvalidArgumentError({
      argument: `--${folder}`,
      message: `give --${folder} DIR or --${model} FILE for the ${what}, not both`,
    });
  if (!hasFolder && !hasModel)
    throw new InvalidArgumentError({
      argument: `--${folder}`,
      message: `the ${what} is required: give --${folder} DIR (precomputed) or --${model} FILE (run the model)`,
    });
  return hasFolder ? 'folder' : 'model';
}

/** Runs `stkit pseudo`; returns the exit code. */
export async function runPseudoCommand(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WriteStream; signal?: AbortSignal },
): Promise<number> {
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
      'pointmap-model': { type: 'string' },
      'pointmap-decoder': { type: 'string' },
      'alignment-iterations': { type: 'string' },
      'metric-depth-model': { type: 'string' },
      'metric-depth-variant': { type: 'string' },
      detector: { type: 'string' },
      tokenizer: { type: 'string' },
      'sam-encoder': { type: 'string' },
      'sam-decoder': { type: 'string' },
      prompt: { type: 'string' },
      device: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(pseudoUsage);
    return 0;
  }
  const flags = values as Record<string, string | boolean | undefined>;
  const reconstructionFrom = oneOf(flags, 'monst3r', 'pointmap-model', 'reconstruction');
  const depthFrom = oneOf(flags, 'metric-depth', 'metric-depth-model', 'metric depth');
  if (values.gsam2 !== undefined && values.detector !== undefined)
    throw new InvalidArgumentError({
      argument: '--gsam2',
      message: 'give --gsam2 DIR or --detector FILE (with --sam-encoder, --sam-decoder) for the objects, not both',
    });
  const masksFrom = values.gsam2 !== undefined ? 'folder' : 'model';
  const segmentFlags = ['detector', 'sam-encoder', 'sam-decoder'] as const;
  if (masksFrom === 'model') {
    if (segmentFlags.every((name) => values[name] === undefined))
      throw new InvalidArgumentError({
        argument: '--gsam2',
        message:
          'the objects are required: give --gsam2 DIR (precomputed) or --detector FILE --sam-encoder FILE --sam-decoder FILE (run the models)',
      });
    for (const name of segmentFlags)
      if (values[name] === undefined)
        throw new InvalidArgumentError({
          argument: `--${name}`,
          message: `is required with ${segmentFlags
            .filter((other) => values[other] !== undefined)
            .map((other) => `--${other}`)
            .join(', ')} (the segment models run together), or give --gsam2 DIR`,
        });
  } else {
    for (const name of ['sam-encoder', 'sam-decoder', 'prompt', 'tokenizer'] as const)
      if (values[name] !== undefined)
        throw new InvalidArgumentError({
          argument: `--${name}`,
          message: 'belongs to the segment models (--detector …), not to --gsam2 DIR',
        });
  }
  if (reconstructionFrom === 'folder') {
    for (const name of ['pointmap-decoder', 'alignment-iterations'] as const)
      if (values[name] !== undefined)
        throw new InvalidArgumentError({
          argument: `--${name}`,
          message: 'belongs to --pointmap-model, not to --monst3r DIR',
        });
  }
  if (depthFrom === 'folder' && values['metric-depth-variant'] !== undefined)
    throw new InvalidArgumentError({
      argument: '--metric-depth-variant',
      message: 'belongs to --metric-depth-model, not to --metric-depth DIR',
    });
  const usesModels = reconstructionFrom === 'model' || depthFrom === 'model' || masksFrom === 'model';
  if (!usesModels && values.device !== undefined)
    throw new InvalidArgumentError({
      argument: '--device',
      message: 'applies to the model flags (--pointmap-model, --metric-depth-model, --detector) only',
    });
  if (!values.out && (!values.inspect || usesModels))
    throw new InvalidArgumentError({
      argument: '--out',
      message: usesModels
        ? 'is required with a model flag (the model outputs are kept under OUT/intermediate)'
        : 'is required (or pass --inspect)',
    });
  if (values.video && values.frames)
    throw new InvalidArgumentError({ argument: '--video', message: 'give --video or --frames, not both' });
  if (usesModels && !values.video && !values.frames)
    throw new InvalidArgumentError({
      argument: '--frames',
      message: "the models run on the video's frames: give --video FILE or --frames DIR",
    });
  const fps = values.fps === undefined ? 2 : Number(values.fps);
  if (!(Number.isFinite(fps) && fps > 0))
    throw new InvalidArgumentError({ argument: '--fps', value: values.fps, message: 'must be a positive number' });
  const filters = values.filters ?? 'default';
  if (filters !== 'default' && filters !== 'paper')
    throw new InvalidArgumentError({ argument: '--filters', value: filters, message: "expected 'default' or 'paper'" });
  const domain = values.domain ?? 'general';
  if (!['driving', 'sports', 'general'].includes(domain))
    throw new InvalidArgumentError({
      argument: '--domain',
      value: domain,
      message: 'expected driving, sports or general',
    });
  const device = (values.device ?? 'auto') as OnnxDevice;
  if (!ONNX_DEVICES.includes(device))
    throw new InvalidArgumentError({
      argument: '--device',
      value: device,
      message: `unknown device; known: ${ONNX_DEVICES.join(', ')}`,
    });
  const variant = values['metric-depth-variant'] ?? 'fixed';
  if (variant !== 'fixed' && variant !== 'dynamic')
    throw new InvalidArgumentError({
      argument: '--metric-depth-variant',
      value: variant,
      message: "expected 'fixed' or 'dynamic'",
    });
  const iterations = parseIntegerOption('--alignment-iterations', values['alignment-iterations'], 300, { min: 1 });
  let pointmapDecoder: string | undefined;
  if (values['pointmap-model'] !== undefined) {
    const encoder = resolve(values['pointmap-model']);
    const name = basename(encoder);
    if (values['pointmap-decoder'] === undefined && !name.includes('encoder'))
      throw new InvalidArgumentError({
        argument: '--pointmap-decoder',
        message: `is required: the decoder cannot be found from the encoder's name ${name} (no "encoder" in it)`,
      });
    pointmapDecoder = resolve(values['pointmap-decoder'] ?? join(dirname(encoder), name.replace('encoder', 'decoder')));
  }
  const seed = parseIntegerOption('--seed', values.seed, 0);
  const outDir = resolve(values.out ?? '.');
  let images: string[] | undefined;
  let absoluteImages: string[] | undefined;
  if (values.frames) absoluteImages = images = await listFrameImages(resolve(values.frames));
  else if (values.video && (!values.inspect || usesModels)) {
    absoluteImages = await decodeVideoFrames(resolve(values.video), fps, join(outDir, 'frames', 'video'), io.signal);
    images = absoluteImages.map((path) => path.slice(outDir.length + 1));
  }
  const progress = createProgress({ unit: 'steps', stream: io.stderr });
  const stageCommon = {
    images: absoluteImages ?? [],
    workDir: join(outDir, 'intermediate'),
    device,
    ...(io.signal ? { signal: io.signal } : {}),
    onProgress: (state: { stage: string; done: number; total: number }) =>
      progress.update(state.done, `${state.stage} ${state.done}/${state.total}`),
  };
  const monst3rDir =
    reconstructionFrom === 'folder'
      ? resolve(values.monst3r!)
      : (
          await materialiseReconstruction({
            ...stageCommon,
            encoder: resolve(values['pointmap-model']!),
            decoder: pointmapDecoder!,
            iterations,
            fps,
          })
        ).dir;
  const metricDepthDir =
    depthFrom === 'folder'
      ? resolve(values['metric-depth']!)
      : (
          await materialiseMetricDepth({
            ...stageCommon,
            model: resolve(values['metric-depth-model']!),
            variant,
            reconstructionDir: monst3rDir,
          })
        ).dir;
  const gsam2Dir =
    masksFrom === 'folder'
      ? resolve(values.gsam2!)
      : (
          await materialiseSegmentation({
            ...stageCommon,
            detector: resolve(values.detector!),
            samEncoder: resolve(values['sam-encoder']!),
            samDecoder: resolve(values['sam-decoder']!),
            ...(values.tokenizer ? { tokenizer: resolve(values.tokenizer) } : {}),
            ...(values.prompt !== undefined ? { prompt: values.prompt } : {}),
          })
        ).dir;
  const masks = await gsam2MaskSource(gsam2Dir);
  const judge = values['vlm-base-url']
    ? (await import('@stkit/filters')).createVlmJudge({
        baseURL: values['vlm-base-url'],
        ...(values['vlm-model'] ? { model: values['vlm-model'] } : {}),
      })
    : undefined;
  const scorer = values['scorer-base-url']
    ? (await import('@stkit/filters')).createCompletionsLikelihoodScorer({
        baseURL: values['scorer-base-url'],
        ...(values['scorer-model'] ? { model: values['scorer-model'] } : {}),
      })
    : undefined;
  const log =
    values.log ??
    (values.monst3r
      ? resolve(values.monst3r)
      : values.video
        ? resolve(values.video).replace(/\.[^./]*$/, '')
        : resolve(values.frames!)
    )
      .split('/')
      .filter(Boolean)
      .pop() ??
    'video';
  const result = await generatePseudo({
    outDir,
    monst3rDir,
    metricDepthDir,
    masks,
    fps,
    ...(images ? { images } : {}),
    source: { dataset: values.dataset ?? 'video', log, domain: domain as 'driving' | 'sports' | 'general' },
    filters,
    seed,
    ...(judge ? { judge } : {}),
    ...(scorer ? { scorer } : {}),
    inspect: values.inspect ?? false,
    config: {
      video: values.video ?? null,
      frames: values.frames ?? null,
      gsam2: values.gsam2 ?? null,
      // The judge and scorer enter the per-clip resume digest through the config.
      ...(judge ? { vlm: { baseURL: values['vlm-base-url'], model: values['vlm-model'] ?? null } } : {}),
      ...(scorer ? { scorer: { baseURL: values['scorer-base-url'], model: values['scorer-model'] ?? null } } : {}),
      ...(usesModels
        ? {
            models: {
              pointmap: values['pointmap-model'] ?? null,
              metricDepth: values['metric-depth-model'] ?? null,
              detector: values.detector ?? null,
              prompt: masksFrom === 'model' ? (values.prompt ?? DEFAULT_PSEUDO_PROMPT) : null,
              alignmentIterations: reconstructionFrom === 'model' ? iterations : null,
              metricDepthVariant: depthFrom === 'model' ? variant : null,
            },
          }
        : {}),
    },
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
