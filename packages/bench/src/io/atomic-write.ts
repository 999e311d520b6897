/**
 * Writes a file atomically (temporary name beside the target, fsync, rename), so a reader or a crash never
 * sees a half-written file. One implementation for every package: core's.
 */
export { writeFileAtomic } from '@stkit/core/node';
