/**
 * The corruption generator: from one valid input file, the bad variants a
 * user's disk, network or tools produce. Byte-level mutations apply to every
 * format; text-level ones (wrong types, missing fields, huge and non-finite
 * numbers, duplicate keys) to the text formats they make sense for.
 * Deterministic: positions come from a seeded generator, so a failing case
 * reproduces from its id.
 */
import { createRandom } from '@stkit/core';

/** The shape of a file's content. */
export type InputFormat = 'jsonl' | 'json' | 'csv' | 'kitti' | 'binary';

/** What to put where the file belongs. */
export type Replacement =
  | { kind: 'bytes'; bytes: Buffer }
  /** A folder with the file's name. */
  | { kind: 'directory' }
  /** A symbolic link to a character device (`/dev/zero`: endless, `/dev/null`: empty). */
  | { kind: 'device'; path: '/dev/zero' | '/dev/null' }
  /** The valid file is written, then `edit` changes it or the folder around it (a missing frame, a cropped depth map…). */
  | { kind: 'edit'; edit(file: string): Promise<void> };

/** One mutation of a base file. */
export interface Mutation {
  /** Stable name, e.g. `truncate-30`, `bitflip-4`, `wrong-type`. */
  id: string;
  /** The family, for the campaign's figures. */
  family:
    | 'truncation'
    | 'bitflip'
    | 'empty'
    | 'bom'
    | 'special'
    | 'wrong-type'
    | 'missing-field'
    | 'huge-number'
    | 'non-finite'
    | 'duplicate-key'
    | 'npy-header'
    | 'value'
    | 'structure';
  replacement: Replacement;
  /** True when the right outcome is the result of the unmutated file (e.g. a BOM is skipped). */
  sameResult?: boolean;
}

/** Options of {@link mutationsOf}. */
export interface MutationOptions {
  format: InputFormat;
  /** Seed of the bit-flip positions. */
  seed: number;
  /** Number of bit-flip variants. @default 8 */
  bitflips?: number;
  /** Bit flips only inside this byte range (e.g. a compressed body). @default the whole file */
  flipRange?: readonly [number, number];
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Replaces the `occurrence`-th match of `pattern` in `text` (first when absent); undefined when there is none. */
function replaceNth(
  text: string,
  pattern: RegExp,
  replacer: (match: string) => string,
  occurrence = 0,
): string | undefined {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  let count = 0;
  let done = false;
  const out = text.replace(global, (match) => {
    if (done || count++ !== occurrence) return match;
    done = true;
    return replacer(match);
  });
  return done ? out : undefined;
}

function textMutations(text: string, format: InputFormat): Mutation[] {
  const out: Mutation[] = [];
  const add = (id: string, family: Mutation['family'], value: string | undefined): void => {
    if (value !== undefined && value !== text)
      out.push({ id, family, replacement: { kind: 'bytes', bytes: Buffer.from(value) } });
  };
  if (format === 'jsonl' || format === 'json') {
    // A JSON number that is a value (after a colon or in an array).
    const number = /(?<=[:[,]\s*)-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?=\s*[,\]}])/;
    add(
      'wrong-type-string',
      'wrong-type',
      replaceNth(text, number, () => '"12"', 3),
    );
    add(
      'wrong-type-object',
      'wrong-type',
      replaceNth(text, number, () => '{}', 7),
    );
    add(
      'wrong-type-null',
      'wrong-type',
      replaceNth(text, number, () => 'null', 11),
    );
    add(
      'huge-number',
      'huge-number',
      replaceNth(text, number, () => '1e309', 5),
    );
    add(
      'huge-negative',
      'huge-number',
      replaceNth(text, number, () => '-1e309', 9),
    );
    add(
      'huge-finite',
      'huge-number',
      replaceNth(text, number, () => '1.7e308', 13),
    );
    add(
      'nan-token',
      'non-finite',
      replaceNth(text, number, () => 'NaN', 2),
    );
    add(
      'infinity-token',
      'non-finite',
      replaceNth(text, number, () => 'Infinity', 4),
    );
    // Remove the first occurrence of a key and its scalar or bracketed value.
    for (const [index, key] of [
      '"id"',
      '"t"',
      '"center"',
      '"frames"',
      '"token"',
      '"translation"',
      '"response"',
    ].entries()) {
      add(
        `missing-field-${index}`,
        'missing-field',
        replaceNth(text, new RegExp(`${key}\\s*:\\s*(?:"[^"]*"|\\[[^\\]]*\\]|[^,}\\]]+)\\s*,?`), () => ''),
      );
    }
    // Duplicate keys: the first object gets a second, different "id" / "t" (JSON.parse keeps the last).
    add(
      'duplicate-key-id',
      'duplicate-key',
      replaceNth(text, /"id"\s*:\s*"/, (match) => `"id":"duplicate",${match}`),
    );
    add(
      'duplicate-key-t',
      'duplicate-key',
      replaceNth(text, /"t"\s*:\s*/, (match) => `"t":"x",${match}`, 1),
    );
  } else {
    const separator = format === 'csv' ? ',' : ' ';
    const lines = text.split('\n');
    const cell = (row: number, column: number, value: string): string | undefined => {
      const cells = lines[row]?.split(separator);
      if (cells === undefined || cells.length <= column) return undefined;
      cells[column] = value;
      return [...lines.slice(0, row), cells.join(separator), ...lines.slice(row + 1)].join('\n');
    };
    const first = format === 'csv' ? 1 : 0;
    add('wrong-type-cell', 'wrong-type', cell(first + 3, 3, 'abc'));
    add('wrong-type-int', 'wrong-type', cell(first + 5, format === 'csv' ? 1 : 0, '7.5x'));
    add('huge-number', 'huge-number', cell(first + 7, 4, '1e309'));
    add('huge-finite', 'huge-number', cell(first + 9, 5, '1.7e308'));
    add('nan-cell', 'non-finite', cell(first + 11, 6, 'nan'));
    add('inf-cell', 'non-finite', cell(first + 13, 7, 'inf'));
    add(
      'missing-column',
      'missing-field',
      lines.map((line) => line.split(separator).slice(0, -2).join(separator)).join('\n'),
    );
    add(
      'short-row',
      'missing-field',
      cell(first + 2, 0, '') === undefined
        ? undefined
        : [
            ...lines.slice(0, first + 2),
            lines[first + 2]!.split(separator).slice(0, 3).join(separator),
            ...lines.slice(first + 3),
          ].join('\n'),
    );
    if (format === 'csv')
      add(
        'duplicate-key',
        'duplicate-key',
        [
          `${lines[0]},${lines[0]!.split(',')[1]}`,
          ...lines.slice(1).map((line) => (line === '' ? line : `${line},0`)),
        ].join('\n'),
      );
  }
  return out;
}

/** The mutations of one base file (≥ 20 for a text format, ≥ 16 for binary). */
export function mutationsOf(base: Buffer, options: MutationOptions): Mutation[] {
  const out: Mutation[] = [];
  for (let percent = 10; percent <= 90; percent += 10) {
    out.push({
      id: `truncate-${percent}`,
      family: 'truncation',
      replacement: { kind: 'bytes', bytes: base.subarray(0, Math.floor((base.length * percent) / 100)) },
    });
  }
  const random = createRandom(options.seed);
  const [from, to] = options.flipRange ?? [0, base.length];
  for (let index = 0; index < (options.bitflips ?? 8); index++) {
    const bytes = Buffer.from(base);
    const at = from + Math.floor(random.next() * (to - from));
    bytes[at]! ^= 1 << Math.floor(random.next() * 8);
    out.push({ id: `bitflip-${index}@${at}`, family: 'bitflip', replacement: { kind: 'bytes', bytes } });
  }
  out.push({ id: 'empty', family: 'empty', replacement: { kind: 'bytes', bytes: Buffer.alloc(0) } });
  out.push({
    id: 'bom',
    family: 'bom',
    replacement: { kind: 'bytes', bytes: Buffer.concat([BOM, base]) },
    sameResult: options.format === 'jsonl' || options.format === 'json',
  });
  out.push({ id: 'directory', family: 'special', replacement: { kind: 'directory' } });
  out.push({ id: 'dev-zero', family: 'special', replacement: { kind: 'device', path: '/dev/zero' } });
  out.push({ id: 'dev-null', family: 'special', replacement: { kind: 'device', path: '/dev/null' } });
  if (options.format !== 'binary') out.push(...textMutations(base.toString('utf8'), options.format));
  return out;
}
