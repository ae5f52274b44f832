/**
 * Retention of history: archived hours past ARCHIVE_RETENTION_DAYS are deleted (the D1 row first,
 * so no reader is ever sent to a deleted object; an R2 delete that fails leaves an unread object
 * that an R2 lifecycle rule on alerts/ also removes), and the stream log is pruned past the oldest
 * message it can still deliver. The highest pruned stream number is kept, so a consumer whose
 * bookmark is older gets 410 instead of a silent gap. Heartbeat entries go earlier, with the
 * heartbeats HEARTBEAT_RETENTION_DAYS deletes: an entry whose row is gone would be an empty slot.
 */
import type { TimeBudget } from "../health/maintenance.ts";
import { STREAM_PRUNED_THROUGH } from "../stream/read.ts";
import { raiseState, stateValue } from "./state.ts";

const OBJECTS_PER_STEP = 100;
const STREAM_ROWS_PER_STEP = 5000;
/** Stream seq up to which heartbeat entries were pruned (the scan resumes after it). */
export const STREAM_HEARTBEATS_PRUNED_THROUGH = "stream_heartbeats_pruned_through";

export async function expireArchive(db: D1Database, bucket: R2Bucket, cutoff: number, budget: TimeBudget): Promise<number> {
  let deleted = 0;
  for (;;) {
    const keys = (await db.prepare("SELECT key FROM archive_objects WHERE hour < ? ORDER BY hour LIMIT ?").bind(cutoff, OBJECTS_PER_STEP).all<{ key: string }>())
      .results.map((r) => r.key);
    if (keys.length === 0) return deleted;
    await db.prepare("DELETE FROM archive_objects WHERE key IN (SELECT value FROM json_each(?))").bind(JSON.stringify(keys)).run();
    await bucket.delete(keys);
    deleted += keys.length;
    if (keys.length < OBJECTS_PER_STEP || budget.elapsed() >= budget.ms) return deleted;
  }
}

/** Deletes stream rows received before `cutoff`, oldest first (seq order), in steps. */
export async function pruneStream(db: D1Database, cutoff: number, budget: TimeBudget): Promise<number> {
  let deleted = 0;
  for (;;) {
    const top = await db
      .prepare(`SELECT max(seq) AS s, count(*) AS n FROM (SELECT seq, received_at FROM stream_log ORDER BY seq LIMIT ?2) WHERE received_at < ?1`)
      .bind(cutoff, STREAM_ROWS_PER_STEP)
      .first<{ s: number | null; n: number }>();
    if (!top || top.s === null) return deleted;
    const [res] = await db.batch([
      db.prepare("DELETE FROM stream_log WHERE seq <= ?").bind(top.s),
      raiseState(db, STREAM_PRUNED_THROUGH, top.s),
    ]);
    deleted += res.meta.changes;
    if (top.n < STREAM_ROWS_PER_STEP || budget.elapsed() >= budget.ms) return deleted;
  }
}

/**
 * Deletes the stream entries of heartbeats received before `cutoff` (the rows the cron deleted),
 * scanning the log in seq order from where the last run stopped, STREAM_ROWS_PER_STEP entries a
 * step. Alert entries are left alone. An entry received a moment later than a neighbour with a
 * higher seq (clock skew between requests) may be passed over; the log's own retention removes it.
 */
export async function pruneHeartbeatEntries(db: D1Database, cutoff: number, budget: TimeBudget): Promise<number> {
  let deleted = 0;
  for (;;) {
    const from = (await stateValue(db, STREAM_HEARTBEATS_PRUNED_THROUGH)) ?? 0;
    const top = await db
      .prepare(`SELECT max(seq) AS s, count(*) AS n FROM (SELECT seq, received_at FROM stream_log WHERE seq > ?1 ORDER BY seq LIMIT ?3) WHERE received_at < ?2`)
      .bind(from, cutoff, STREAM_ROWS_PER_STEP)
      .first<{ s: number | null; n: number }>();
    if (!top || top.s === null) return deleted;
    const [res] = await db.batch([
      db.prepare("DELETE FROM stream_log WHERE seq > ?1 AND seq <= ?2 AND kind = 'heartbeat' AND received_at < ?3").bind(from, top.s, cutoff),
      raiseState(db, STREAM_HEARTBEATS_PRUNED_THROUGH, top.s),
    ]);
    deleted += res.meta.changes;
    if (top.n < STREAM_ROWS_PER_STEP || budget.elapsed() >= budget.ms) return deleted;
  }
}

/**
 * Triage of alerts past retention: a change is made after its alert was received, so a row changed
 * before `cutoff` belongs to an alert received before it — deleted by ALERT_RETENTION_DAYS, or an
 * archived hour past ARCHIVE_RETENTION_DAYS (unless the alert was dated after its receipt).
 * Current state and history go together, oldest first, in chunks through their `at` indexes.
 */
export async function pruneTriage(db: D1Database, cutoff: number, budget: TimeBudget): Promise<number> {
  let deleted = 0;
  for (;;) {
    const [state, history] = await db.batch([
      db.prepare(`DELETE FROM alert_triage WHERE (analyzerid, messageid) IN
        (SELECT analyzerid, messageid FROM alert_triage WHERE at < ?1 ORDER BY at LIMIT ?2)`).bind(cutoff, STREAM_ROWS_PER_STEP),
      db.prepare(`DELETE FROM triage_history WHERE id IN (SELECT id FROM triage_history WHERE at < ?1 ORDER BY at LIMIT ?2)`).bind(cutoff, STREAM_ROWS_PER_STEP),
    ]);
    deleted += state.meta.changes;
    if (Math.max(state.meta.changes, history.meta.changes) < STREAM_ROWS_PER_STEP || budget.elapsed() >= budget.ms) return deleted;
  }
}
