/**
 * Commits transitions: each analyzer's compare-and-set plus its health alerts (into the outbox),
 * many analyzers in one D1 batch. Returns the transitions that won their compare-and-set.
 */
import { healthAlert } from "./alert.ts";
import type { HealthConfig } from "./config.ts";
import type { AnalyzerHealth, Transition } from "./state.ts";
import { transitionStatements, type OutboxEntry } from "./store.ts";

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

export async function commitTransitions(db: D1Database, cfg: HealthConfig, items: Pending[], now: number): Promise<CommitResult> {
  const out: CommitResult = { won: [], lost: [], rowsRead: 0, rowsWritten: 0 };
  if (items.length === 0) return out;
  const stmts: D1PreparedStatement[] = [];
  const firstIndex: number[] = [];
  for (const item of items) {
    const outbox: OutboxEntry[] = [];
    for (const ev of item.t.events) {
      const msg = await healthAlert(cfg, ev, now);
      outbox.push({ messageid: msg.alert.messageid as string, analyzerid: ev.analyzer.analyzerid, kind: ev.kind, message: JSON.stringify(msg) });
    }
    firstIndex.push(stmts.length);
    stmts.push(...transitionStatements(db, item.prev, item.t, outbox, now, cfg.webhookUrl === null ? null : now));
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
