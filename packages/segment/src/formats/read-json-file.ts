/** Reads and parses a JSON file; a missing file or bad JSON is a `DatasetFormatError` naming it. */
import { frameFormatError } from '../frame-error';
import { readSourceText } from './read-source-file';

export async function readJsonFile(file: string, frameIndex?: number): Promise<unknown> {
  const text = await readSourceText({ file, frameIndex });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw frameFormatError({ file, frameIndex }, `not valid JSON (${(error as Error).message})`, error);
  }
}

/** The first zod issue as `{ field, message }`. */
export function firstIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): {
  field: string;
  message: string;
} {
  const issue = error.issues[0];
  return { field: issue ? issue.path.map(String).join('.') : '', message: issue?.message ?? 'invalid' };
}
