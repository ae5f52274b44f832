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
  drops_new: number;
  name: string | null;
  node: string | null;
}

export const HEALTH_COLUMNS =
  "analyzerid, state, since, due_at, last_seen, last_create_ms, last_messageid, last_status, interval_s, drops, drops_new, name, node";

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
    dropsNew: r.drops_new,
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

/** One analyzer's transition, ready to commit. */
export interface PendingWrite {
  prev: AnalyzerHealth | null;
  next: AnalyzerHealth;
  alerts: HealthAlertEntry[];
}

/** analyzer_health columns as a JSON object (bound once per statement via json_each). */
function rowJson(h: AnalyzerHealth, prev: AnalyzerHealth | null) {
  return {
    id: h.analyzerid, state: h.state, since: h.since, due: dueAt(h), seen: h.lastSeen, created: h.lastCreateMs,
    msg: h.lastMessageid, status: h.lastStatus, interval: h.intervalS, drops: h.drops, dropsNew: h.dropsNew, name: h.name,
    node: h.node === null ? null : JSON.stringify(h.node),
    // compare-and-set: the row must still be as it was read
    prevMsg: prev?.lastMessageid ?? null, prevState: prev?.state ?? null,
  };
}

const FROM_JSON = `r.value ->> 'id', r.value ->> 'state', r.value ->> 'since', r.value ->> 'due', r.value ->> 'seen',
  r.value ->> 'created', r.value ->> 'msg', r.value ->> 'status', r.value ->> 'interval', r.value ->> 'drops',
  r.value ->> 'dropsNew', r.value ->> 'name', r.value ->> 'node'`;

/** First contact: insert unless a concurrent writer inserted first. */
const INSERT_HEALTH_SQL = `INSERT INTO analyzer_health (${HEALTH_COLUMNS})
SELECT ${FROM_JSON} FROM json_each(?1) AS r WHERE true
ON CONFLICT (analyzerid) DO NOTHING`;

/** Compare-and-set, set-based: each row changes only if it is still as its writer read it. */
const UPDATE_HEALTH_SQL = `UPDATE analyzer_health AS h SET state = r.value ->> 'state', since = r.value ->> 'since',
  due_at = r.value ->> 'due', last_seen = r.value ->> 'seen', last_create_ms = r.value ->> 'created',
  last_messageid = r.value ->> 'msg', last_status = r.value ->> 'status', interval_s = r.value ->> 'interval',
  drops = r.value ->> 'drops', drops_new = r.value ->> 'dropsNew', name = r.value ->> 'name', node = r.value ->> 'node'
FROM json_each(?1) AS r
WHERE h.analyzerid = r.value ->> 'id' AND h.last_messageid = r.value ->> 'prevMsg' AND h.state = r.value ->> 'prevState'`;

/** True only after the compare-and-set that wrote exactly this state: `g` holds its guard. */
const STILL_MINE = `EXISTS (SELECT 1 FROM analyzer_health AS g WHERE g.analyzerid = GUARD ->> 0
  AND g.last_messageid = GUARD ->> 1 AND g.state = GUARD ->> 2 AND g.since = GUARD ->> 3)`;

/** Ingestion's alert insert (same columns, same extraction), each row kept only if its writer won. */
const INSERT_ALERTS_GUARDED_SQL = `${INSERT_ALERTS_SQL}\nWHERE ${STILL_MINE.replaceAll("GUARD", "(r.value -> 12)")}`;

const INSERT_OUTBOX_SQL = `INSERT OR IGNORE INTO health_outbox (messageid, analyzerid, kind, message, created_at, webhook_due_at)
SELECT r.value ->> 'messageid', r.value ->> 'analyzerid', r.value ->> 'kind', r.value ->> 'message', ?2, ?2
FROM json_each(?1) AS r WHERE ${STILL_MINE.replaceAll("GUARD", "(r.value -> 'guard')")}`;

export interface CommitStatements {
  statements: D1PreparedStatement[];
  /** Indexes of the state writes: the sum of their `meta.changes` is how many writers won. */
  writes: number[];
  /** Index of the alert insert (its `meta.changes` = alerts stored), or -1. */
  alertInsert: number;
}

/**
 * Statements for many transitions, a fixed handful whatever their number (D1 counts queries per
 * invocation): the compare-and-set of the state rows, the alerts (into `alerts`, with ingestion's
 * own column extraction and insert), and their outbox rows when a webhook is configured. Alerts
 * and outbox rows are guarded by the state their writer set, so a writer that lost the race
 * (a heartbeat and the cron touching the same analyzer) writes nothing. Run them in one batch.
 */
export function commitStatements(
  db: D1Database,
  items: PendingWrite[],
  healthAnalyzerId: string,
  now: number,
  webhook: boolean,
): CommitStatements {
  const out: CommitStatements = { statements: [], writes: [], alertInsert: -1 };
  const inserts = items.filter((i) => i.prev === null).map((i) => rowJson(i.next, null));
  const updates = items.filter((i) => i.prev !== null).map((i) => rowJson(i.next, i.prev));
  if (inserts.length > 0) out.writes.push(out.statements.push(db.prepare(INSERT_HEALTH_SQL).bind(JSON.stringify(inserts))) - 1);
  if (updates.length > 0) out.writes.push(out.statements.push(db.prepare(UPDATE_HEALTH_SQL).bind(JSON.stringify(updates))) - 1);

  const alertRows: unknown[] = [];
  const outbox: unknown[] = [];
  for (const { next: n, alerts } of items) {
    const guard = [n.analyzerid, n.lastMessageid, n.state, n.since];
    for (const a of alerts) {
      alertRows.push([...alertRow(a.alert, a.json), guard]);
      if (webhook) outbox.push({ messageid: a.messageid, analyzerid: a.analyzerid, kind: a.kind, message: a.json, guard });
    }
  }
  if (alertRows.length > 0) {
    out.alertInsert = out.statements.push(db.prepare(INSERT_ALERTS_GUARDED_SQL).bind(healthAnalyzerId, JSON.stringify(alertRows), now)) - 1;
  }
  if (outbox.length > 0) out.statements.push(db.prepare(INSERT_OUTBOX_SQL).bind(JSON.stringify(outbox), now));
  return out;
}
