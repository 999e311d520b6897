/**
 * The STKit error family. Every error thrown by an STKit package is a
 * {@link StkitError}; subclasses carry structured fields and build their
 * message from them, naming the file and place of bad input.
 *
 * `instanceof` fails across duplicate installs of a package, so every class
 * has a static `isInstance(value)` that checks a `Symbol.for` marker instead.
 * Kinds are told apart by literal strings (the static `kind` of each class and
 * the instance `code`), never by runtime class names, which minifiers rename.
 * The codes are listed in `docs/pages/errors.md`.
 */

const marker = Symbol.for('stkit.error');

function markerFor(name: string): symbol {
  return Symbol.for(`stkit.error.${name}`);
}

function hasMarker(error: unknown, name: string): boolean {
  return (error as Record<symbol, unknown>)[markerFor(name)] === true;
}

/** Stable error codes (`error.code`), one per kind; literal strings that survive minification. */
export const STKIT_ERROR_CODES = {
  StkitError: 'STKIT_ERROR',
  InvalidArgumentError: 'STKIT_INVALID_ARGUMENT',
  DatasetFormatError: 'STKIT_DATASET_FORMAT',
  ShapeMismatchError: 'STKIT_SHAPE_MISMATCH',
  BackendLoadError: 'STKIT_BACKEND_LOAD',
  RemoteCallError: 'STKIT_REMOTE_CALL',
} as const;

/** Base class of all STKit errors. */
export class StkitError extends Error {
  /** Literal kind of the class (its marker name); subclasses outside core set their own. */
  static readonly kind: string = 'StkitError';
  /** Stable code of the error's kind, e.g. `STKIT_DATASET_FORMAT` (see {@link STKIT_ERROR_CODES}). */
  readonly code: string;

  /**
   * Creates an error; `cause` is kept as the standard `Error.cause`.
   * @param options - `message`; optional `name` (default `'StkitError'`), stable `code` and `cause`.
   */
  constructor(options: { name?: string | undefined; message: string; cause?: unknown; code?: string | undefined }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = options.name ?? 'StkitError';
    this.code = options.code ?? STKIT_ERROR_CODES.StkitError;
    Object.defineProperty(this, marker, { value: true });
    // Mark every class of the chain by its literal `kind`, so `DatasetFormatError.isInstance` holds for its subclasses too.
    for (
      let ctor: unknown = new.target;
      typeof ctor === 'function' && ctor !== Error;
      ctor = Object.getPrototypeOf(ctor)
    ) {
      if (Object.hasOwn(ctor, 'kind'))
        Object.defineProperty(this, markerFor((ctor as unknown as { kind: string }).kind), { value: true });
    }
  }

  /** True when `error` is an STKit error, whatever copy of the package created it. */
  static isInstance(error: unknown): error is StkitError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}

/** A function or CLI argument is out of its domain. */
export class InvalidArgumentError extends StkitError {
  static override readonly kind: string = 'InvalidArgumentError';
  /** Name of the offending argument or option (dotted path for nested options). */
  readonly argument: string;
  /** The offending value, when it is small enough to be useful. */
  readonly value: unknown;

  /** @param options - `argument` (the option or flag), the offending `value` when useful, `message` (the rule it breaks) and an optional `cause`. */

  constructor(options: { argument: string; value?: unknown; message: string; cause?: unknown }) {
    super({
      name: 'InvalidArgumentError',
      code: STKIT_ERROR_CODES.InvalidArgumentError,
      message: `Invalid argument '${options.argument}': ${options.message}`,
      cause: options.cause,
    });
    this.argument = options.argument;
    this.value = options.value;
  }

  static override isInstance(error: unknown): error is InvalidArgumentError {
    return StkitError.isInstance(error) && hasMarker(error, 'InvalidArgumentError');
  }
}

/**
 * A file read from disk does not have the expected format. `file` is the path,
 * `row` a 1-based line or record number, `field` the column, key or JSON path.
 */
export class DatasetFormatError extends StkitError {
  static override readonly kind: string = 'DatasetFormatError';
  /** Path of the file that holds the bad input. */
  readonly file: string;
  /** Column, key or JSON path of the bad value, when known. */
  readonly field: string | undefined;
  /** 1-based line, row or record number, when known. */
  readonly row: number | undefined;
  /** What is wrong, without the location. */
  readonly reason: string;

  /** @param options - `file`, and where known the `row` (1-based) and `field` of the bad value; `reason` says what is wrong. */
  constructor(options: {
    file: string;
    field?: string | undefined;
    row?: number | undefined;
    reason: string;
    cause?: unknown;
  }) {
    const place = [
      options.row !== undefined ? `row ${options.row}` : undefined,
      options.field !== undefined ? `field '${options.field}'` : undefined,
    ]
      .filter(Boolean)
      .join(', ');
    super({
      name: 'DatasetFormatError',
      code: STKIT_ERROR_CODES.DatasetFormatError,
      message: `${options.file}${place ? ` (${place})` : ''}: ${options.reason}`,
      cause: options.cause,
    });
    this.file = options.file;
    this.field = options.field;
    this.row = options.row;
    this.reason = options.reason;
  }

  static override isInstance(error: unknown): error is DatasetFormatError {
    return StkitError.isInstance(error) && hasMarker(error, 'DatasetFormatError');
  }
}

/** A tensor or array does not have the expected shape. */
export class ShapeMismatchError extends StkitError {
  static override readonly kind: string = 'ShapeMismatchError';
  /** What the shape should be; `-1` or a name stands for any size. */
  readonly expected: readonly (number | string)[];
  /** The shape that was found. */
  readonly actual: readonly number[];
  /** Name of the tensor or argument. */
  readonly what: string;

  /** @param options - `what` (the tensor or argument), the `expected` shape (`-1` or a name for any size) and the `actual` one. */

  constructor(options: {
    what: string;
    expected: readonly (number | string)[];
    actual: readonly number[];
    cause?: unknown;
  }) {
    super({
      name: 'ShapeMismatchError',
      code: STKIT_ERROR_CODES.ShapeMismatchError,
      message: `${options.what}: expected shape [${options.expected.join(', ')}], got [${options.actual.join(', ')}]`,
      cause: options.cause,
    });
    this.what = options.what;
    this.expected = options.expected;
    this.actual = options.actual;
  }

  static override isInstance(error: unknown): error is ShapeMismatchError {
    return StkitError.isInstance(error) && hasMarker(error, 'ShapeMismatchError');
  }
}

/** A model backend or native dependency could not be loaded. */
export class BackendLoadError extends StkitError {
  static override readonly kind: string = 'BackendLoadError';
  /** The backend or module that failed, e.g. `onnxruntime-node` or a model path. */
  readonly backend: string;
  /** How to fix it (an install command, a path to check), when known. */
  readonly hint: string | undefined;

  /** @param options - the `backend` or module that failed, a `message`, and a `hint` to fix it when known. */

  constructor(options: { backend: string; message: string; hint?: string | undefined; cause?: unknown }) {
    super({
      name: 'BackendLoadError',
      code: STKIT_ERROR_CODES.BackendLoadError,
      message: `${options.backend}: ${options.message}${options.hint ? `\n${options.hint}` : ''}`,
      cause: options.cause,
    });
    this.backend = options.backend;
    this.hint = options.hint;
  }

  static override isInstance(error: unknown): error is BackendLoadError {
    return StkitError.isInstance(error) && hasMarker(error, 'BackendLoadError');
  }
}

/** A remote API (chat completions, Redis, …) failed after its retries. */
export class RemoteCallError extends StkitError {
  static override readonly kind: string = 'RemoteCallError';
  /** The endpoint or service, never including credentials. */
  readonly endpoint: string;
  /** HTTP status when there was one. */
  readonly status: number | undefined;
  /** Whether another attempt might succeed. */
  readonly retryable: boolean;

  /** @param options - the `endpoint` (never with credentials), a `message`, the HTTP `status` when there was one and whether it is `retryable`. */

  constructor(options: {
    endpoint: string;
    message: string;
    status?: number | undefined;
    retryable?: boolean | undefined;
    cause?: unknown;
  }) {
    super({
      name: 'RemoteCallError',
      code: STKIT_ERROR_CODES.RemoteCallError,
      message: `${options.endpoint}${options.status !== undefined ? ` (HTTP ${options.status})` : ''}: ${options.message}`,
      cause: options.cause,
    });
    this.endpoint = options.endpoint;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
  }

  static override isInstance(error: unknown): error is RemoteCallError {
    return StkitError.isInstance(error) && hasMarker(error, 'RemoteCallError');
  }
}
