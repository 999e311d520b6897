/**
 * @packageDocumentation
 * nuPlan reader: `.db` SQLite logs (read through better-sqlite3, loaded on
 * first use) → `Clip`s on the 0.5 s grid in the global frame (z up). See
 * README.md in this folder.
 */
export { createNuPlanReader, readNuPlanClips, type NuPlanReadOptions } from './nuplan-reader';
