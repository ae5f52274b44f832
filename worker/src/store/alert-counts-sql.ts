/**
 * Alerts per UTC hour, severity and classification (schema/migrations/0009_alert_counts_hourly.sql),
 * written at ingest: pure (no D1 types), so the benchmark's raw-SQLite side runs the same statement.
 */
import { chunkRows, type AlertRow } from "./alert-rows.ts";

export const HOUR_MS = 3_600_000;

/** The UTC hour of an epoch-ms time (floor, also before 1970). */
export const hourOf = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;

/** [hour, severity ('' = none), classification, messageid] of one alert the batch may store. */
export type CountKey = [number, string, string, string];

/**
 * One grouped upsert for the batch's alerts, run in the same batch BEFORE their inserts: an alert
 * counts only if no row has its key yet, i.e. exactly the alerts the INSERT OR IGNORE after it
 * stores (re-sent duplicates are not counted twice). ?1 analyzerid, ?2 the JSON array of CountKey.
 */
export const COUNT_NEW_ALERTS_SQL = `INSERT INTO alert_counts_hourly (hour, severity, classification, n)
SELECT r.value ->> 0, r.value ->> 1, r.value ->> 2, count(*) FROM json_each(?2) AS r
WHERE NOT EXISTS (SELECT 1 FROM alerts WHERE analyzerid = ?1 AND messageid = r.value ->> 3)
GROUP BY 1, 2, 3
ON CONFLICT (hour, severity, classification) DO UPDATE SET n = n + excluded.n`;

/**
 * The count keys of a batch's alert rows as bound JSON (one string, more only past D1's value
 * limit). Within a batch the first row of a messageid is the one the insert keeps; detect_time is
 * clamped to `now` as the insert clamps it (alert-rows.ts).
 */
export function countKeyChunks(rows: AlertRow[], now: number): string[] {
  const seen = new Set<string>();
  const keys: CountKey[] = [];
  for (const r of rows) {
    if (seen.has(r[0])) continue;
    seen.add(r[0]);
    keys.push([hourOf(Math.min(r[1], now)), r[4] ?? "", r[3], r[0]]);
  }
  return keys.length === 0 ? [] : chunkRows(keys);
}

/** The counts of every stored alert, from scratch (the migration's backfill; the benchmark's seed). */
export const REBUILD_COUNTS_SQL = `DELETE FROM alert_counts_hourly;
INSERT INTO alert_counts_hourly (hour, severity, classification, n)
SELECT (detect_time - (detect_time % 3600000 + 3600000) % 3600000) AS hour, coalesce(severity, ''), classification, count(*)
FROM alerts GROUP BY 1, 2, 3;`;
