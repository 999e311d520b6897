/**
 * Opens a nuPlan log database (`.db`, SQLite) read-only through
 * better-sqlite3, loaded lazily so that importing `@stkit/datasets/nuplan`
 * costs nothing until a log is read; checks the tables the reader needs.
 */
import { BackendLoadError, DatasetFormatError } from '@stkit/core';
import { requireRegularFile } from '../shared/format-checks';
import type BetterSqlite3 from 'better-sqlite3';

/** An open log database. */
export type LogDatabase = BetterSqlite3.Database;

/** Tables without which a log cannot be read. */
export const REQUIRED_TABLES = ['lidar_pc', 'lidar_box', 'track', 'category', 'ego_pose', 'scene'] as const;

let driver: Promise<typeof BetterSqlite3> | undefined;

async function loadDriver(): Promise<typeof BetterSqlite3> {
  driver ??= import('better-sqlite3').then(
    (module) => (module as { default?: typeof BetterSqlite3 }).default ?? (module as unknown as typeof BetterSqlite3),
    (error: unknown) => {
      driver = undefined;
      throw new BackendLoadError({
        backend: 'better-sqlite3',
        message: 'better-sqlite3 is needed to read nuPlan .db logs',
        hint: 'npm install better-sqlite3@12',
        cause: error,
      });
    },
  );
  return driver;
}

/** Opens `file` read-only and returns it with the names of its tables; throws `DatasetFormatError` when it is not a nuPlan log. */
export async function openLogDatabase(file: string): Promise<{ database: LogDatabase; tables: Set<string> }> {
  await requireRegularFile(file);
  const Database = await loadDriver();
  let database: LogDatabase | undefined;
  try {
    database = new Database(file, { readonly: true, fileMustExist: true });
    const rows = database.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    const tables = new Set(rows);
    for (const table of REQUIRED_TABLES) {
      if (!tables.has(table))
        throw new DatasetFormatError({ file, field: table, reason: `table '${table}' is missing` });
    }
    return { database, tables };
  } catch (error) {
    database?.close();
    if (DatasetFormatError.isInstance(error)) throw error;
    throw new DatasetFormatError({
      file,
      reason: `not a readable SQLite database: ${(error as Error).message}`,
      cause: error,
    });
  }
}
