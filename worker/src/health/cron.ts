/**
 * The every-minute cron: analyzers past their deadline become `missing` (one alert each, stored
 * in the same transaction), then housekeeping (maintenance.ts), history (worker/src/archive: alerts
 * to R2, archive retention, stream log) and the database-size watch
 * (dbsize.ts), then webhook notifications left in the outbox are POSTed (a db-size alert too). `now` is the controller's scheduledTime: the injected clock, so tests drive time
 * and a retried run decides the same.
 *
 * Cost: the due query walks the partial index analyzer_health_due from its start up to
 * now - margin, so it reads only the rows that are due (and each becomes `missing`, leaving the
 * index): O(analyzers that change state), independent of how many are healthy.
 */
import { archiveConfigured, runHistoryMaintenance, type HistoryOptions, type HistoryReport } from "../archive/index.ts";
import { archiveConfig } from "../archive/config.ts";
import { runHeartbeatRollup, type RollupReport } from "../rollup/heartbeats.ts";
import type { Env } from "../env.ts";
import { commitTransitions, type Pending } from "./commit.ts";
import { healthConfig, type HealthConfig, type HealthEnv } from "./config.ts";
import { watchDbSize } from "./dbsize.ts";
import { runMaintenance, wallClockBudget, type TimeBudget } from "./maintenance.ts";
import { deliverWebhooks, emptyDelivery } from "./outbox.ts";
import { onDeadline } from "./state.ts";
import { fromRow, HEALTH_COLUMNS, type HealthRow } from "./store.ts";

export const DUE_CHUNK = 100;
/** Per run; the rest stay due (same ids) for the next minute. */
export const MAX_DUE_PER_RUN = 1000;

export interface HealthCronReport {
  now: number;
  missing: number;
  alertsRaised: number;
  webhookSent: number;
  webhookFailed: number;
  webhookDead: number;
  /** ALERT_WEBHOOK_URL is set without ALERT_WEBHOOK_SECRET: notifications wait in the outbox. */
  webhookUnsigned: boolean;
  noncesPruned: number;
  heartbeatsPruned: number;
  alertsPruned: number;
  /** Expired rows were left for the next run (maintenance time budget spent). */
  pruneBacklog: boolean;
  /** D1's size of the database after the run's reads, and db-size alerts raised (0 or 1). */
  dbSizeBytes: number;
  dbSizeAlerts: number;
  /** D1 rows read / written by the whole run (meta.rows_read / rows_written summed). */
  rowsRead: number;
  rowsWritten: number;
  /** Rows read by the due-analyzer scan and its transitions alone. */
  healthRowsRead: number;
  /** Archive job, archive retention and stream pruning (worker/src/archive); null if it failed (logged). */
  history: HistoryReport | null;
  /** Heartbeat roll-up (worker/src/rollup); null if it failed (logged; no heartbeat is pruned then). */
  heartbeatRollup: RollupReport | null;
}

async function markMissing(db: D1Database, cfg: HealthConfig, now: number, report: HealthCronReport): Promise<void> {
  let seen = 0;
  while (seen < MAX_DUE_PER_RUN) {
    const due = await db
      .prepare(`SELECT ${HEALTH_COLUMNS} FROM analyzer_health WHERE due_at <= ? ORDER BY due_at LIMIT ?`)
      .bind(now - cfg.marginMs, DUE_CHUNK)
      .all<HealthRow>();
    report.healthRowsRead += due.meta.rows_read ?? 0;
    const items: Pending[] = [];
    for (const row of due.results) {
      const prev = fromRow(row);
      const t = onDeadline(prev, now, cfg);
      if (t) items.push({ prev, t });
    }
    const res = await commitTransitions(db, cfg, items, now);
    report.healthRowsRead += res.rowsRead;
    report.rowsWritten += res.rowsWritten;
    report.missing += res.won;
    report.alertsRaised += res.alertsStored;
    seen += due.results.length;
    // A lost compare-and-set means a heartbeat just moved that row; it is no longer due.
    if (due.results.length < DUE_CHUNK || res.won === 0) break;
  }
}

/** `maintenanceBudget`: how long pruning may run (tests inject a clock; default wall time). */
export async function runHealthCron(
  env: HealthEnv,
  now: number,
  opts: { maintenanceBudget?: TimeBudget; history?: HistoryOptions } = {},
): Promise<HealthCronReport> {
  const cfg = healthConfig(env);
  const report: HealthCronReport = {
    now, missing: 0, alertsRaised: 0, webhookSent: 0, webhookFailed: 0, webhookDead: 0, webhookUnsigned: false,
    noncesPruned: 0, heartbeatsPruned: 0, alertsPruned: 0, pruneBacklog: false, dbSizeBytes: 0, dbSizeAlerts: 0,
    rowsRead: 0, rowsWritten: 0, healthRowsRead: 0, history: null, heartbeatRollup: null,
  };
  await markMissing(env.DB, cfg, now, report);
  // Heartbeats are rolled up before retention deletes them, and deleted only below the roll-up's
  // watermark (a roll-up that failed or fell behind holds retention back).
  report.heartbeatRollup = await runHeartbeatRollup(env.DB, now, cfg.marginMs, archiveConfig(env as Env).retentionMs, opts.maintenanceBudget ?? wallClockBudget())
    .catch((e: unknown) => {
      console.error("heartbeat roll-up:", e);
      return null;
    });
  const rolledThrough = report.heartbeatRollup?.through ?? null;
  const heartbeatCutoff = cfg.heartbeatRetentionMs > 0 && rolledThrough !== null ? Math.min(now - cfg.heartbeatRetentionMs, rolledThrough) : null;
  // With the archive, alerts leave D1 only by moving to R2 (worker/src/archive), never by deletion.
  const archiving = archiveConfigured(env as Env);
  const pruneCfg = { ...cfg, heartbeatRetentionMs: heartbeatCutoff === null ? 0 : now - heartbeatCutoff, ...(archiving ? { alertRetentionMs: 0 } : {}) };
  const m = await runMaintenance(env.DB, pruneCfg, now, opts.maintenanceBudget ?? wallClockBudget());
  // A failing archive (R2 down) must not stop health alerts: logged, retried next minute. Stream
  // entries of heartbeats go with their rows.
  const history = { ...opts.history, heartbeatsPrunedBefore: heartbeatCutoff ?? undefined };
  report.history = await runHistoryMaintenance(env as Env, now, cfg.alertRetentionMs, history).catch((e: unknown) => {
    console.error("archive:", e);
    return null;
  });
  // After pruning (the size it leaves), before delivery (so a new db-size alert goes out now).
  const size = await watchDbSize(env.DB, cfg, now);
  report.dbSizeBytes = size.dbSizeBytes;
  report.dbSizeAlerts = size.dbSizeAlerts;
  report.alertsRaised += size.dbSizeAlerts;
  const delivery = emptyDelivery();
  await deliverWebhooks(env.DB, cfg, now, delivery);
  Object.assign(report, {
    webhookSent: delivery.webhookSent,
    webhookFailed: delivery.webhookFailed,
    webhookDead: delivery.webhookDead,
    webhookUnsigned: delivery.unsigned,
    noncesPruned: m.noncesPruned,
    heartbeatsPruned: m.heartbeatsPruned,
    alertsPruned: m.alertsPruned,
    pruneBacklog: m.backlog,
  });
  report.rowsRead = report.healthRowsRead + delivery.rowsRead + m.rowsRead;
  report.rowsWritten += delivery.rowsWritten + m.rowsWritten;
  return report;
}
