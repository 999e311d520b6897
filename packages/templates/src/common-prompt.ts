/**
 * The common prompt that starts every question: video length, number of
 * frames shown, their times, and the colour(s) of the boxes.
 */
import { GRID_STEP_SECONDS, InvalidArgumentError } from '@stkit/core';
import { formatFixed2 } from './quantity-format';
import { compileTemplate, renderCompiled, type PlaceholderValues } from './template-render';

/** The clip grid step (core's {@link GRID_STEP_SECONDS}), used as the frame period of a one-frame clip. */
export const FRAME_PERIOD_SECONDS = GRID_STEP_SECONDS;

/**
 * The frame times as the prompt lists them: two decimals, an `s` after each,
 * comma-separated without spaces — `[0, 0.5, 1]` → `"0.00s,0.50s,1.00s"`.
 * @param frameTimes - clip seconds of the frames shown.
 */
export function formatFrameTimes(frameTimes: readonly number[]): string {
  let out = '';
  for (let index = 0; index < frameTimes.length; index++) {
    if (index > 0) out += ',';
    out += `${formatFixed2(frameTimes[index]!)}s`;
  }
  return out;
}

/**
 * Length of a clip from its frame times: `last − first + period`, where the
 * period is the mean frame spacing (0.5 s for a single frame). A 40-frame
 * clip on the 0.5 s grid lasts 20 s ([definitions §2](docs/pages/definitions.md#grid): N ≤ 40, 20 s).
 * @param frameTimes - clip seconds of the frames, increasing.
 * @returns seconds.
 * @throws {@link InvalidArgumentError} when `frameTimes` is empty.
 */
export function clipDurationSeconds(frameTimes: readonly number[]): number {
  const count = frameTimes.length;
  if (count === 0) throw new InvalidArgumentError({ argument: 'frameTimes', message: 'must not be empty' });
  if (count === 1) return FRAME_PERIOD_SECONDS;
  const span = frameTimes[count - 1]! - frameTimes[0]!;
  return span + span / (count - 1);
}

/** Options of {@link renderCommonPrompt}. */
export interface CommonPromptOptions {
  /** The task's common prompt template (`PAPER_TEMPLATES[task].common_prompt`). */
  template: string;
  /** Clip seconds of the frames shown. */
  frameTimes: readonly number[];
  /** Video length in seconds. @default clipDurationSeconds(frameTimes) */
  durationSeconds?: number;
  /** Box colour names: one for single-object tasks ([COLOR]), two for comparisons ([COLOR1], [COLOR2]). */
  colors: readonly string[];
}

/**
 * Fills a common prompt: `[SECONDS]` the video length (two decimals),
 * `[FRAMES]` the number of frames shown, the frame-list run
 * `[SECOND1]s,[SECOND2]s,[SECOND3]s, ... .` becomes the full list and a full
 * stop (`These frames are located at 0.00s,0.50s,…,19.50s. Please …`), and
 * the colours.
 * @returns the filled prompt text.
 */
export function renderCommonPrompt(options: CommonPromptOptions): string {
  const { frameTimes, colors } = options;
  const values: PlaceholderValues = {
    SECONDS: formatFixed2(options.durationSeconds ?? clipDurationSeconds(frameTimes)),
    FRAMES: String(frameTimes.length),
    FRAME_LIST: formatFrameTimes(frameTimes),
    COLOR: colors[0],
    COLOR1: colors[0],
    COLOR2: colors[1],
  };
  return renderCompiled(compileTemplate(options.template), values);
}
