/** Shared CLI option parsing. */
import { InvalidArgumentError } from '@stkit/core';

/** Parses an integer option, with a default when absent. */
export function parseIntegerOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(number)) {
    throw new InvalidArgumentError({ argument: name, value, message: `expected an integer, got '${value}'` });
  }
  return number;
}
