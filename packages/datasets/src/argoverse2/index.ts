/**
 * @packageDocumentation
 * Argoverse 2 sensor-dataset reader (`@stkit/datasets/argoverse2`). Feather
 * tables are read with apache-arrow and an lz4js codec, both loaded on first use.
 */
export {
  createArgoverse2Reader,
  readArgoverse2Clips,
  ARGOVERSE2_DEFAULT_CAMERA,
  type Argoverse2ReadOptions,
} from './argoverse2-reader';
export { loadArgoverse2Log, type Argoverse2Log, type Argoverse2Annotations } from './argoverse2-log';
export { readFeather, type FeatherTable, type FeatherColumnKind } from './read-feather';
