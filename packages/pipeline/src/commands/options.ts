/**
 * Shared CLI option parsing. Every flag is validated once, up front, before
 * anything is read or written: a bad value is an {@link InvalidArgumentError}
 * naming the flag (exit code 2), never a per-clip message or a late crash.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InvalidArgumentError } from '@stkit/core';

/** Bounds of an integer option. */
export interface IntegerBounds {
  /** Smallest accepted value. */
  min?: number;
  /** Largest accepted value. */
  max?: number;
}

/** Parses an integer option, with a default when absent; values outside `bounds` name the flag. */
export function parseIntegerOption(
  name: string,
  value: string | undefined,
  fallback: number,
  bounds: IntegerBounds = {},
): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(number)) {
    throw new InvalidArgumentError({ argument: name, value, message: `expected an integer, got '${value}'` });
  }
  if (bounds.min !== undefined && number < bounds.min)
    throw new InvalidArgumentError({ argument: name, value, message: `must be at least ${bounds.min}, got ${number}` });
  if (bounds.max !== undefined && number > bounds.max)
    throw new InvalidArgumentError({ argument: name, value, message: `must be at most ${bounds.max}, got ${number}` });
  return number;
}

/** The message of a missing `--redis` flag. */
export const REDIS_REQUIRED = 'is required (e.g. redis://localhost:6379)';

/**
 * The value of a required flag.
 * @param name - the flag, e.g. `--redis` (named in the error).
 * @param value - its parsed value; `undefined` or `''` count as missing.
 * @param message - the error's message. @default 'is required'
 * @throws {@link InvalidArgumentError} naming the flag when it is missing (exit code 2)
 */
export function requireOption(name: string, value: string | undefined, message = 'is required'): string {
  if (value === undefined || value === '') throw new InvalidArgumentError({ argument: name, message });
  return value;
}

/**
 * `parseArgs` in strict mode, with its errors (an unknown flag, a missing
 * value, a stray positional) turned into one {@link InvalidArgumentError}
 * naming the flag and pointing at `--help`, instead of Node's raw message.
 */
export function parseFlags<T extends ParseArgsConfig>(config: T, command: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) throw error;
    const message = (error as Error).message;
    const flag = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? /'([^']+)'/.exec(message)?.[1] ?? '(arguments)';
    const what =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? 'unknown flag'
        : code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
          ? 'unexpected argument (every value follows its flag)'
          : /argument missing/.test(message)
            ? 'needs a value'
            : /ambiguous/.test(message)
              ? `its value starts with '-'; write it as ${/'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? '--flag'}=VALUE`
              : 'takes no value';
    throw new InvalidArgumentError({ argument: flag, message: `${what}; see ${command} --help`, cause: error });
  }
}

/** Exit codes of the `stkit` and `stkit-bench` commands (docs/pages/errors.md). */
export const EXIT_CODES = {
  ok: 0,
  /** No command given: usage printed. */
  usage: 1,
  /** Bad flag or bad input (a typed STKit error); nothing partial is left under a final name. */
  badInput: 2,
  /** An internal error (a bug): please report it. */
  internal: 70,
  /** The output could not be written (disk full, a folder where a file belongs, …). */
  outputFailed: 74,
  /** Interrupted (Ctrl-C); rerun the same command to resume. */
  interrupted: 130,
} as const;

/**
 * One line for a Node.js system error (`EISDIR`, `ENOSPC`, …) met while
 * reading or writing, or undefined when `error` is not one.
 */
export function describeSystemError(error: unknown): string | undefined {
  const system = error as { code?: unknown; syscall?: unknown; path?: unknown; message?: unknown };
  if (typeof system?.code !== 'string' || typeof system.syscall !== 'string' || !/^E[A-Z]+$/.test(system.code))
    return undefined;
  const reasons: Record<string, string> = {
    EISDIR: 'a folder is where a file belongs',
    ENOTDIR: 'a file is where a folder belongs',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOSPC: 'no space left on the device',
    EROFS: 'read-only file system',
    EEXIST: 'already exists',
    ENOENT: 'no such file or folder',
    EMFILE: 'too many open files',
  };
  const where = typeof system.path === 'string' ? system.path : '(unknown path)';
  return `cannot ${system.syscall} ${where}: ${reasons[system.code] ?? String(system.message)} (${system.code})`;
}
