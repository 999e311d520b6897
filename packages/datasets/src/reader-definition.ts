/**
 * What a dataset reader declares about itself, in its own folder
 * (`src/<folder>/definition.ts`, default export): its id, what its root looks
 * like, its own options with their schema, and a factory that imports the
 * reader only when it is used. The registry (`@stkit/datasets/registry`)
 * discovers these files; `stkit gt` and `@stkit/pipeline` list and load
 * readers from it, so a new dataset touches one folder.
 */
import { InvalidArgumentError } from '@stkit/core';
import type { DatasetReader, ReadClipsOptions } from './reader';

/** The schema of one reader-specific option (a `stkit gt --kebab-name` flag, a `camelName` read option). */
export type ReaderOptionSpec =
  | { readonly type: 'string'; readonly description: string }
  | { readonly type: 'enum'; readonly values: readonly string[]; readonly description: string }
  | { readonly type: 'integer'; readonly min?: number; readonly description: string }
  | { readonly type: 'number'; readonly min?: number; readonly description: string }
  | { readonly type: 'list'; readonly description: string };

/** The options every reader may take from the command line, when it declares them in `common`. */
export type CommonReaderOption = 'version' | 'split' | 'camera';

/** A dataset reader's declaration. */
export interface DatasetReaderDefinition<O extends ReadClipsOptions = ReadClipsOptions> {
  /** Dataset id: `stkit gt --dataset <id>`, `Clip.source.dataset`. */
  readonly id: string;
  /** One line: what it reads. */
  readonly title: string;
  /** What `--root` holds (README / usage tables). */
  readonly layout: string;
  /** Which common options it uses. */
  readonly common: readonly CommonReaderOption[];
  /** Its own options, by read-option name (camelCase); the CLI flag is the kebab-case name. */
  readonly options: Readonly<Record<string, ReaderOptionSpec>>;
  /** Imports and creates the reader (heavy dependencies load only here). */
  create(): Promise<DatasetReader<O>>;
}

/**
 * Declares a reader (identity function that checks the declaration's shape).
 * @throws {@link InvalidArgumentError} for `definition.id`: must be lower-case letters, digits and dashes
 * @throws {@link InvalidArgumentError} for `definition.options.…`: is a common option; list it in `common` instead
 */
export function defineDatasetReader<O extends ReadClipsOptions>(
  definition: DatasetReaderDefinition<O>,
): DatasetReaderDefinition<O> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(definition.id)) {
    throw new InvalidArgumentError({
      argument: 'definition.id',
      value: definition.id,
      message: 'must be lower-case letters, digits and dashes',
    });
  }
  for (const name of Object.keys(definition.options)) {
    if (
      ['root', 'version', 'split', 'camera', 'maxClips', 'maxFrames', 'signal', 'onWarning', 'onUnits'].includes(name)
    ) {
      throw new InvalidArgumentError({
        argument: `definition.options.${name}`,
        value: name,
        message: 'is a common option; list it in `common` instead',
      });
    }
  }
  return definition;
}

/**
 * `maxRecordBytes` → `max-record-bytes`.
 * @param name - an option name in camelCase.
 */
export function optionFlag(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/**
 * Parses a reader's own options from raw strings (as the CLI gets them), by
 * its schema. Options the reader does not declare are an error naming the flag.
 * @param raw - by option name (camelCase); `undefined` values are ignored.
 * @throws InvalidArgumentError naming `--flag`.
 */
export function parseReaderOptions(
  definition: DatasetReaderDefinition,
  raw: Readonly<Record<string, string | undefined>>,
): Record<string, unknown> {
  const parsed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const spec = definition.options[name];
    const flag = `--${optionFlag(name)}`;
    if (spec === undefined) {
      const known = Object.keys(definition.options).map((option) => `--${optionFlag(option)}`);
      throw new InvalidArgumentError({
        argument: flag,
        value,
        message: `is not an option of dataset '${definition.id}'${known.length ? ` (its options: ${known.join(', ')})` : ' (it has no options of its own)'}`,
      });
    }
    switch (spec.type) {
      case 'string':
        parsed[name] = value;
        break;
      case 'list':
        parsed[name] = value
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '');
        break;
      case 'enum':
        if (!spec.values.includes(value))
          throw new InvalidArgumentError({
            argument: flag,
            value,
            message: `expected one of ${spec.values.join(', ')}`,
          });
        parsed[name] = value;
        break;
      case 'integer':
      case 'number': {
        const number = Number(value);
        const ok =
          value.trim() !== '' &&
          Number.isFinite(number) &&
          (spec.type === 'number' || Number.isInteger(number)) &&
          (spec.min === undefined || number >= spec.min);
        if (!ok)
          throw new InvalidArgumentError({
            argument: flag,
            value,
            message: `expected ${spec.type === 'integer' ? 'an integer' : 'a number'}${spec.min !== undefined ? ` ≥ ${spec.min}` : ''}`,
          });
        parsed[name] = number;
        break;
      }
    }
  }
  return parsed;
}
