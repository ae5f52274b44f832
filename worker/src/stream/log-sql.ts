/**
 * SQL of the stream entries for the rows an insert just stored (schema/migrations/0008_stream_archive.sql);
 * pure, so the benchmark runs the same statements on node:sqlite.
 * Each statement must run in the same batch DIRECTLY after an INSERT OR IGNORE into alerts /
 * heartbeats: `changes()` is then that insert's count of new rows, and those rows are the table's
 * highest rowids (SQLite gives a new row max(rowid) + 1), so re-sent duplicates get no entry. It
 * inserts exactly changes() rows itself, so a following `changes()` (ANALYZER_FROM_ALERTS_SQL)
 * still sees the same count.
 */
const streamSql = (table: "alerts" | "heartbeats", kind: string, eventTime: string) => `INSERT INTO stream_log (kind, analyzerid, messageid, received_at, event_time)
SELECT '${kind}', analyzerid, messageid, received_at, t
FROM (SELECT rowid AS id, analyzerid, messageid, received_at, ${eventTime} AS t FROM ${table} ORDER BY rowid DESC LIMIT changes())
ORDER BY id`;

export const STREAM_NEW_ALERTS_SQL = streamSql("alerts", "alert", "detect_time");
export const STREAM_NEW_HEARTBEATS_SQL = streamSql("heartbeats", "heartbeat", "create_time");
