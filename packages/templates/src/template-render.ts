/**
 * Filling template placeholders. A template is compiled once into literal
 * parts and placeholder slots (cached per template string), so rendering is
 * a plain concatenation loop: no regular expressions in the hot path.
 */
import { InvalidArgumentError } from '@stkit/core';

/**
 * The placeholders of the paper's templates. `FRAME_LIST` stands for the
 * whole `[SECOND1]s,[SECOND2]s,[SECOND3]s, ... .` run of the common prompt
 * except its final full stop (see {@link FRAME_LIST_PATTERN}).
 */
export const PLACEHOLDERS = [
  'SECONDS',
  'FRAMES',
  'FRAME_LIST',
  'COLOR',
  'COLOR1',
  'COLOR2',
  'START',
  'END',
  'DISTANCE',
  'SPEED',
  'CLOCK',
] as const;

/** A placeholder name (without brackets). */
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Values for the placeholders of a template (already formatted text). */
export type PlaceholderValues = { [K in Placeholder]?: string | undefined };

/**
 * The frame-list run of the common prompt, verbatim. It is replaced as a
 * whole by `[FRAME_LIST].`, so the expanded text reads
 * `These frames are located at 0.00s,0.50s,1.00s. Please …` (no space before
 * the full stop).
 */
export const FRAME_LIST_PATTERN = '[SECOND1]s,[SECOND2]s,[SECOND3]s, ... .';

/** A template split into literal parts and slots: `parts[0] slot[0] parts[1] … slot[n-1] parts[n]`. */
export interface CompiledTemplate {
  /** The template text as given. */
  readonly source: string;
  /** Literal text; one more entry than `slots`. */
  readonly parts: readonly string[];
  /** Placeholder of each slot, in order. */
  readonly slots: readonly Placeholder[];
}

const known = new Set<string>(PLACEHOLDERS);
const cache = new Map<string, CompiledTemplate>();

/**
 * Compiles a template (cached by its text). Throws
 * {@link InvalidArgumentError} for an unknown or unterminated placeholder.
 */
export function compileTemplate(template: string): CompiledTemplate {
  const cached = cache.get(template);
  if (cached !== undefined) return cached;
  const text = template.split(FRAME_LIST_PATTERN).join('[FRAME_LIST].');
  const parts: string[] = [];
  const slots: Placeholder[] = [];
  let position = 0;
  for (;;) {
    const open = text.indexOf('[', position);
    if (open < 0) break;
    const close = text.indexOf(']', open);
    const name = close < 0 ? '' : text.slice(open + 1, close);
    if (!known.has(name)) {
      throw new InvalidArgumentError({
        argument: 'template',
        value: template,
        message: `unknown placeholder '${close < 0 ? text.slice(open) : `[${name}]`}' (known: ${PLACEHOLDERS.join(', ')})`,
      });
    }
    parts.push(text.slice(position, open));
    slots.push(name as Placeholder);
    position = close + 1;
  }
  parts.push(text.slice(position));
  const compiled: CompiledTemplate = Object.freeze({
    source: template,
    parts: Object.freeze(parts),
    slots: Object.freeze(slots),
  });
  cache.set(template, compiled);
  return compiled;
}

/**
 * Renders a compiled template. Every slot must have a value; a missing one
 * throws {@link InvalidArgumentError} naming it.
 */
export function renderCompiled(compiled: CompiledTemplate, values: PlaceholderValues): string {
  const { parts, slots } = compiled;
  let out = parts[0]!;
  for (let index = 0; index < slots.length; index++) {
    const value = values[slots[index]!];
    if (value === undefined) {
      throw new InvalidArgumentError({
        argument: `values.${slots[index]}`,
        message: `no value for [${slots[index]}] in template "${compiled.source}"`,
      });
    }
    out += value + parts[index + 1]!;
  }
  return out;
}

/** Fills a template's placeholders: `renderTemplate('[CLOCK] o\'clock', { CLOCK: '3' })` → `"3 o'clock"`. */
export function renderTemplate(template: string, values: PlaceholderValues): string {
  return renderCompiled(compileTemplate(template), values);
}

/**
 * Substitutes the given placeholders now and keeps the others as slots:
 * used to render the clip-dependent part of the common prompt once per clip
 * and only the colours per sample.
 */
export function bindTemplate(compiled: CompiledTemplate, values: PlaceholderValues): CompiledTemplate {
  const parts: string[] = [compiled.parts[0]!];
  const slots: Placeholder[] = [];
  for (let index = 0; index < compiled.slots.length; index++) {
    const slot = compiled.slots[index]!;
    const value = values[slot];
    if (value === undefined) {
      slots.push(slot);
      parts.push(compiled.parts[index + 1]!);
    } else {
      parts[parts.length - 1] += value + compiled.parts[index + 1]!;
    }
  }
  return Object.freeze({ source: compiled.source, parts: Object.freeze(parts), slots: Object.freeze(slots) });
}
