/** Minimal valid `Sample`s for tests. */
import type { Sample, TaskId } from '@stkit/core';

const labels: { [T in TaskId]: Extract<Sample, { task: T }>['label'] } = {
  traveled_distance: { start: 0, end: 5, meters: 12.5 },
  traveling_speed: { start: 0, end: 5, metersPerSecond: 2.5 },
  movement_direction: { clock: 3 },
  direction_timestamp: { clock: 3, start: 1, end: 2.5 },
  traveled_distance_comparison: { polarity: 'positive', answerTrackId: 'a', values: { a: 10, b: 5 } },
  traveling_speed_comparison: { polarity: 'negative', answerTrackId: 'b', values: { a: 10, b: 5 } },
  movement_direction_comparison: { polarity: 'positive', same: true },
};

/** A sample of `task` with the given id, question and answer. */
export function makeSample(
  task: TaskId,
  id: string,
  question = 'How far does the object travel?',
  answer = 'It travels 12.50 m.',
  clipId = 'clip-1',
): Sample {
  return {
    id,
    task,
    clipId,
    source: { dataset: 'demo', log: 'log-1' },
    frameTimes: [0, 0.5, 1],
    objects: [{ trackId: 'a', category: 'car', color: 'red' }],
    label: labels[task],
    conversations: [
      { from: 'human', value: question },
      { from: 'gpt', value: answer },
    ],
  } as Sample;
}
