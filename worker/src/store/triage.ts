/**
 * Triage (SPEC 4.3): open → acknowledged → closed, with a reason and a note, and who and when.
 * `alert_triage` holds the current state (no row = open); `triage_history` is append-only (this
 * file only INSERTs there). Both are written in one D1 batch, so the state never runs ahead of
 * its history. Keys of alerts that do not exist are skipped, never invented.
 */
import { TRIAGE_REASONS, TRIAGE_STATUSES } from "../../../schema/api.ts";

export { TRIAGE_REASONS, TRIAGE_STATUSES };
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];
export type TriageReason = (typeof TRIAGE_REASONS)[number];

/** An alert's triage status as an SQL expression over a row of `alerts` (PK lookup per row). */
export const TRIAGE_STATUS_SQL =
  "coalesce((SELECT t.status FROM alert_triage t WHERE t.analyzerid = alerts.analyzerid AND t.messageid = alerts.messageid), 'open')";

export interface AlertKey {
  analyzerid: string;
  messageid: string;
}

export interface TriageChange {
  status: TriageStatus;
  reason: TriageReason | null;
  note: string | null;
  /** The verified identity making the change. */
  actor: string;
  /** Server clock, epoch ms. */
  at: number;
}

export interface TriageEntry {
  status: TriageStatus;
  reason: TriageReason | null;
  note: string | null;
  actor: string;
  at: string;
}

interface TriageDbRow {
  analyzerid: string;
  messageid: string;
  status: TriageStatus;
  reason: TriageReason | null;
  note: string | null;
  actor: string;
  at: number;
}

const entry = (r: TriageDbRow): TriageEntry => ({ status: r.status, reason: r.reason, note: r.note, actor: r.actor, at: new Date(r.at).toISOString() });

/**
 * The rows to change, as a SELECT yielding (analyzerid, messageid): either explicit keys (bound
 * as one JSON array) or every alert matching a filter's WHERE (bulk on the whole filter).
 */
export type TriageTarget = { keys: AlertKey[] } | { where: string[]; params: unknown[]; limit: number };

function targetSelect(t: TriageTarget): { sql: string; params: unknown[] } {
  if ("keys" in t) {
    return {
      sql: `SELECT a.analyzerid, a.messageid FROM json_each(?) j
            JOIN alerts a ON a.analyzerid = j.value ->> 0 AND a.messageid = j.value ->> 1`,
      params: [JSON.stringify(t.keys.map((k) => [k.analyzerid, k.messageid]))],
    };
  }
  return {
    sql: `SELECT analyzerid, messageid FROM alerts ${t.where.length ? "WHERE " + t.where.join(" AND ") : ""}
          ORDER BY detect_time DESC LIMIT ${Math.max(0, Math.trunc(t.limit))}`,
    params: t.params,
  };
}

/** Applies one change to the target alerts; returns how many alerts it recorded. */
export async function applyTriage(db: D1Database, target: TriageTarget, change: TriageChange): Promise<number> {
  const { sql, params } = targetSelect(target);
  const values = [change.status, change.reason, change.note, change.actor, change.at];
  // The target is materialised once (a temp-free CTE per statement); the history row is written
  // first in the same transaction, so a state always has its history.
  const [history] = await db.batch([
    db
      .prepare(
        `INSERT INTO triage_history (analyzerid, messageid, status, reason, note, actor, at)
         SELECT t.analyzerid, t.messageid, ?, ?, ?, ?, ? FROM (${sql}) t`,
      )
      .bind(...values, ...params),
    db
      .prepare(
        `INSERT INTO alert_triage (analyzerid, messageid, status, reason, note, actor, at)
         SELECT t.analyzerid, t.messageid, ?, ?, ?, ?, ? FROM (${sql}) t WHERE true
         ON CONFLICT (analyzerid, messageid) DO UPDATE SET
           status = excluded.status, reason = excluded.reason, note = excluded.note, actor = excluded.actor, at = excluded.at`,
      )
      .bind(...values, ...params),
  ]);
  return history.meta.changes;
}

/** Current triage of the given alerts (a page's rows); alerts without a row are open. */
export async function triageOf(db: D1Database, keys: AlertKey[]): Promise<Map<string, TriageEntry>> {
  const out = new Map<string, TriageEntry>();
  if (keys.length === 0) return out;
  const rows = await db
    .prepare(
      `SELECT t.* FROM json_each(?) j JOIN alert_triage t ON t.analyzerid = j.value ->> 0 AND t.messageid = j.value ->> 1`,
    )
    .bind(JSON.stringify(keys.map((k) => [k.analyzerid, k.messageid])))
    .all<TriageDbRow>();
  for (const r of rows.results) out.set(triageKey(r), entry(r));
  return out;
}

export const triageKey = (k: AlertKey) => JSON.stringify([k.analyzerid, k.messageid]);

/** Every change to one alert, oldest first. */
export async function triageHistory(db: D1Database, k: AlertKey): Promise<TriageEntry[]> {
  const rows = await db
    .prepare("SELECT * FROM triage_history WHERE analyzerid = ? AND messageid = ? ORDER BY id")
    .bind(k.analyzerid, k.messageid)
    .all<TriageDbRow>();
  return rows.results.map(entry);
}
