/** What a CLI command needs from its process: output streams, an abort signal, the environment. */
import { InvalidArgumentError } from '@stkit/core';

/** Streams and signal of a command run. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  /** Aborted on Ctrl-C. */
  readonly signal?: AbortSignal;
  /** @default process.env */
  readonly env?: Record<string, string | undefined>;
}

/** Parses an integer flag ≥ `min`, naming the flag in the error. */
export function intFlag(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min)
    throw new InvalidArgumentError({ argument: `--${flag}`, value, message: `must be an integer ≥ ${min}` });
  return number;
}

/** Parses a finite number flag, naming the flag in the error. */
export function numberFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number))
    throw new InvalidArgumentError({ argument: `--${flag}`, value, message: 'must be a number' });
  return number;
}

/** Throws when a required flag is missing. */
export function required<T>(value: T | undefined, flag: string): T {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
    throw new InvalidArgumentError({ argument: `--${flag}`, message: 'is required (see --help)' });
  return value;
}

/** Parses comma-separated numbers (bin edges). */
export function numberListFlag(value: string | undefined, flag: string): number[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((item) => {
    const number = Number(item.trim());
    if (item.trim() === '' || !Number.isFinite(number))
      throw new InvalidArgumentError({ argument: `--${flag}`, value, message: 'must be comma-separated numbers' });
    return number;
  });
}
