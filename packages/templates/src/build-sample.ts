/**
 * Assembly of `Sample` records from kinematic facts: template choice,
 * placeholder filling, colours, frames and the LLaVA-style conversation.
 */
import { InvalidArgumentError, type Clip, type Fact, type Random, type Sample, type SampleObject } from '@stkit/core';
import { clipContext } from './clip-context';
import { DEFAULT_MAX_FRAMES } from './frame-selection';
import { COLOR_PALETTE, pickColors, type PaletteColor } from './palette';
import { templateSetsFor } from './paper-templates';
import { formatClock, formatDistance, formatSeconds, formatSpeed } from './quantity-format';
import { sampleIdFor } from './sample-id';
import { compileTemplate, renderCompiled, type PlaceholderValues } from './template-render';

/** The placeholder of the video in the human turn (LLaVA-Video convention). */
export const VIDEO_TOKEN = '<video>';

/** Options of {@link buildSample}. */
export interface BuildSampleOptions {
  /** The clip the fact is about (validated by `parseClip`). */
  clip: Clip;
  /** What to ask (from `@stkit/kinematics`). */
  fact: Fact;
  /**
   * Source of every random choice, consumed in this order: colours (one draw
   * per object), question, answer, unit (distance and speed only).
   */
  random: Random;
  /** Sample id. @default sampleIdFor(clip.id, fact) */
  id?: string | undefined;
  /** At most this many frames are shown; more are subsampled uniformly, first and last kept. @default 32 */
  maxFrames?: number | undefined;
  /** Box colours to choose from. @default COLOR_PALETTE */
  palette?: readonly PaletteColor[] | undefined;
  /** Video length in seconds for [SECONDS]. @default last − first frame time + frame period (20.00 for 40 frames) */
  durationSeconds?: number | undefined;
}

const SINGLE_TASKS = new Set(['traveled_distance', 'traveling_speed', 'movement_direction', 'direction_timestamp']);

/**
 * Builds one `Sample`: picks colours, a question and an answer template of
 * the fact's set ({@link templateSetsFor}), fills every placeholder and
 * writes the conversation
 * `[{from:'human', value:'<video>\n' + common prompt + question}, {from:'gpt', value: answer}]`.
 *
 * Throws {@link InvalidArgumentError} when the fact does not fit the clip
 * (unknown track, wrong number of tracks, an out-of-range label value, a
 * comparison whose `answerTrackId` contradicts its values and polarity).
 */
export function buildSample(options: BuildSampleOptions): Sample {
  const { clip, fact, random } = options;
  const context = clipContext(clip, options.maxFrames ?? DEFAULT_MAX_FRAMES, options.durationSeconds);
  const trackIds = fact.trackIds;
  const single = SINGLE_TASKS.has(fact.task);
  checkTrackCount(fact, single ? 1 : 2);

  const colors = pickColors(random, trackIds.length, options.palette ?? COLOR_PALETTE);
  const objects: SampleObject[] = new Array(trackIds.length);
  for (let index = 0; index < trackIds.length; index++) {
    const track = context.tracks.get(trackIds[index]!);
    if (track === undefined) {
      throw new InvalidArgumentError({
        argument: `fact.trackIds[${index}]`,
        value: trackIds[index],
        message: `no track '${trackIds[index]}' in clip '${clip.id}'`,
      });
    }
    objects[index] = { trackId: track.id, category: track.category, color: colors[index]!.name };
  }

  const sets = templateSetsFor(fact);
  const question = compileTemplate(random.pick(sets.questions));
  const answer = compileTemplate(random.pick(sets.answers));
  const values: PlaceholderValues = single
    ? { COLOR: colors[0]!.name }
    : { COLOR1: colors[0]!.name, COLOR2: colors[1]!.name };
  let answerValues = values;
  switch (fact.task) {
    case 'traveled_distance':
      setStartEnd(values, fact.label.start, fact.label.end);
      values.DISTANCE = formatDistance(fact.label.meters, random).text;
      break;
    case 'traveling_speed':
      setStartEnd(values, fact.label.start, fact.label.end);
      values.SPEED = formatSpeed(fact.label.metersPerSecond, random).text;
      break;
    case 'movement_direction':
      values.CLOCK = formatClock(fact.label.clock);
      break;
    case 'direction_timestamp':
      values.CLOCK = formatClock(fact.label.clock);
      setStartEnd(values, fact.label.start, fact.label.end);
      break;
    case 'traveled_distance_comparison':
    case 'traveling_speed_comparison': {
      const answerIndex = checkAnswerTrack(fact);
      answerValues = { COLOR1: colors[answerIndex]!.name, COLOR2: colors[1 - answerIndex]!.name };
      break;
    }
    case 'movement_direction_comparison':
      if (typeof fact.label.same !== 'boolean')
        throw new InvalidArgumentError({
          argument: 'fact.label.same',
          value: fact.label.same,
          message: 'must be a boolean',
        });
      break;
  }

  const human = `${VIDEO_TOKEN}\n${renderCompiled(context.commonPrompt(sets.commonPrompt), values)}${renderCompiled(question, values)}`;
  // Built in a fixed key order so serialised samples are byte-stable.
  const sample: Record<string, unknown> = {
    id: options.id ?? sampleIdFor(clip.id, fact),
    task: fact.task,
    clipId: clip.id,
    source: clip.source,
    frameTimes: context.frameTimes,
  };
  if (context.frameTimestamps !== undefined) sample.frameTimestamps = context.frameTimestamps;
  // Camera-free (nothing can be drawn): marked so nobody trains a video model on it; the prompt keeps the SPEC wording.
  if (!context.visualPrompt) sample.visualPrompt = false;
  sample.objects = objects;
  sample.label = fact.label;
  sample.conversations = [
    { from: 'human', value: human },
    { from: 'gpt', value: renderCompiled(answer, answerValues) },
  ];
  return sample as unknown as Sample;
}

function setStartEnd(values: PlaceholderValues, start: number, end: number): void {
  if (!(end > start))
    throw new InvalidArgumentError({
      argument: 'fact.label',
      value: { start, end },
      message: 'interval must have end > start',
    });
  values.START = formatSeconds(start);
  values.END = formatSeconds(end);
}

function checkTrackCount(fact: Fact, expected: number): void {
  const ids = fact.trackIds;
  if (ids.length !== expected || (expected === 2 && ids[0] === ids[1])) {
    throw new InvalidArgumentError({
      argument: 'fact.trackIds',
      value: ids,
      message: `task ${fact.task} needs ${expected === 1 ? 'one track id' : 'two different track ids'}`,
    });
  }
}

/** Index (0 or 1) of the answer track; checks it against the values and polarity when both values are given. */
function checkAnswerTrack(
  fact: Extract<Fact, { task: 'traveled_distance_comparison' | 'traveling_speed_comparison' }>,
): number {
  const { answerTrackId, values, polarity } = fact.label;
  const answerIndex = fact.trackIds.indexOf(answerTrackId);
  if (answerIndex < 0) {
    throw new InvalidArgumentError({
      argument: 'fact.label.answerTrackId',
      value: answerTrackId,
      message: `must be one of ${fact.trackIds.join(', ')}`,
    });
  }
  const mine = values[answerTrackId];
  const other = values[fact.trackIds[1 - answerIndex]!];
  if (mine !== undefined && other !== undefined && (polarity === 'positive' ? !(mine > other) : !(mine < other))) {
    throw new InvalidArgumentError({
      argument: 'fact.label.answerTrackId',
      value: answerTrackId,
      message: `a ${polarity} question's answer must be the ${polarity === 'positive' ? 'larger' : 'smaller'} value (${mine} vs ${other})`,
    });
  }
  return answerIndex;
}

/** Options of {@link buildSamples}. */
export interface BuildSamplesOptions extends Omit<BuildSampleOptions, 'fact' | 'id'> {
  /** The facts of the clip. */
  facts: readonly Fact[];
}

/**
 * Builds the samples of one clip, one per fact, in order. Each sample draws
 * from `random.fork(id)`, so its wording does not depend on the other facts
 * or their order. Throws {@link InvalidArgumentError} when two facts give
 * the same id (they ask the same question).
 */
export function buildSamples(options: BuildSamplesOptions): Sample[] {
  const { clip, facts, random, maxFrames, palette, durationSeconds } = options;
  const out: Sample[] = [];
  const seen = new Map<string, number>();
  for (let index = 0; index < facts.length; index++) {
    const fact = facts[index]!;
    const id = sampleIdFor(clip.id, fact);
    const previous = seen.get(id);
    if (previous !== undefined) {
      throw new InvalidArgumentError({
        argument: `facts[${index}]`,
        value: id,
        message: `asks the same question as facts[${previous}] (id '${id}')`,
      });
    }
    seen.set(id, index);
    // Explicit properties, not a spread: a spread options object made this loop several times slower.
    out.push(buildSample({ clip, fact, id, random: random.fork(id), maxFrames, palette, durationSeconds }));
  }
  return out;
}
