/**
 * Heartbeat roll-up (migration 0010): the cron turns raw heartbeats into one row per analyzer per
 * UTC hour (counts, starts, unexpected restarts, clean stops, failures, gaps) before
 * HEARTBEAT_RETENTION_DAYS deletes the raw rows, so the fleet's history outlives them at a few
 * bytes per hour.
 *
 * Progress is a watermark on received_at (archive_state): each step takes the heartbeats received
 * in [watermark, end) — at most ROWS_PER_STEP of them, only from hours that ended over ROLLUP_SETTLE_MS
 * ago, so every insert with such a received time has committed — finds the
 * (analyzer, hour) buckets they fall in, and RECOMPUTES each bucket from all raw rows of that hour
 * (an upsert that overwrites). The bucket rows and the new watermark commit in one batch. So a
 * retried or overlapping run writes the same values again (nothing is counted twice), and a
 * heartbeat that arrives late for an hour already rolled up (an agent's spool) recomputes that
 * hour when its received time is reached. The cron prunes raw heartbeats only below the watermark.
 */
import type { TimeBudget } from "../health/maintenance.ts";
import { raiseState, stateValue } from "../archive/state.ts";

const HOUR_MS = 3_600_000;
/** Raw heartbeats (by received time) one step rolls up. */
export const ROLLUP_ROWS_PER_STEP = 10_000;
export const ROLLUP_WATERMARK = "heartbeat_rollup_received_through";
/** A heartbeat's received_at is its request's clock, taken before its insert commits: only rows
 *  received longer ago than any request runs are final below the watermark. */
export const ROLLUP_SETTLE_MS = 10 * 60_000;

/** Rolled up are heartbeats received before the last whole hour that ended ROLLUP_SETTLE_MS ago. */
export const rollupCutoff = (now: number) => Math.floor((now - ROLLUP_SETTLE_MS) / HOUR_MS) * HOUR_MS;

export interface RollupReport {
  /** Heartbeats received before this (epoch ms) are rolled up; null: no heartbeat seen yet. */
  through: number | null;
  buckets: number;
  steps: number;
  /** Rows received before the current hour were left for the next run (budget spent). */
  backlog: boolean;
}

/**
 * Every bucket touched by heartbeats received in [?1, ?2), recomputed from its raw rows. Each
 * heartbeat is judged against its predecessor by create_time (one index seek in
 * heartbeats_by_analyzer_time), by the rules of store/fleet.ts heartbeatEvents; ?3 = HEALTH_MARGIN ms.
 */
const ROLLUP_SQL = `
INSERT INTO heartbeat_rollup_hourly
  (analyzerid, hour, heartbeats, starts, restarts, clean_stops, failures, gaps, abnormal_intervals, longest_gap_ms)
SELECT analyzerid, hour, count(*),
  coalesce(sum(status = 'starting' AND NOT live), 0), coalesce(sum(status = 'starting' AND live), 0),
  coalesce(sum(status = 'exiting'), 0), coalesce(sum(status = 'failed'), 0), sum(gap),
  coalesce(sum(NOT gap AND live AND status = 'running' AND prev_status = 'running' AND delta * 2 < prev_interval * 1000), 0),
  max(CASE WHEN gap THEN delta END)
FROM (
  SELECT *, coalesce(live AND prev_interval > 0 AND delta > prev_interval * 1000 + ?3, 0) AS gap FROM (
    SELECT b.analyzerid, b.hour, h.status, p.status AS prev_status, p.heartbeat_interval AS prev_interval,
      h.create_time - p.create_time AS delta,
      (p.rowid IS NOT NULL AND coalesce(p.status, '') NOT IN ('exiting', 'failed')) AS live
    FROM (SELECT DISTINCT analyzerid, create_time / ${HOUR_MS} * ${HOUR_MS} AS hour FROM heartbeats
          WHERE received_at >= ?1 AND received_at < ?2) b
    JOIN heartbeats h ON h.analyzerid = b.analyzerid AND h.create_time >= b.hour AND h.create_time < b.hour + ${HOUR_MS}
    LEFT JOIN heartbeats p ON p.rowid = (SELECT q.rowid FROM heartbeats q WHERE q.analyzerid = h.analyzerid
                                         AND q.create_time < h.create_time ORDER BY q.create_time DESC LIMIT 1)))
WHERE true -- keeps the joins' ON apart from the upsert's
GROUP BY analyzerid, hour
ON CONFLICT (analyzerid, hour) DO UPDATE SET
  heartbeats = excluded.heartbeats, starts = excluded.starts, restarts = excluded.restarts,
  clean_stops = excluded.clean_stops, failures = excluded.failures, gaps = excluded.gaps,
  abnormal_intervals = excluded.abnormal_intervals, longest_gap_ms = excluded.longest_gap_ms`;

export async function rollUpHeartbeats(db: D1Database, now: number, marginMs: number, budget: TimeBudget): Promise<RollupReport> {
  // Only whole hours of receipt: an hour is rolled up once it is over and settled.
  const cutoff = rollupCutoff(now);
  const report: RollupReport = { through: null, buckets: 0, steps: 0, backlog: false };
  let from = (await stateValue(db, ROLLUP_WATERMARK)) ?? (await db.prepare("SELECT min(received_at) AS t FROM heartbeats").first<{ t: number | null }>())?.t ?? null;
  if (from === null) return report;
  report.through = from;
  while (from < cutoff) {
    if (report.steps > 0 && budget.elapsed() >= budget.ms) {
      report.backlog = true;
      break;
    }
    // The step ends at the received time of the row after the next ROWS_PER_STEP (rows sharing
    // that time go to the next step), or at the cutoff.
    const next = await db
      .prepare("SELECT received_at AS t FROM heartbeats WHERE received_at >= ? ORDER BY received_at LIMIT 1 OFFSET ?")
      .bind(from, ROLLUP_ROWS_PER_STEP)
      .first<{ t: number }>();
    const end = Math.min(cutoff, Math.max(next?.t ?? cutoff, from + 1));
    const [res] = await db.batch([
      db.prepare(ROLLUP_SQL).bind(from, end, marginMs),
      raiseState(db, ROLLUP_WATERMARK, end),
    ]);
    report.buckets += res.meta.changes;
    report.steps++;
    from = end;
    report.through = end;
  }
  return report;
}

/** Deletes roll-up rows of hours before `cutoff`, in chunks, within the budget. */
async function expireRollup(db: D1Database, cutoff: number, budget: TimeBudget): Promise<number> {
  let deleted = 0;
  for (;;) {
    const res = await db
      .prepare(
        `DELETE FROM heartbeat_rollup_hourly WHERE (analyzerid, hour) IN
           (SELECT analyzerid, hour FROM heartbeat_rollup_hourly WHERE hour < ? ORDER BY hour LIMIT 5000)`,
      )
      .bind(cutoff)
      .run();
    deleted += res.meta.changes;
    if (res.meta.changes < 5000 || budget.elapsed() >= budget.ms) return deleted;
  }
}

/** The cron's step: roll up what is due, then drop hours past `retentionMs` (0 = keep forever). */
export async function runHeartbeatRollup(db: D1Database, now: number, marginMs: number, retentionMs: number, budget: TimeBudget): Promise<RollupReport & { hoursExpired: number }> {
  const report = await rollUpHeartbeats(db, now, marginMs, budget);
  return { ...report, hoursExpired: retentionMs > 0 ? await expireRollup(db, now - retentionMs, budget) : 0 };
}
