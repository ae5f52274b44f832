/**
 * Alert storage: the indexed filter columns are extracted here, and a request's alerts are
 * written with `INSERT OR IGNORE ... SELECT FROM json_each(?)` — two bound parameters however
 * many rows, so 1000 messages stay within D1's limits (100 parameters, 100 KB of SQL). Rows are
 * split into several such statements only to keep each bound JSON string under D1's 2 MB value
 * limit. Idempotent by the primary key (analyzerid, messageid).
 */
import { chunkRows, INSERT_ALERTS_SQL, type AlertRow } from "./alert-rows.ts";

export { alertRow, chunkRows, INSERT_ALERTS_SQL, MAX_CHUNK_BYTES, type AlertRow } from "./alert-rows.ts";

export function insertAlertStatements(db: D1Database, analyzerid: string, rows: AlertRow[], now: number): D1PreparedStatement[] {
  const stmt = db.prepare(INSERT_ALERTS_SQL);
  return chunkRows(rows).map((chunk) => stmt.bind(analyzerid, chunk, now));
}
