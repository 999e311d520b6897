/**
 * The dataset reader registry (`@stkit/datasets/registry`). Every folder of
 * this package with a `definition.ts` (in the build: `dist/definitions/<folder>.js`)
 * is a reader, discovered at run time — there is no list to edit. Readers
 * from outside the package join with {@link registerDatasetReader}.
 */
import { readdir } from 'node:fs/promises';
import { InvalidArgumentError } from '@stkit/core';
import type { DatasetReaderDefinition } from './reader-definition';

export {
  defineDatasetReader,
  optionFlag,
  parseReaderOptions,
  type CommonReaderOption,
  type DatasetReaderDefinition,
  type ReaderOptionSpec,
} from './reader-definition';
export type { ClipReadEvent, DatasetReader, ReadClipsOptions, UnitProgress } from './reader';

const extra = new Map<string, DatasetReaderDefinition>();
let discovered: Promise<DatasetReaderDefinition[]> | undefined;

async function entries(url: URL): Promise<string[]> {
  try {
    return await readdir(url);
  } catch {
    return [];
  }
}

/** Imports every definition module of the package (source layout, then build layout). */
async function discover(): Promise<DatasetReaderDefinition[]> {
  const here = new URL('./', import.meta.url);
  const modules: string[] = [];
  for (const name of (await entries(here)).sort()) {
    if ((await entries(new URL(`${name}/`, here))).includes('definition.ts'))
      modules.push(new URL(`${name}/definition.ts`, here).href);
  }
  for (const name of (await entries(new URL('definitions/', here))).sort()) {
    if (name.endsWith('.js')) modules.push(new URL(`definitions/${name}`, here).href);
  }
  const found: DatasetReaderDefinition[] = [];
  for (const href of modules) {
    const module = (await import(href)) as { default: DatasetReaderDefinition | readonly DatasetReaderDefinition[] };
    found.push(...(Array.isArray(module.default) ? module.default : [module.default as DatasetReaderDefinition]));
  }
  return found;
}

/**
 * Every registered reader, sorted by id.
 * @throws {@link InvalidArgumentError} for `dataset`: two readers declare this id
 */
export async function listDatasetReaders(): Promise<DatasetReaderDefinition[]> {
  discovered ??= discover();
  const all = new Map<string, DatasetReaderDefinition>();
  for (const definition of [...(await discovered), ...extra.values()]) {
    if (all.has(definition.id))
      throw new InvalidArgumentError({
        argument: 'dataset',
        value: definition.id,
        message: 'two readers declare this id',
      });
    all.set(definition.id, definition);
  }
  return [...all.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The reader declared under `id`.
 * @throws InvalidArgumentError listing the known ids.
 */
export async function findDatasetReader(id: string): Promise<DatasetReaderDefinition> {
  const all = await listDatasetReaders();
  const definition = all.find((candidate) => candidate.id === id);
  if (!definition)
    throw new InvalidArgumentError({
      argument: '--dataset',
      value: id,
      message: `expected one of ${all.map((d) => d.id).join(', ')}`,
    });
  return definition;
}

/** Adds a reader defined outside this package (e.g. by a plugin). */
export function registerDatasetReader(definition: DatasetReaderDefinition): void {
  extra.set(definition.id, definition);
}
