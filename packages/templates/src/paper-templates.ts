/**
 * Typed access to the paper's templates and the rules that choose a
 * question set and an answer set for a fact (SPEC §2 "Direction comparison
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

const setCache = new Map<string, TemplateSets>();

function makeSets(key: string, build: () => Omit<TemplateSets, 'name'>): TemplateSets {
  let sets = setCache.get(key);
  if (sets === undefined) {
    sets = Object.freeze({ ...build(), name: key });
    setCache.set(key, sets);
  }
  return sets;
}

/**
 * The template sets for a fact:
 * - distance / speed: the first 6 questions and 5 answers when
 *   `fact.wholeVideo`, the [START]/[END] ones otherwise;
 * - movement direction, direction timestamp: all questions and answers;
 * - distance / speed comparison: `positive_*` or `negative_*` by `label.polarity`;
 * - direction comparison: questions by polarity; answers
 *   `true_positive` (positive, same), `true_negative` (negative, same),
 *   `false_positive` (positive, different), `false_negative` (negative, different).
 */
export function templateSetsFor(fact: Fact): TemplateSets {
  const task: TaskId = fact.task;
  switch (fact.task) {
    case 'traveled_distance':
    case 'traveling_speed': {
      const whole = fact.wholeVideo === true;
      const source = PAPER_TEMPLATES[fact.task];
      const key = `${fact.task}:${whole ? 'questions[0..6)/answers[0..5)' : 'questions[6..)/answers[5..)'}`;
      return makeSets(key, () => ({
        commonPrompt: source.common_prompt,
        questions: whole ? source.questions.slice(0, WHOLE_VIDEO_QUESTION_COUNT) : source.questions.slice(WHOLE_VIDEO_QUESTION_COUNT),
        answers: whole ? source.answers.slice(0, WHOLE_VIDEO_ANSWER_COUNT) : source.answers.slice(WHOLE_VIDEO_ANSWER_COUNT),
      }));
    }
    case 'movement_direction':
    case 'direction_timestamp': {
      const source = PAPER_TEMPLATES[fact.task];
      return makeSets(`${fact.task}:questions/answers`, () => ({ commonPrompt: source.common_prompt, questions: source.questions, answers: source.answers }));
    }
    case 'traveled_distance_comparison':
    case 'traveling_speed_comparison': {
      const polarity = checkPolarity(fact.label.polarity, task);
      const source = PAPER_TEMPLATES[fact.task];
      return makeSets(`${fact.task}:${polarity}_questions/${polarity}_answers`, () => ({
        commonPrompt: source.common_prompt,
        questions: polarity === 'positive' ? source.positive_questions : source.negative_questions,
        answers: polarity === 'positive' ? source.positive_answers : source.negative_answers,
      }));
    }
    case 'movement_direction_comparison': {
      const polarity = checkPolarity(fact.label.polarity, task);
      const answerSet = `${fact.label.same ? 'true' : 'false'}_${polarity}_answers` as const;
      const source = PAPER_TEMPLATES.movement_direction_comparison;
      return makeSets(`${fact.task}:${polarity}_questions/${answerSet}`, () => ({
        commonPrompt: source.common_prompt,
        questions: polarity === 'positive' ? source.positive_questions : source.negative_questions,
        answers: source[answerSet],
      }));
    }
    default:
      throw new InvalidArgumentError({ argument: 'fact.task', value: task, message: 'unknown task id' });
  }
}

function checkPolarity(polarity: unknown, task: string): 'positive' | 'negative' {
  if (polarity === 'positive' || polarity === 'negative') return polarity;
  throw new InvalidArgumentError({ argument: 'fact.label.polarity', value: polarity, message: `must be 'positive' or 'negative' (task ${task})` });
}
