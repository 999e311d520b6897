/**
 * Frames for the VLM judge ([definitions §4](docs/pages/definitions.md#filtering) stage 2): its four prompts ask about "each
 * bounding box", so the judge must see the visual prompt — every kept
 * track's 2D box drawn in its palette colour on the clip's frames. Up to
 * `maxFrames` frames spread over the clip (first and last included) are drawn
 * with sharp and written as JPEG to `OUT/judge-frames/<clipId>/<k>.jpg`
 * (temporary name, then rename); the judge receives their paths.
 */
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { BackendLoadError, InvalidArgumentError, type Clip } from '@stkit/core';
import { COLOR_PALETTE, selectFrameIndices } from '@stkit/templates';

/** Options of {@link createJudgeFrames}. */
export interface JudgeFramesOptions {
  /** Output folder; frames go to `judge-frames/<clipId>/`. */
  readonly outDir: string;
  /** Frames shown to the judge per clip. @default 8 (ours: LLaVA-OneVision's video setting sees 8–32 frames; 8 keeps four prompts per clip cheap) */
  readonly maxFrames?: number;
  /** Box outline width, pixels. @default 3 */
  readonly lineWidth?: number;
}

type Sharp = typeof import('sharp');

/** A `frames(clip)` callback for `filterPseudoLabels`. */
export function createJudgeFrames(options: JudgeFramesOptions): (clip: Clip) => Promise<string[]> {
  const maxFrames = options.maxFrames ?? 8;
  const lineWidth = options.lineWidth ?? 3;
  let sharpModule: Promise<Sharp> | undefined;
  const loadSharp = () =>
    (sharpModule ??= import('sharp').then(
      (module) => module.default,
      (cause: unknown) => {
        throw new BackendLoadError({
          backend: 'sharp',
          message: 'drawing the judge frames needs sharp (npm install sharp)',
          cause,
        });
      },
    ));
  return async (clip) => {
    const sharp = await loadSharp();
    const folder = join(options.outDir, 'judge-frames', clip.id.replace(/[^A-Za-z0-9._-]/g, '_'));
    await mkdir(folder, { recursive: true });
    const paths: string[] = [];
    for (const k of selectFrameIndices(clip.frames.length, maxFrames)) {
      const frame = clip.frames[k]!;
      if (frame.image === undefined) {
        throw new InvalidArgumentError({
          argument: `clip '${clip.id}' frames[${k}].image`,
          message:
            'is missing; the masks file must give image_path for every frame on the 0.5 s grid to run the VLM judge',
        });
      }
      const image = sharp(frame.image);
      const { width, height } = await image.metadata();
      const rects = clip.tracks.flatMap((track, index) => {
        const sample = track.samples.find(
          (candidate) => Math.abs(candidate.t - frame.t) < 1e-6 && candidate.box2d !== undefined,
        );
        if (!sample) return [];
        const [x1, y1, x2, y2] = sample.box2d!;
        const [r, g, b] = COLOR_PALETTE[index % COLOR_PALETTE.length]!.rgb;
        return [
          `<rect x="${x1}" y="${y1}" width="${x2 - x1}" height="${y2 - y1}" fill="none" stroke="rgb(${r},${g},${b})" stroke-width="${lineWidth}"/>`,
        ];
      });
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${rects.join('')}</svg>`;
      const file = join(folder, `${k}.jpg`);
      await image
        .composite([{ input: Buffer.from(svg), top: 0, left: 0 }])
        .jpeg({ quality: 90 })
        .toFile(`${file}.tmp`);
      await rename(`${file}.tmp`, file);
      paths.push(file);
    }
    return paths;
  };
}
