/**
 * A kinematic fact: what `@stkit/kinematics` selects to ask about and
 * `@stkit/templates` turns into a `Sample`. Defined here so that the two
 * stages meet only through core.
 */
import type { LabelOf, TaskId } from './schemas';

/** A fact of one task: the label, the tracks it is about, and whether its interval is the object's whole presence. */
export type FactOf<T extends TaskId> = {
  /** Task id. */
  task: T;
  /**
   * Tracks asked about. Single-object tasks: one id. Comparisons: two ids, in
   * the order the question names them (`[COLOR1]`, `[COLOR2]`).
   */
  trackIds: readonly string[];
  /** The answer, in SI units and clip seconds. */
  label: LabelOf<T>;
  /**
   * Distance and speed only: true when `[start, end]` is the object's whole
   * presence in the clip, so the whole-video templates apply.
   */
  wholeVideo?: boolean;
};

/** A fact of any task (discriminated by `task`). */
export type Fact = { [T in TaskId]: FactOf<T> }[TaskId];
