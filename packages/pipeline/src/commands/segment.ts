/**
 * `stkit segment`: masks and tracks for plain videos.
 *   stkit segment convert --from FORMAT INPUT [--to gsam2|gsam2-json] --out DIR
 *   stkit segment --video FILE | --frames DIR --prompt "car. person." --detector DET.onnx
 *                 --sam-encoder ENC.onnx --sam-decoder DEC.onnx --out DIR [...]
 * Both write a Grounded-SAM-2 tracking folder (the interchange format read by
 * `stkit pseudo`), assembled under a temporary name and renamed when complete.
 */
import { dirname, join, resolve } from 'node:path';
import { InvalidArgumentError } from '@stkit/core';
import { ONNX_DEVICES, type OnnxDevice } from '@stkit/core/onnx';
import { parseFlags, parseIntegerOption } from './options';

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  signal?: AbortSignal;
}

/** The usage text, listing every format. */
export async function segmentUsage(): Promise<string> {
  const { SOURCE_FORMATS, TARGET_FORMATS } = await import('@stkit/segment');
  const list = (formats: Readonly<Record<string, string>>) =>
    Object.entries(formats)
      .map(([id, what]) => `  ${id.padEnd(12)} ${what}`)
      .join('\n');
  return `Usage:
  stkit segment convert --from ${Object.keys(SOURCE_FORMATS).join('|')} INPUT [--to ${Object.keys(TARGET_FORMATS).join('|')}] --out DIR
                        [--width W --height H] [--overwrite]
  stkit segment (--video FILE | --frames DIR) --prompt "car. person." --detector DET.onnx
                --sam-encoder ENC.onnx --sam-decoder DEC.onnx --out DIR [--tokenizer tokenizer.json]
                [--device ${ONNX_DEVICES.join('|')}] [--detect-every K] [--fps F]
                [--box-threshold 0.4] [--text-threshold 0.3] [--overwrite]

Writes a Grounded-SAM-2 tracking folder: DIR/mask_data/mask_%05d.npy (uint16 instance-id maps,
0 = background) + DIR/json_data/mask_%05d.json (boxes, class names, scores), numbered by video frame.

convert — source formats (--from):
${list(SOURCE_FORMATS)}
target formats (--to):
${list(TARGET_FORMATS)}
Boxes-only sources (bdd100k, multisports) write json_data only, one folder per video under DIR,
boxes scaled to --width × --height where the source has no size (default 1280 × 720).

model path — Grounding DINO (ONNX) detects the prompt's phrases every K frames (--detect-every, default 1),
SAM 2 (encoder + decoder ONNX) segments them, objects keep their ids over the video.
  --tokenizer F      the detector's tokenizer.json (default: tokenizer.json beside DET.onnx)
  --device D         ${ONNX_DEVICES.join(', ')} (default auto: CUDA when available, else CPU)
  --fps F            sample the video at about F frames per second (frame numbers stay the video's)
Video decoding uses the system ffmpeg (Debian package: ffmpeg).
`;
}

function parseNumber(name: string, value: string | undefined, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number))
    throw new InvalidArgumentError({ argument: name, value, message: `expected a number, got '${value}'` });
  return number;
}

function progressWriter(io: Io): { frame(text: string): void; done(): void } {
  const tty = io.stderr.isTTY === true;
  return {
    frame(text) {
      io.stderr.write(tty ? `\r${text}\x1b[K` : `${text}\n`);
    },
    done() {
      if (tty) io.stderr.write('\n');
    },
  };
}

/** Runs `stkit segment …`; returns the exit code. */
export async function runSegmentCommand(argv: string[], io: Io): Promise<number> {
  if (argv[0] === 'convert') return runConvert(argv.slice(1), io);
  const { values } = parseFlags(
    {
      args: argv,
      allowPositionals: false,
      options: {
        video: { type: 'string' },
        frames: { type: 'string' },
        prompt: { type: 'string' },
        detector: { type: 'string' },
        tokenizer: { type: 'string' },
        'sam-encoder': { type: 'string' },
        'sam-decoder': { type: 'string' },
        out: { type: 'string' },
        device: { type: 'string' },
        'detect-every': { type: 'string' },
        fps: { type: 'string' },
        'box-threshold': { type: 'string' },
        'text-threshold': { type: 'string' },
        overwrite: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    'stkit segment',
  );
  if (values.help) {
    io.stdout.write(await segmentUsage());
    return 0;
  }
  if ((values.video === undefined) === (values.frames === undefined))
    throw new InvalidArgumentError({
      argument: '--video/--frames',
      message:
        'give exactly one of --video FILE or --frames DIR (or use stkit segment convert); see stkit segment --help',
    });
  for (const flag of ['prompt', 'detector', 'sam-encoder', 'sam-decoder', 'out'] as const) {
    if (values[flag] === undefined)
      throw new InvalidArgumentError({ argument: `--${flag}`, message: 'is required; see stkit segment --help' });
  }
  const device = (values.device ?? 'auto') as OnnxDevice;
  if (!ONNX_DEVICES.includes(device))
    throw new InvalidArgumentError({
      argument: '--device',
      value: device,
      message: `unknown device; known: ${ONNX_DEVICES.join(', ')}`,
    });
  const detectEvery = parseIntegerOption('--detect-every', values['detect-every'], 1, { min: 1 });
  const fps = parseNumber('--fps', values.fps, undefined);
  if (fps !== undefined && !(fps > 0))
    throw new InvalidArgumentError({ argument: '--fps', value: fps, message: 'must be positive' });
  const detectorPath = resolve(values.detector!);
  const segment = await import('@stkit/segment');
  const detector = segment.createGroundingDinoBackend({
    model: detectorPath,
    tokenizer: resolve(values.tokenizer ?? join(dirname(detectorPath), 'tokenizer.json')),
    device,
    boxThreshold: parseNumber('--box-threshold', values['box-threshold'], 0.4)!,
    textThreshold: parseNumber('--text-threshold', values['text-threshold'], 0.3)!,
  });
  const segmenter = segment.createSam2Backend({
    encoder: resolve(values['sam-encoder']!),
    decoder: resolve(values['sam-decoder']!),
    device,
  });
  const signal = io.signal ? { signal: io.signal } : {};
  const frames =
    values.video !== undefined
      ? segment.readVideoFrames(resolve(values.video), { ...(fps !== undefined ? { fps } : {}), ...signal })
      : segment.readFrameFolder(resolve(values.frames!), signal);
  const progress = progressWriter(io);
  try {
    const result = await segment.writeGsam2TrackingFolder(
      resolve(values.out!),
      segment.segmentVideo({
        frames,
        detector,
        segmenter,
        prompt: values.prompt!,
        detectEvery,
        ...signal,
        onFrame: ({ frameIndex, objects, detected, provider }) =>
          progress.frame(
            `segment: frame ${frameIndex}: ${objects} object${objects === 1 ? '' : 's'}${detected ? ' (detector ran)' : ''} [${provider ?? '?'}]`,
          ),
      }),
      { overwrite: values.overwrite === true, ...signal },
    );
    progress.done();
    const info = await detector.load!();
    io.stdout.write(
      `segment: wrote ${result.frames} frames, ${result.instances} instances to ${result.dir} (detector on ${info.provider}${info.fallbackReason ? `; ${info.fallbackReason}` : ''})\n`,
    );
    return 0;
  } finally {
    await detector.dispose?.();
    await segmenter.dispose?.();
  }
}

async function runConvert(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseFlags(
    {
      args: argv,
      allowPositionals: true,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
        width: { type: 'string' },
        height: { type: 'string' },
        overwrite: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    'stkit segment convert',
  );
  if (values.help) {
    io.stdout.write(await segmentUsage());
    return 0;
  }
  if (values.from === undefined)
    throw new InvalidArgumentError({ argument: '--from', message: 'is required; see stkit segment --help' });
  if (values.out === undefined)
    throw new InvalidArgumentError({ argument: '--out', message: 'is required; see stkit segment --help' });
  if (positionals.length !== 1)
    throw new InvalidArgumentError({
      argument: 'INPUT',
      value: positionals,
      message: 'give exactly one input file or folder; see stkit segment --help',
    });
  const width = values.width === undefined ? undefined : parseIntegerOption('--width', values.width, 0, { min: 1 });
  const height = values.height === undefined ? undefined : parseIntegerOption('--height', values.height, 0, { min: 1 });
  const { convertMasks } = await import('@stkit/segment');
  const progress = progressWriter(io);
  const result = await convertMasks({
    from: values.from,
    to: values.to ?? 'gsam2',
    input: resolve(positionals[0]!),
    out: resolve(values.out),
    overwrite: values.overwrite === true,
    ...(width !== undefined ? { width } : {}),
    ...(height !== undefined ? { height } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
    onFrame: ({ video, frameIndex, written }) =>
      progress.frame(`segment convert: ${video ? `${video} ` : ''}frame ${frameIndex} (${written} written)`),
  });
  progress.done();
  for (const video of result.videos) {
    io.stdout.write(
      `segment convert: ${video.dir}: ${video.frames} frames, ${video.instances} instances, ${video.tracks} tracks\n`,
    );
  }
  if (!result.masks)
    io.stdout.write(
      `segment convert: ${values.from} has boxes and track ids but no masks: wrote json_data only (no mask_data)\n`,
    );
  return 0;
}
