/**
 * Validating entry points for the data contracts. Errors name the offending
 * JSON path (`tracks[3].samples[0].center[2]`) and, when given, the file and line.
 */
import type { z } from 'zod/v4';
import { DatasetFormatError } from './errors';
import { isValidClip } from './fast-validate';
import { ClipSchema, SampleSchema, type Clip, type Sample } from './schemas';

/** Where a value came from, for error messages. */
export interface ParseLocation {
  /** File path (or another name of the input). @default '<input>' */
  file?: string;
  /** 1-based line number (JSONL) or record number. */
  line?: number;
}

/** Result of a `safe*` parse. */
export type SafeParseResult<T> = { success: true; value: T } | { success: false; error: DatasetFormatError };

/**
 * Formats a zod issue path as `a.b[2].c`.
 * @returns the path as text (empty for the root).
 */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

function toError(error: z.ZodError, location: ParseLocation | undefined): DatasetFormatError {
  const issue = error.issues[0]!;
  const more =
    error.issues.length > 1 ? ` (and ${error.issues.length - 1} more issue${error.issues.length > 2 ? 's' : ''})` : '';
  return new DatasetFormatError({
    file: location?.file ?? '<input>',
    row: location?.line,
    field: formatIssuePath(issue.path),
    reason: `${issue.message}${more}`,
    cause: error,
  });
}

function makeParsers<T>(schema: z.ZodType<T>) {
  const safeParse = (value: unknown, location?: ParseLocation): SafeParseResult<T> => {
    const result = schema.safeParse(value);
    return result.success
      ? { success: true, value: result.data }
      : { success: false, error: toError(result.error, location) };
  };
  const parse = (value: unknown, location?: ParseLocation): T => {
    const result = safeParse(value, location);
    if (!result.success) throw result.error;
    return result.value;
  };
  return { parse, safeParse };
}

const zodClipParsers = makeParsers<Clip>(ClipSchema as z.ZodType<Clip>);
// Clips are large (thousands of track samples): a hand-written check accepts
// valid ones without copying them; zod runs only to explain a rejection.
const clipParsers = {
  safeParse: (value: unknown, location?: ParseLocation): SafeParseResult<Clip> =>
    isValidClip(value) ? { success: true, value: value as Clip } : zodClipParsers.safeParse(value, location),
  parse: (value: unknown, location?: ParseLocation): Clip =>
    isValidClip(value) ? (value as Clip) : zodClipParsers.parse(value, location),
};
const sampleParsers = makeParsers<Sample>(SampleSchema as z.ZodType<Sample>);

/** Validates a Clip; throws {@link DatasetFormatError} naming the offending path. */
export const parseClip: (value: unknown, location?: ParseLocation) => Clip = clipParsers.parse;
/** Validates a Clip; returns `{ success, value | error }`. */
export const safeParseClip: (value: unknown, location?: ParseLocation) => SafeParseResult<Clip> = clipParsers.safeParse;
/** Validates a Sample; throws {@link DatasetFormatError} naming the offending path. */
export const parseSample: (value: unknown, location?: ParseLocation) => Sample = sampleParsers.parse;
/** Validates a Sample; returns `{ success, value | error }`. */
export const safeParseSample: (value: unknown, location?: ParseLocation) => SafeParseResult<Sample> =
  sampleParsers.safeParse;

/**
 * Parses one JSONL line into JSON, with a {@link DatasetFormatError} naming
 * file and line for malformed JSON.
 * @param text - the line, without its newline.
 * @param location - file and line, for the error.
 * @returns the parsed JSON value (not validated).
 */
export function parseJsonLine(text: string, location: ParseLocation): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    return failJson(error, location);
  }
}

function failJson(error: unknown, location: ParseLocation): never {
  throw new DatasetFormatError({
    file: location.file ?? '<input>',
    row: location.line,
    reason: `malformed JSON: ${(error as Error).message}`,
    cause: error,
  });
}
