/**
 * node:sqlite, loaded without its one-time ExperimentalWarning on stderr (auditd logs a plugin's
 * stderr; a warning there on every start would read like a fault). The API is stable enough for
 * what the spool uses: prepared statements, transactions, RETURNING.
 */
import { createRequire } from "node:module";
import type { DatabaseSync, StatementSync } from "node:sqlite";

export type Database = DatabaseSync;
export type Statement = StatementSync;

const require = createRequire(import.meta.url);

function loadSqlite(): typeof import("node:sqlite") {
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === "string" ? warning : warning.message;
    if (/SQLite is an experimental feature/.test(text)) return;
    return (emit as (...a: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return require("node:sqlite") as typeof import("node:sqlite");
  } finally {
    process.emitWarning = emit;
  }
}

const sqlite = loadSqlite();

/**
 * How long a statement waits for another connection's lock before failing with "database is
 * locked": long enough to outlast an operator's `sqlite3 spool.sqlite 'select ...'` or the WAL
 * recovery a reader runs after a kill -9, short enough that a stuck lock is reported.
 */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Open with the busy timeout already in force: given at open, it covers the very first statement
 * (`PRAGMA journal_mode = WAL` reads the database and meets a reader's lock after a crash), which
 * a `PRAGMA busy_timeout` issued afterwards would not.
 */
export function openDatabase(path: string): Database {
  return new sqlite.DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS });
}
