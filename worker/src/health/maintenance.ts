/**
 * Housekeeping the cron does besides health: expired RFC 9421 nonces and retention of heartbeats
 * and alerts. Deletes go in bounded chunks through the time indexes of 0001_init.sql, so one run
 * never holds the database for long; a backlog shrinks over successive runs.
 */
import type { HealthConfig } from "./config.ts";

export const DELETE_CHUNK = 1000;
export const MAX_CHUNKS_PER_TABLE = 5;

export interface MaintenanceReport {
  noncesPruned: number;
  heartbeatsPruned: number;
  alertsPruned: number;
  rowsRead: number;
  rowsWritten: number;
}

async function deleteInChunks(db: D1Database, sql: string, cutoff: number, r: MaintenanceReport): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_CHUNKS_PER_TABLE; i++) {
    const res = await db.prepare(sql).bind(cutoff, DELETE_CHUNK).run();
    r.rowsRead += res.meta.rows_read ?? 0;
    r.rowsWritten += res.meta.rows_written ?? 0;
    total += res.meta.changes;
    if (res.meta.changes < DELETE_CHUNK) break;
  }
  return total;
}

export async function runMaintenance(db: D1Database, cfg: HealthConfig, now: number): Promise<MaintenanceReport> {
  const r: MaintenanceReport = { noncesPruned: 0, heartbeatsPruned: 0, alertsPruned: 0, rowsRead: 0, rowsWritten: 0 };
  // seen_nonces is WITHOUT ROWID: select the chunk by its primary key.
  r.noncesPruned = await deleteInChunks(
    db,
    `DELETE FROM seen_nonces WHERE (key_id, nonce) IN
       (SELECT key_id, nonce FROM seen_nonces WHERE expires_at <= ?1 ORDER BY expires_at LIMIT ?2)`,
    now,
    r,
  );
  if (cfg.heartbeatRetentionMs > 0) {
    r.heartbeatsPruned = await deleteInChunks(
      db,
      `DELETE FROM heartbeats WHERE rowid IN
         (SELECT rowid FROM heartbeats WHERE received_at < ?1 ORDER BY received_at LIMIT ?2)`,
      now - cfg.heartbeatRetentionMs,
      r,
    );
  }
  if (cfg.alertRetentionMs > 0) {
    r.alertsPruned = await deleteInChunks(
      db,
      `DELETE FROM alerts WHERE rowid IN
         (SELECT rowid FROM alerts WHERE received_at < ?1 ORDER BY received_at LIMIT ?2)`,
      now - cfg.alertRetentionMs,
      r,
    );
  }
  return r;
}
