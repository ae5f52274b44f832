/**
 * Commits transitions: each analyzer's compare-and-set plus its health alerts (into the outbox),
 * many analyzers in one D1 batch. Returns the transitions that won their compare-and-set.
 */
import { healthAlert } from "./alert.ts";
import type { HealthConfig } from "./config.ts";
import type { AnalyzerHealth, Transition } from "./state.ts";
import { transitionStatements, type HealthAlertEntry } from "./store.ts";

export interface Pending {
  prev: AnalyzerHealth | null;
  t: Transition;
}

export interface CommitResult {
  won: Transition[];
  lost: Pending[];
  rowsRead: number;
  rowsWritten: number;
}

/** Builds the alerts of one transition and the statements that commit it (see store.ts). */
export async function transitionStatementsFor(db: D1Database, cfg: HealthConfig, item: Pending, now: number): Promise<D1PreparedStatement[]> {
  const alerts: HealthAlertEntry[] = [];
  for (const ev of item.t.events) {
    const msg = await healthAlert(cfg, ev, now);
    alerts.push({ messageid: msg.alert.messageid, analyzerid: ev.analyzer.analyzerid, kind: ev.kind, alert: msg.alert, json: JSON.stringify(msg) });
  }
  return transitionStatements(db, item.prev, item.t, alerts, cfg.analyzerId, now, cfg.webhookUrl !== null);
}

export async function commitTransitions(db: D1Database, cfg: HealthConfig, items: Pending[], now: number): Promise<CommitResult> {
  const out: CommitResult = { won: [], lost: [], rowsRead: 0, rowsWritten: 0 };
  if (items.length === 0) return out;
  const stmts: D1PreparedStatement[] = [];
  const firstIndex: number[] = [];
  for (const item of items) {
    firstIndex.push(stmts.length);
    stmts.push(...(await transitionStatementsFor(db, cfg, item, now)));
  }
  const results = await db.batch(stmts);
  for (const r of results) {
    out.rowsRead += r.meta.rows_read ?? 0;
    out.rowsWritten += r.meta.rows_written ?? 0;
  }
  items.forEach((item, i) => {
    if (results[firstIndex[i]].meta.changes === 1) out.won.push(item.t);
    else out.lost.push(item);
  });
  return out;
}
