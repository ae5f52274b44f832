/**
 * analyzer_health rows <-> AnalyzerHealth, and the one write every transition uses: a
 * compare-and-set of the row plus its alerts and outbox rows, in ONE D1 batch (a transaction).
 * The alert inserts are conditioned on the row now holding the new state, so a writer that lost
 * the race (a heartbeat and the cron touching the same analyzer) writes nothing.
 */
import type { Alert } from "../../../schema/idmef.ts";
import { alertRow, INSERT_ALERTS_SQL } from "../store/alerts.ts";
import { streamNewAlerts } from "../stream/log.ts";
import type { HealthMessage } from "./alert.ts";
import type { HealthConfig } from "./config.ts";
import { dueAt, type AnalyzerHealth, type HealthNode, type HealthState, type Registration } from "./state.ts";

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
  client_id: string | null;
  client_name: string | null;
  alert_hour: number;
  alerts_in_hour: number;
  alerts_suppressed: number;
  alerts_suppressed_total: number;
}

export const HEALTH_COLUMNS =
  "analyzerid, state, since, due_at, last_seen, last_create_ms, last_messageid, last_status, interval_s, drops, drops_new, name, node, " +
  "client_id, client_name, alert_hour, alerts_in_hour, alerts_suppressed, alerts_suppressed_total";

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
    clientId: r.client_id,
    clientName: r.client_name,
    alertHour: r.alert_hour,
    alertsInHour: r.alerts_in_hour,
    alertsSuppressed: r.alerts_suppressed,
    alertsSuppressedTotal: r.alerts_suppressed_total,
  };
}

export async function readHealth(db: D1Database, analyzerid: string): Promise<AnalyzerHealth | null> {
  const row = await db.prepare(`SELECT ${HEALTH_COLUMNS} FROM analyzer_health WHERE analyzerid = ?`).bind(analyzerid).first<HealthRow>();
  return row === null ? null : fromRow(row);
}

const QUALIFIED = HEALTH_COLUMNS.split(", ").map((c) => `h.${c}`).join(", ");

/**
 * The analyzer's health row and the registration of the client that sent its heartbeats, in one
 * query: by client id when ingestion names it, else the client bound to that analyzer id.
 */
export async function readHealthAndSender(
  db: D1Database,
  analyzerid: string,
  clientId: string | null,
): Promise<{ prev: AnalyzerHealth | null; sender: Registration | null }> {
  const row = await db
    .prepare(
      `SELECT ${QUALIFIED}, c.id AS reg_id, c.name AS reg_name FROM (SELECT 1)
       LEFT JOIN analyzer_health AS h ON h.analyzerid = ?1
       LEFT JOIN clients AS c ON c.id = coalesce(?2,
         (SELECT id FROM clients WHERE analyzer_id = ?1 ORDER BY revoked_at IS NOT NULL, created_at DESC LIMIT 1))`,
    )
    .bind(analyzerid, clientId)
    .first<HealthRow & { reg_id: string | null; reg_name: string | null }>();
  return {
    prev: row === null || row.analyzerid === null ? null : fromRow(row),
    sender: row?.reg_id ? { clientId: row.reg_id, clientName: row.reg_name ?? "" } : null,
  };
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
    clientId: h.clientId, clientName: h.clientName, alertHour: h.alertHour, alertsInHour: h.alertsInHour,
    suppressed: h.alertsSuppressed, suppressedTotal: h.alertsSuppressedTotal,
    // compare-and-set: the row must still be as it was read
    prevMsg: prev?.lastMessageid ?? null, prevState: prev?.state ?? null,
  };
}

const FROM_JSON = `r.value ->> 'id', r.value ->> 'state', r.value ->> 'since', r.value ->> 'due', r.value ->> 'seen',
  r.value ->> 'created', r.value ->> 'msg', r.value ->> 'status', r.value ->> 'interval', r.value ->> 'drops',
  r.value ->> 'dropsNew', r.value ->> 'name', r.value ->> 'node', r.value ->> 'clientId', r.value ->> 'clientName',
  r.value ->> 'alertHour', r.value ->> 'alertsInHour', r.value ->> 'suppressed', r.value ->> 'suppressedTotal'`;

/** First contact: insert unless a concurrent writer inserted first. */
const INSERT_HEALTH_SQL = `INSERT INTO analyzer_health (${HEALTH_COLUMNS})
SELECT ${FROM_JSON} FROM json_each(?1) AS r WHERE true
ON CONFLICT (analyzerid) DO NOTHING`;

/** Compare-and-set, set-based: each row changes only if it is still as its writer read it. */
const UPDATE_HEALTH_SQL = `UPDATE analyzer_health AS h SET state = r.value ->> 'state', since = r.value ->> 'since',
  due_at = r.value ->> 'due', last_seen = r.value ->> 'seen', last_create_ms = r.value ->> 'created',
  last_messageid = r.value ->> 'msg', last_status = r.value ->> 'status', interval_s = r.value ->> 'interval',
  drops = r.value ->> 'drops', drops_new = r.value ->> 'dropsNew', name = r.value ->> 'name', node = r.value ->> 'node',
  client_id = r.value ->> 'clientId', client_name = r.value ->> 'clientName', alert_hour = r.value ->> 'alertHour',
  alerts_in_hour = r.value ->> 'alertsInHour', alerts_suppressed = r.value ->> 'suppressed',
  alerts_suppressed_total = r.value ->> 'suppressedTotal'
FROM json_each(?1) AS r
WHERE h.analyzerid = r.value ->> 'id' AND h.last_messageid = r.value ->> 'prevMsg' AND h.state = r.value ->> 'prevState'`;

/** True only after the compare-and-set that wrote exactly this state: `g` holds its guard. */
const STILL_MINE = `EXISTS (SELECT 1 FROM analyzer_health AS g WHERE g.analyzerid = GUARD ->> 0
  AND g.last_messageid = GUARD ->> 1 AND g.state = GUARD ->> 2 AND g.since = GUARD ->> 3)`;

/** Ingestion's alert insert (same columns, same extraction), each row kept only if its writer won.
 *  The guard is the row's LAST element, whatever number of columns alertRow() extracts. */
const INSERT_ALERTS_GUARDED_SQL = `${INSERT_ALERTS_SQL}\nWHERE ${STILL_MINE.replaceAll("GUARD", "(r.value -> '$[#-1]')")}`;

/** Outbox rows from a JSON array of {messageid, analyzerid, kind, message}, created and due at ?2. */
const INSERT_OUTBOX_UNGUARDED_SQL = `INSERT OR IGNORE INTO health_outbox (messageid, analyzerid, kind, message, created_at, webhook_due_at)
SELECT r.value ->> 'messageid', r.value ->> 'analyzerid', r.value ->> 'kind', r.value ->> 'message', ?2, ?2
FROM json_each(?1) AS r`;

const INSERT_OUTBOX_SQL = `${INSERT_OUTBOX_UNGUARDED_SQL} WHERE ${STILL_MINE.replaceAll("GUARD", "(r.value -> 'guard')")}`;

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
    out.statements.push(streamNewAlerts(db));
  }
  if (outbox.length > 0) out.statements.push(db.prepare(INSERT_OUTBOX_SQL).bind(JSON.stringify(outbox), now));
  return out;
}

/** A health alert not tied to a state change (database size; ingestion's over-quota alert). */
export interface StandaloneHealthAlert {
  /** The analyzer it is about (the outbox row's analyzerid); the health analyzer id for the Worker itself. */
  about: string;
  kind: string;
  message: HealthMessage;
}

/**
 * Statements storing standalone health alerts in `alerts` (as the health analyzer) and, with a
 * webhook configured, queueing them in the outbox. Idempotent by messageid (derive it from the
 * event with buildHealthAlert's idParts); join them to the caller's batch.
 */
export function healthAlertStatements(
  db: D1Database,
  cfg: Pick<HealthConfig, "analyzerId" | "webhookUrl">,
  alerts: StandaloneHealthAlert[],
  now: number,
): D1PreparedStatement[] {
  if (alerts.length === 0) return [];
  const entries = alerts.map((a) => ({ ...a, json: JSON.stringify(a.message) }));
  const rows = entries.map((e) => alertRow(e.message.alert, e.json));
  const out = [db.prepare(INSERT_ALERTS_SQL).bind(cfg.analyzerId, JSON.stringify(rows), now), streamNewAlerts(db)];
  if (cfg.webhookUrl !== null) {
    const outbox = entries.map((e) => ({ messageid: e.message.alert.messageid, analyzerid: e.about, kind: e.kind, message: e.json }));
    out.push(db.prepare(INSERT_OUTBOX_UNGUARDED_SQL).bind(JSON.stringify(outbox), now));
  }
  return out;
}
