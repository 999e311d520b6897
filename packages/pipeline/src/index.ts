/**
 * @packageDocumentation
 * The STKit pipelines and the stkit CLI: composes the stages, resumable output shards, progress.
 */
export {};
