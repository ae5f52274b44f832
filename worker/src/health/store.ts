/**
 * analyzer_health rows <-> AnalyzerHealth, and the one write every transition uses: a
 * compare-and-set of the row plus its alerts and outbox rows, in ONE D1 batch (a transaction).
 * The alert inserts are conditioned on the row now holding the new state, so a writer that lost
 * the race (a heartbeat and the cron touching the same analyzer) writes nothing.
 */
import type { Alert } from "../../../schema/idmef.ts";
import { alertRow, INSERT_ALERTS_SQL } from "../store/alerts.ts";
import { dueAt, type AnalyzerHealth, type HealthNode, type HealthState, type Transition } from "./state.ts";

export interface HealthRow {
  analyzerid: string;
  state: HealthState;
  since: number;
  due_at: number | null;
  last_seen: number;
  last_create_ms: number;
  last_messageid: string;
  last_status: string | null;
  interval_s: number;
  drops: number;
  name: string | null;
  node: string | null;
}

export const HEALTH_COLUMNS =
  "analyzerid, state, since, due_at, last_seen, last_create_ms, last_messageid, last_status, interval_s, drops, name, node";

export function fromRow(r: HealthRow): AnalyzerHealth {
  return {
    analyzerid: r.analyzerid,
    state: r.state,
    since: r.since,
    lastSeen: r.last_seen,
    lastCreateMs: r.last_create_ms,
    lastMessageid: r.last_messageid,
    lastStatus: r.last_status,
    intervalS: r.interval_s,
    drops: r.drops,
    name: r.name,
    node: r.node === null ? null : (JSON.parse(r.node) as HealthNode),
  };
}

export async function readHealth(db: D1Database, analyzerid: string): Promise<AnalyzerHealth | null> {
  const row = await db.prepare(`SELECT ${HEALTH_COLUMNS} FROM analyzer_health WHERE analyzerid = ?`).bind(analyzerid).first<HealthRow>();
  return row === null ? null : fromRow(row);
}

/** A health alert, built; stored in `alerts` and (with a webhook) queued in the outbox. */
export interface HealthAlertEntry {
  messageid: string;
  analyzerid: string;
  kind: string;
  alert: Alert;
  json: string;
}

function values(h: AnalyzerHealth): unknown[] {
  return [
    h.state, h.since, dueAt(h), h.lastSeen, h.lastCreateMs, h.lastMessageid, h.lastStatus, h.intervalS, h.drops,
    h.name, h.node === null ? null : JSON.stringify(h.node),
  ];
}

/** True only in the transaction whose compare-and-set just wrote this exact state. */
const STILL_MINE = "EXISTS (SELECT 1 FROM analyzer_health WHERE analyzerid = ?4 AND last_messageid = ?5 AND state = ?6 AND since = ?7)";

/**
 * Statements for one transition: the compare-and-set, the alerts (into `alerts`, with ingestion's
 * own column extraction and insert), and their outbox rows when a webhook is configured. The
 * first statement's `meta.changes` says whether this writer won (1) or lost (0).
 */
export function transitionStatements(
  db: D1Database,
  prev: AnalyzerHealth | null,
  t: Transition,
  alerts: HealthAlertEntry[],
  healthAnalyzerId: string,
  now: number,
  webhook: boolean,
): D1PreparedStatement[] {
  const n = t.next;
  const write =
    prev === null
      ? db
          .prepare(
            `INSERT INTO analyzer_health (${HEALTH_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (analyzerid) DO NOTHING`,
          )
          .bind(n.analyzerid, ...values(n))
      : db
          .prepare(
            `UPDATE analyzer_health SET state = ?2, since = ?3, due_at = ?4, last_seen = ?5, last_create_ms = ?6,
               last_messageid = ?7, last_status = ?8, interval_s = ?9, drops = ?10, name = ?11, node = ?12
             WHERE analyzerid = ?1 AND last_messageid = ?13 AND state = ?14`,
          )
          .bind(n.analyzerid, ...values(n), prev.lastMessageid, prev.state);
  const stmts = [write];
  if (alerts.length === 0) return stmts;
  const mine = [n.analyzerid, n.lastMessageid, n.state, n.since];
  const rows = JSON.stringify(alerts.map((a) => alertRow(a.alert, a.json)));
  stmts.push(db.prepare(`${INSERT_ALERTS_SQL}\nWHERE ${STILL_MINE}`).bind(healthAnalyzerId, rows, now, ...mine));
  if (webhook) {
    for (const a of alerts) {
      stmts.push(
        db
          .prepare(
            `INSERT OR IGNORE INTO health_outbox (messageid, analyzerid, kind, message, created_at, webhook_due_at)
             SELECT ?1, ?2, ?3, ?8, ?9, ?9 WHERE ${STILL_MINE}`,
          )
          .bind(a.messageid, a.analyzerid, a.kind, ...mine, a.json, now),
      );
    }
  }
  return stmts;
}
