/**
 * Housekeeping the cron does besides health: expired RFC 9421 nonces and retention of heartbeats
 * and alerts. Deletes go in chunks through the time indexes of 0001_init.sql, so no statement
 * holds the database for long, and repeat while there is more and the run's time budget lasts:
 * pruning keeps up with whatever rate requests add nonces (20,000 expired in one run: see
 * test/worker/health-maintenance.test.ts), instead of a fixed 5,000 a minute.
 */
import type { HealthConfig } from "./config.ts";

export const DELETE_CHUNK = 5000;
/** Wall time one run may spend deleting (the cron may run for minutes; its CPU use here is small). */
export const MAINTENANCE_BUDGET_MS = 10_000;

/** How long the run may go on: `elapsed()` ms since it started, against `ms`. Injectable for tests. */
export interface TimeBudget {
  ms: number;
  elapsed(): number;
}

export function wallClockBudget(ms = MAINTENANCE_BUDGET_MS): TimeBudget {
  const start = Date.now();
  // In a Worker, Date.now() advances across I/O; every step here is a D1 round trip.
  return { ms, elapsed: () => Date.now() - start };
}

export interface MaintenanceReport {
  noncesPruned: number;
  heartbeatsPruned: number;
  alertsPruned: number;
  /** Some table still had expired rows when the budget ran out (the next run continues). */
  backlog: boolean;
  rowsRead: number;
  rowsWritten: number;
}

/** Deletes in chunks until a chunk comes back short or the budget is spent (one chunk at least). */
async function deleteInChunks(db: D1Database, sql: string, cutoff: number, budget: TimeBudget, r: MaintenanceReport): Promise<number> {
  let total = 0;
  for (;;) {
    const res = await db.prepare(sql).bind(cutoff, DELETE_CHUNK).run();
    r.rowsRead += res.meta.rows_read ?? 0;
    r.rowsWritten += res.meta.rows_written ?? 0;
    total += res.meta.changes;
    if (res.meta.changes < DELETE_CHUNK) return total;
    if (budget.elapsed() >= budget.ms) {
      r.backlog = true;
      return total;
    }
  }
}

export async function runMaintenance(db: D1Database, cfg: HealthConfig, now: number, budget: TimeBudget = wallClockBudget()): Promise<MaintenanceReport> {
  const r: MaintenanceReport = { noncesPruned: 0, heartbeatsPruned: 0, alertsPruned: 0, backlog: false, rowsRead: 0, rowsWritten: 0 };
  // Nonces first: they grow with the request rate. seen_nonces is WITHOUT ROWID: select the chunk
  // by its primary key.
  r.noncesPruned = await deleteInChunks(
    db,
    `DELETE FROM seen_nonces WHERE (key_id, nonce) IN
       (SELECT key_id, nonce FROM seen_nonces WHERE expires_at <= ?1 ORDER BY expires_at LIMIT ?2)`,
    now,
    budget,
    r,
  );
  if (cfg.heartbeatRetentionMs > 0) {
    r.heartbeatsPruned = await deleteInChunks(
      db,
      `DELETE FROM heartbeats WHERE rowid IN
         (SELECT rowid FROM heartbeats WHERE received_at < ?1 ORDER BY received_at LIMIT ?2)`,
      now - cfg.heartbeatRetentionMs,
      budget,
      r,
    );
  }
  if (cfg.alertRetentionMs > 0) {
    r.alertsPruned = await deleteInChunks(
      db,
      `DELETE FROM alerts WHERE rowid IN
         (SELECT rowid FROM alerts WHERE received_at < ?1 ORDER BY received_at LIMIT ?2)`,
      now - cfg.alertRetentionMs,
      budget,
      r,
    );
  }
  return r;
}
