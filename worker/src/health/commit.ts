/**
 * Commits transitions: the analyzers' compare-and-set plus their health alerts (and outbox rows),
 * many analyzers in one D1 batch of a few set-based statements. Each analyzer's hourly alert
 * budget (budget.ts) is applied here, so the cron and ingestion share it.
 */
import { healthAlert } from "./alert.ts";
import { withinHourlyBudget } from "./budget.ts";
import type { HealthConfig } from "./config.ts";
import type { AnalyzerHealth, HealthEvent, Transition } from "./state.ts";
import { commitStatements, type HealthAlertEntry, type PendingWrite } from "./store.ts";

export interface Pending {
  prev: AnalyzerHealth | null;
  t: Transition;
}

export interface CommitResult {
  /** Transitions whose compare-and-set won (the others were superseded by a concurrent writer). */
  won: number;
  /** Health alerts stored (a deterministic id already stored counts 0). */
  alertsStored: number;
  /** The events that became alerts (within the hourly budget), if their writer won. */
  events: HealthEvent[];
  rowsRead: number;
  rowsWritten: number;
}

/** Builds each transition's alerts and commits them all in one batch (see store.ts). */
export async function commitTransitions(db: D1Database, cfg: HealthConfig, items: Pending[], now: number): Promise<CommitResult> {
  const out: CommitResult = { won: 0, alertsStored: 0, events: [], rowsRead: 0, rowsWritten: 0 };
  if (items.length === 0) return out;
  const writes: PendingWrite[] = [];
  const events: HealthEvent[] = [];
  for (const item of items) {
    const prev = item.prev;
    const t = withinHourlyBudget(item.t, now, cfg.alertsPerAnalyzerPerHour);
    events.push(...t.events);
    const alerts: HealthAlertEntry[] = [];
    for (const ev of t.events) {
      const msg = await healthAlert(cfg, ev, now);
      alerts.push({ messageid: msg.alert.messageid, analyzerid: ev.analyzer.analyzerid, kind: ev.kind, alert: msg.alert, json: JSON.stringify(msg) });
    }
    writes.push({ prev, next: t.next, alerts });
  }
  const c = commitStatements(db, writes, cfg.analyzerId, now, cfg.webhookUrl !== null);
  const results = await db.batch(c.statements);
  for (const r of results) {
    out.rowsRead += r.meta.rows_read ?? 0;
    out.rowsWritten += r.meta.rows_written ?? 0;
  }
  out.won = c.writes.reduce((n, i) => n + results[i].meta.changes, 0);
  out.alertsStored = c.alertInsert < 0 ? 0 : results[c.alertInsert].meta.changes;
  if (out.won > 0) out.events = events;
  return out;
}
