/**
 * The dataset readers, as `@stkit/datasets/registry` discovers them: each
 * reader declares its id, options schema and factory in its own folder, and
 * is imported only when used. Nothing here lists datasets.
 */
import {
  findDatasetReader,
  listDatasetReaders,
  type DatasetReader,
  type DatasetReaderDefinition,
  type ReadClipsOptions,
} from '@stkit/datasets/registry';

export {
  findDatasetReader,
  listDatasetReaders,
  parseReaderOptions,
  optionFlag,
  type DatasetReaderDefinition,
} from '@stkit/datasets/registry';

/** A loaded reader (the `DatasetReader` contract of `@stkit/datasets`). */
export type LoadedReader = DatasetReader<ReadClipsOptions & Record<string, unknown>>;

/** Imports and creates the reader registered under `dataset`. @throws InvalidArgumentError listing the known ids. */
export async function loadDatasetReader(dataset: string): Promise<LoadedReader> {
  const definition: DatasetReaderDefinition = await findDatasetReader(dataset);
  return (await definition.create()) as LoadedReader;
}

/** The registered dataset ids, sorted. */
export async function datasetIds(): Promise<string[]> {
  return (await listDatasetReaders()).map((definition) => definition.id);
}
