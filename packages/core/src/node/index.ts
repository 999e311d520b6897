/**
 * `@stkit/core/node`: helpers that need Node's file system, kept off the main entry so the contracts stay
 * importable anywhere.
 */
export { temporaryPathFor, writeFileAtomic } from './atomic-write';
export { loadOptionalPeer, loadSharp, type LoadOptionalPeerOptions } from './optional-peer';
export { readRegularFile, requireRegularFile } from './read-regular-file';
