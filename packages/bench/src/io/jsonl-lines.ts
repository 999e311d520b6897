/** Streams the lines of a text file with their 1-based numbers, without loading it whole. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** One line of a file. */
export interface NumberedLine {
  readonly text: string;
  /** 1-based. */
  readonly line: number;
}

/** Yields the lines of `file` (without line terminators; a trailing `\r` is removed). */
export async function* readLines(file: string, signal?: AbortSignal): AsyncGenerator<NumberedLine> {
  const stream = createReadStream(file, { encoding: 'utf8', signal });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    // A UTF-8 byte-order mark before the first line is not part of the data.
    const body = line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    yield { text: body.endsWith('\r') ? body.slice(0, -1) : body, line };
  }
}
