/**
 * Typed access to the paper's templates and the rules that choose a
 * question set and an answer set for a fact ([definitions §2](docs/pages/definitions.md#comparisons) "Direction comparison
 * answers", the whole-video / interval split of distance and speed).
 */
import { InvalidArgumentError, type Fact, type TaskId } from '@stkit/core';
import { PAPER_TEMPLATES } from './paper-templates.generated';

export { PAPER_TEMPLATES };

/** The verbatim template object (the shape of `templates.json`). */
export type PaperTemplates = typeof PAPER_TEMPLATES;

/** In `traveled_distance` and `traveling_speed`, questions `[0, 6)` are about the whole video, the rest carry [START]/[END]. */
export const WHOLE_VIDEO_QUESTION_COUNT = 6;
/** In `traveled_distance` and `traveling_speed`, answers `[0, 5)` are about the whole video, the rest carry [START]/[END]. */
export const WHOLE_VIDEO_ANSWER_COUNT = 5;

/** The question and answer templates a fact draws from. */
export interface TemplateSets {
  /** The task's common prompt (with its placeholders). */
  readonly commonPrompt: string;
  /** Candidate questions. */
  readonly questions: readonly string[];
  /** Candidate answers. */
  readonly answers: readonly string[];
  /** Name of the set, e.g. `questions[6..]/answers[5..]` or `positive_questions/false_positive_answers`. */
  readonly name: string;
}

// Built once on first use; looked up without building keys per call.
let table: Readonly<Record<string, TemplateSets>> | undefined;

function sets(
  name: string,
  commonPrompt: string,
  questions: readonly string[],
  answers: readonly string[],
): TemplateSets {
  return Object.freeze({
    commonPrompt,
    questions: Object.freeze(questions.slice()),
    answers: Object.freeze(answers.slice()),
    name,
  });
}

function buildTable(): Readonly<Record<string, TemplateSets>> {
  const out: Record<string, TemplateSets> = {};
  for (const task of ['traveled_distance', 'traveling_speed'] as const) {
    const source = PAPER_TEMPLATES[task];
    out[`${task}/whole`] = sets(
      `${task}:questions[0..6)/answers[0..5)`,
      source.common_prompt,
      source.questions.slice(0, WHOLE_VIDEO_QUESTION_COUNT),
      source.answers.slice(0, WHOLE_VIDEO_ANSWER_COUNT),
    );
    out[`${task}/interval`] = sets(
      `${task}:questions[6..)/answers[5..)`,
      source.common_prompt,
      source.questions.slice(WHOLE_VIDEO_QUESTION_COUNT),
      source.answers.slice(WHOLE_VIDEO_ANSWER_COUNT),
    );
  }
  for (const task of ['movement_direction', 'direction_timestamp'] as const) {
    const source = PAPER_TEMPLATES[task];
    out[task] = sets(`${task}:questions/answers`, source.common_prompt, source.questions, source.answers);
  }
  for (const task of ['traveled_distance_comparison', 'traveling_speed_comparison'] as const) {
    const source = PAPER_TEMPLATES[task];
    out[`${task}/positive`] = sets(
      `${task}:positive_questions/positive_answers`,
      source.common_prompt,
      source.positive_questions,
      source.positive_answers,
    );
    out[`${task}/negative`] = sets(
      `${task}:negative_questions/negative_answers`,
      source.common_prompt,
      source.negative_questions,
      source.negative_answers,
    );
  }
  const source = PAPER_TEMPLATES.movement_direction_comparison;
  for (const polarity of ['positive', 'negative'] as const) {
    for (const truth of ['true', 'false'] as const) {
      const answers = `${truth}_${polarity}_answers` as const;
      out[`movement_direction_comparison/${polarity}/${truth}`] = sets(
        `movement_direction_comparison:${polarity}_questions/${answers}`,
        source.common_prompt,
        polarity === 'positive' ? source.positive_questions : source.negative_questions,
        source[answers],
      );
    }
  }
  return Object.freeze(out);
}

const KEY = {
  traveled_distance: ['traveled_distance/whole', 'traveled_distance/interval'],
  traveling_speed: ['traveling_speed/whole', 'traveling_speed/interval'],
  traveled_distance_comparison: ['traveled_distance_comparison/positive', 'traveled_distance_comparison/negative'],
  traveling_speed_comparison: ['traveling_speed_comparison/positive', 'traveling_speed_comparison/negative'],
} as const;

/**
 * The template sets for a fact:
 * - distance / speed: the first 6 questions and 5 answers when
 *   `fact.wholeVideo`, the [START]/[END] ones otherwise;
 * - movement direction, direction timestamp: all questions and answers;
 * - distance / speed comparison: `positive_*` or `negative_*` by `label.polarity`;
 * - direction comparison: questions by polarity; answers
 *   `true_positive` (positive, same), `true_negative` (negative, same),
 *   `false_positive` (positive, different), `false_negative` (negative, different).
 * @throws {@link InvalidArgumentError} for `fact.task`: unknown task id
 */
export function templateSetsFor(fact: Fact): TemplateSets {
  table ??= buildTable();
  const task: TaskId = fact.task;
  switch (fact.task) {
    case 'traveled_distance':
    case 'traveling_speed':
      return table[KEY[fact.task][fact.wholeVideo === true ? 0 : 1]]!;
    case 'movement_direction':
    case 'direction_timestamp':
      return table[fact.task]!;
    case 'traveled_distance_comparison':
    case 'traveling_speed_comparison':
      return table[KEY[fact.task][checkPolarity(fact.label.polarity, task) === 'positive' ? 0 : 1]]!;
    case 'movement_direction_comparison': {
      const polarity = checkPolarity(fact.label.polarity, task);
      return table[`movement_direction_comparison/${polarity}/${fact.label.same ? 'true' : 'false'}`]!;
    }
    default:
      throw new InvalidArgumentError({ argument: 'fact.task', value: task, message: 'unknown task id' });
  }
}

function checkPolarity(polarity: unknown, task: string): 'positive' | 'negative' {
  if (polarity === 'positive' || polarity === 'negative') return polarity;
  throw new InvalidArgumentError({
    argument: 'fact.label.polarity',
    value: polarity,
    message: `must be 'positive' or 'negative' (task ${task})`,
  });
}
