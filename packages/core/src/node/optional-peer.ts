/**
 * Optional peer dependencies (sharp, better-sqlite3 …) are imported on first
 * use, never at import time, so a user who does not need them does not have
 * to install them. This is the one loader: it caches the module per name,
 * forgets a failed load (so installing the package mid-process works), and
 * turns a missing package into a {@link BackendLoadError} with the install
 * command.
 */
import { BackendLoadError } from '../errors';

const loads = new Map<string, Promise<unknown>>();

/** Options of {@link loadOptionalPeer}. */
export interface LoadOptionalPeerOptions {
  /** What the package is needed for, completing "… is needed <neededFor>", e.g. `to read PNG masks`. */
  readonly neededFor: string;
  /** How to install it. @default `npm install <name>` */
  readonly hint?: string | undefined;
}

/**
 * Imports the optional peer `name` once (its default export when it has one, else the module namespace).
 * `T` is the caller's view of the module, e.g. `typeof import('sharp')`.
 *
 * @param name - The package name, as given to `import()`.
 * @returns The module.
 * @throws {@link BackendLoadError} when it cannot be loaded: names the package, what it is needed for, and the install command.
 */
export function loadOptionalPeer<T>(name: string, options: LoadOptionalPeerOptions): Promise<T> {
  let load = loads.get(name);
  if (load === undefined) {
    // The specifier is a variable so bundlers leave the optional peer alone.
    const specifier = name;
    load = import(/* @vite-ignore */ specifier).then(
      (module: { default?: unknown }) => module.default ?? module,
      (cause: unknown) => {
        loads.delete(name);
        throw new BackendLoadError({
          backend: name,
          message: `${name} is needed ${options.neededFor} but could not be loaded`,
          hint: options.hint ?? `npm install ${name}`,
          cause,
        });
      },
    );
    loads.set(name, load);
  }
  return load as Promise<T>;
}

/**
 * Loads sharp (an optional peer of the packages that read or draw images): {@link loadOptionalPeer} for `sharp`.
 * `T` is the caller's view of the module, usually `typeof import('sharp')`.
 *
 * @param neededFor - What sharp is needed for, e.g. `to draw frames`.
 * @throws {@link BackendLoadError} with the hint `npm install sharp` when sharp is not installed or fails to load.
 */
export function loadSharp<T>(neededFor: string): Promise<T> {
  return loadOptionalPeer<T>('sharp', { neededFor });
}
