/**
 * History maintenance, called by the cron (worker/src/health/cron.ts): the archive job, archive
 * retention, stream-log pruning (heartbeat entries with their rows, at HEARTBEAT_RETENTION_DAYS) and
 * triage of alerts past retention. Without the ARCHIVE binding only the stream log is pruned, at
 * ALERT_RETENTION_DAYS (the alerts it points to are deleted then).
 */
import type { Env } from "../env.ts";
import { wallClockBudget, type TimeBudget } from "../health/maintenance.ts";
import { archiveConfig } from "./config.ts";
import { archiveAlerts, type ArchiveJobOptions, type ArchiveJobReport } from "./job.ts";
import { expireArchive, pruneHeartbeatEntries, pruneStream, pruneTriage } from "./retention.ts";

/** Wall time one cron run may spend on the archive (R2 round trips dominate). */
export const ARCHIVE_BUDGET_MS = 20_000;

export interface HistoryReport extends ArchiveJobReport {
  archiveConfigured: boolean;
  objectsExpired: number;
  streamPruned: number;
  /** Stream entries of heartbeats that retention deleted (pruned with their rows). */
  streamHeartbeatsPruned: number;
  /** Alerts whose triage state (and history) went with the history's retention. */
  triagePruned: number;
}

export interface HistoryOptions {
  budget?: TimeBudget;
  job?: Omit<ArchiveJobOptions, "budget">;
  /** Override of the parsed config (tests use small objects). */
  maxObjectBytes?: number;
  /** Heartbeats received before this were deleted (the cron's cutoff): their stream entries go too. */
  heartbeatsPrunedBefore?: number;
}

export const archiveConfigured = (env: Env) => env.ARCHIVE !== undefined;

export async function runHistoryMaintenance(env: Env, now: number, alertRetentionMs: number, opts: HistoryOptions = {}): Promise<HistoryReport> {
  const budget = opts.budget ?? wallClockBudget(ARCHIVE_BUDGET_MS);
  const report: HistoryReport = {
    archiveConfigured: archiveConfigured(env), objectsWritten: 0, alertsArchived: 0, bytesWritten: 0, backlog: false, raced: 0,
    objectsExpired: 0, streamPruned: 0, streamHeartbeatsPruned: 0, triagePruned: 0,
  };
  let streamRetentionMs = alertRetentionMs;
  if (env.ARCHIVE) {
    const cfg = { ...archiveConfig(env), ...(opts.maxObjectBytes ? { maxObjectBytes: opts.maxObjectBytes } : {}) };
    Object.assign(report, await archiveAlerts(env.DB, env.ARCHIVE, cfg, now, { ...opts.job, budget }));
    if (cfg.retentionMs > 0) report.objectsExpired = await expireArchive(env.DB, env.ARCHIVE, now - cfg.retentionMs, budget);
    streamRetentionMs = cfg.retentionMs;
  }
  if (streamRetentionMs > 0) {
    report.streamPruned = await pruneStream(env.DB, now - streamRetentionMs, budget);
    report.triagePruned = await pruneTriage(env.DB, now - streamRetentionMs, budget);
  }
  if (opts.heartbeatsPrunedBefore !== undefined) report.streamHeartbeatsPruned = await pruneHeartbeatEntries(env.DB, opts.heartbeatsPrunedBefore, budget);
  return report;
}
