/**
 * Few-shot examples of the LLM extractor, one exchange per task **(ours)**:
 * the paper sends few-shot user/assistant pairs but did not publish them. They
 * fix the JSON keys the parser reads (`answer`, `response`; `answer_start`,
 * `answer_end`, `response_start`, `response_end`; `score`) and show `null`
 * for a response without a value.
 */
import type { TaskId } from '@stkit/core';

/** One user/assistant pair. */
export interface FewShotExample {
  readonly user: string;
  readonly assistant: string;
}

/** Few-shot exchanges per task. */
export const EXTRACTION_FEW_SHOT: Readonly<Record<TaskId, readonly FewShotExample[]>> = Object.freeze({
  traveled_distance: [
    {
      user: [
        'What is the total distance traveled by the given object in the video?',
        'The given object has traveled a total of 32.81 feet.',
        'The object moves roughly 12 meters.',
      ].join('\n'),
      assistant: '{"answer": 10.0, "response": 12.0}',
    },
    {
      user: [
        'How much distance did the object travel during the entire video?',
        'The given object moved a total distance of 5.20 m.',
        'I cannot tell from the frames.',
      ].join('\n'),
      assistant: '{"answer": 5.2, "response": null}',
    },
  ],
  traveling_speed: [
    {
      user: [
        'What is the average speed of the given object in the video?',
        'The average speed of the given object is 5.00 m/s throughout the video.',
        'About 20 km/h.',
      ].join('\n'),
      assistant: '{"answer": 18.0, "response": 20.0}',
    },
  ],
  movement_direction: [
    {
      user: [
        'In which direction does the object move at the end of the video?',
        "The object moves in the direction of 3 o'clock at the end of the video.",
        "It heads toward two o'clock.",
      ].join('\n'),
      assistant: '{"answer": 3, "response": 2}',
    },
  ],
  direction_timestamp: [
    {
      user: [
        "When does the object begin traveling in the 9 o'clock direction?",
        "From 2.00 to 4.50 seconds, the object is heading toward the 9 o'clock direction.",
        'Between 2.5 s and 5 s.',
      ].join('\n'),
      assistant: '{"answer_start": 2.0, "answer_end": 4.5, "response_start": 2.5, "response_end": 5.0}',
    },
  ],
  traveled_distance_comparison: [
    {
      user: [
        'Which object travels a greater distance in the video: the one with the red bounding box or the one with the blue bounding box?',
        'The object annotated with the red bounding box has traveled farther than the object annotated with the blue bounding box.',
        'The blue one moves less than the red one.',
      ].join('\n'),
      assistant: '{"score": 1}',
    },
  ],
  traveling_speed_comparison: [
    {
      user: [
        'Which object moves faster throughout the video, the object annotated with the red bounding box or the blue bounding box?',
        'In the video, the object annotated with the blue bounding box moves faster than the one annotated with the red bounding box.',
        'The red object is faster.',
      ].join('\n'),
      assistant: '{"score": 0}',
    },
  ],
  movement_direction_comparison: [
    {
      user: [
        'Are the objects annotated with the red and blue bounding boxes traveling in the same direction during the entire video?',
        'No, the object annotated with the red bounding box is moving in a different direction from the object annotated with the blue bounding box throughout the video.',
        'They go opposite ways.',
      ].join('\n'),
      assistant: '{"score": 1}',
    },
  ],
});
