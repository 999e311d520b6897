/**
 * Hand-built benchmark samples for the tests, valid per core's SampleSchema
 * (a test checks that with `parseSample`). Questions follow the paper's
 * templates (templates.json) with the placeholders filled in by hand.
 */
import { parseSample, type LabelOf, type Sample, type TaskId } from '@stkit/core';

const FRAME_TIMES = [0, 1, 2, 3, 4, 5, 6, 7];
const COMMON_ONE = (color: string) =>
  `The video lasts for 8.00 seconds, and 8 frames are uniformly sampled from it. These frames are located at 0.00s,1.00s,2.00s,3.00s,4.00s,5.00s,6.00s,7.00s. Please answer the following questions related to this video.\n\nThere is an object annotated with a ${color} bounding box in the video. `;
const COMMON_TWO = (a: string, b: string) =>
  `The video lasts for 8.00 seconds, and 8 frames are uniformly sampled from it. These frames are located at 0.00s,1.00s,2.00s,3.00s,4.00s,5.00s,6.00s,7.00s. Please answer the following questions related to this video.\n\nThere are two objects annotated with ${a} and ${b} bounding boxes in the video. `;

/** Extra fields of a fixture sample. */
export interface FixtureOptions {
  id?: string;
  dataset?: string;
  question?: string;
  answer?: string;
  tags?: Record<string, string | number | boolean>;
  frames?: string[];
  colors?: [string, string];
}

/** A valid sample of `task` with `label`; the question defaults to the task's first template. */
export function makeSample<T extends TaskId>(task: T, label: LabelOf<T>, options: FixtureOptions = {}): Sample {
  const two = task.endsWith('_comparison');
  const [c1, c2] = options.colors ?? ['red', 'blue'];
  const objects = two
    ? [
        { trackId: 'track-a', category: 'car', color: c1 },
        { trackId: 'track-b', category: 'truck', color: c2 },
      ]
    : [{ trackId: 'track-a', category: 'car', color: c1 }];
  const question = options.question ?? DEFAULT_QUESTIONS[task](c1, c2);
  const value = {
    id: options.id ?? `${task}-1`,
    task,
    clipId: 'clip-1',
    source: { dataset: options.dataset ?? 'nuscenes', log: 'scene-0001', split: 'val' },
    frameTimes: FRAME_TIMES,
    objects,
    label,
    conversations: [
      { from: 'human', value: `<video>\n${two ? COMMON_TWO(c1, c2) : COMMON_ONE(c1)}${question}` },
      { from: 'gpt', value: options.answer ?? 'n/a' },
    ],
    ...(options.frames ? { frames: options.frames } : {}),
    ...(options.tags ? { tags: options.tags } : {}),
  };
  return parseSample(value);
}

const DEFAULT_QUESTIONS: Record<TaskId, (c1: string, c2: string) => string> = {
  traveled_distance: () => 'What is the total distance traveled by a given object from 2.00 seconds to 6.50 seconds?',
  traveling_speed: () => 'What is the average speed of the given object from 1.50 seconds to 7.00 seconds?',
  movement_direction: () => 'In which direction does the object move at the end of the video?',
  direction_timestamp: () => "Describe the timestamp when the object moves in the 3 o'clock direction.",
  traveled_distance_comparison: (a, b) =>
    `Which object travels a greater distance in the video: the one with the ${a} bounding box or the one with the ${b} bounding box?`,
  traveling_speed_comparison: (a, b) =>
    `Which object moves faster throughout the video, the object annotated with the ${a} bounding box or the ${b} bounding box?`,
  movement_direction_comparison: (a, b) =>
    `Is the object annotated with the ${a} bounding box moving in the same direction as the object annotated with the ${b} bounding box in the video?`,
};
