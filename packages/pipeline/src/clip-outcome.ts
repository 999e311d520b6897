/**
 * What one input clip turns into: its serialised sample lines and counts, or
 * the record of why it was rejected. Computed in-process or in a worker
 * thread; the two give identical results.
 */
import { DatasetFormatError, StkitError, parseJsonLine, safeParseClip, type Clip } from '@stkit/core';
import { generateClipSamples, type ClipSamplesOptions, type TaskCounts } from './clip-samples';

/** One invalid clip as recorded in the manifest. */
export interface InvalidClipRecord {
  file: string;
  line: number;
  field: string | undefined;
  message: string;
}

/** The outcome of one input clip. */
export type ClipOutcome =
  | { kind: 'ok'; lines: string[]; counts: TaskCounts; dataset: string }
  | { kind: 'invalid'; record: InvalidClipRecord };

/** A raw line of a clips file, parsed wherever it is processed. */
export interface RawClipLine {
  kind: 'raw';
  file: string;
  line: number;
  text: string;
}

/**
 * Samples of a schema-valid clip. Data the schema cannot see (duplicate
 * track ids, frame times that do not increase) makes kinematics throw a
 * `StkitError`; the clip is then an invalid outcome, located at `file`/`line`.
 */
export function outcomeOfClip(
  clip: Clip,
  options: ClipSamplesOptions,
  location: { file: string; line: number } = { file: '<input>', line: 0 },
): ClipOutcome {
  let result: ReturnType<typeof generateClipSamples>;
  try {
    result = generateClipSamples(clip, options);
  } catch (error) {
    if (!StkitError.isInstance(error)) throw error;
    const field = (error as { field?: unknown }).field;
    return {
      kind: 'invalid',
      record: {
        file: location.file,
        line: location.line,
        field: typeof field === 'string' ? field : undefined,
        message: `${location.file} (row ${location.line}): ${error.message}`,
      },
    };
  }
  const lines = new Array<string>(result.samples.length);
  for (let index = 0; index < lines.length; index++) lines[index] = JSON.stringify(result.samples[index]);
  return { kind: 'ok', lines, counts: result.counts, dataset: clip.source.dataset };
}

/** Record of a rejected clip. */
export function invalidOutcome(file: string, line: number, error: DatasetFormatError): ClipOutcome {
  return { kind: 'invalid', record: { file, line, field: error.field, message: error.message } };
}

/** Parses, validates and processes one raw line. */
export function outcomeOfLine(raw: RawClipLine, options: ClipSamplesOptions): ClipOutcome {
  let json: unknown;
  try {
    json = parseJsonLine(raw.text, { file: raw.file, line: raw.line });
  } catch (error) {
    if (DatasetFormatError.isInstance(error)) return invalidOutcome(raw.file, raw.line, error);
    throw error;
  }
  const parsed = safeParseClip(json, { file: raw.file, line: raw.line });
  return parsed.success ? outcomeOfClip(parsed.value, options, raw) : invalidOutcome(raw.file, raw.line, parsed.error);
}
