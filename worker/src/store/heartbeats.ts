/**
 * Heartbeat storage and the analyzer's latest state.
 *
 * Every new heartbeat is kept as history; the analyzer row takes the server receive time of the
 * request (a delivered heartbeat proves the sender is alive now) and, from the newest heartbeat
 * by the sender's create_time, status / interval / counters — so a late re-send from a spool
 * never overwrites a newer status. Duplicates (same analyzerid + messageid) change nothing.
 *
 * Extension point: `HeartbeatHook`s (the health monitor's transitions) receive the previous
 * analyzer row and the request's heartbeats, and return statements that join the same D1 batch
 * and/or work to run after the commit, before the answer.
 */
import type { Analyzer, Heartbeat } from "../../../schema/idmef.ts";
import type { Env } from "../env.ts";
import { chunkRows } from "./alerts.ts";

/** additional_data meaning of the lifecycle status (SPEC 2.5), compared case-insensitively. */
export const STATUS_MEANING = "analyzer status";

export interface AnalyzerRow {
  analyzerid: string;
  name: string | null;
  status: string | null;
  heartbeat_interval: number | null;
  last_heartbeat_at: number | null;
  last_heartbeat_create_time: string | null;
  last_heartbeat_create_ms: number | null;
  last_heartbeat_messageid: string | null;
  counters: string | null;
  [column: string]: unknown;
}

export interface NewHeartbeat {
  heartbeat: Heartbeat;
  json: string;
  createMs: number;
  status: string | null;
  counters: Record<string, number>;
}

/** What a hook sees: one request's valid heartbeats for one analyzer. */
export interface HeartbeatIngest {
  db: D1Database;
  env: Env;
  clientId: string;
  analyzerid: string;
  /** The analyzer row before this request (null for a first contact). */
  previous: AnalyzerRow | null;
  /** Every valid heartbeat of the request, duplicates of stored ones included (a re-send after a
   *  failed attempt must still reach the hooks), oldest create_time first. */
  heartbeats: Heartbeat[];
  /** Whether a heartbeat was stored by this request (false for a duplicate). */
  isNew(messageid: string): boolean;
  /** Server receive time, epoch ms. */
  receivedAt: number;
  /** Background work that must not delay the answer (notifications). */
  waitUntil(p: Promise<unknown>): void;
}

export interface HeartbeatHookResult {
  /** Run in the same D1 batch (transaction) as the heartbeats themselves. */
  statements?: D1PreparedStatement[];
  /** Run after the commit and awaited before the 2xx answer; a failure answers 500, so the
   *  sender retries and the hook sees the (now duplicate) heartbeats again. */
  afterCommit?: () => Promise<void>;
}

export type HeartbeatHook = (ingest: HeartbeatIngest) => HeartbeatHookResult | Promise<HeartbeatHookResult>;

export function heartbeatDetails(hb: Heartbeat, json: string): NewHeartbeat {
  let status: string | null = null;
  const counters: Record<string, number> = {};
  for (const ad of hb.additional_data ?? []) {
    const meaning = ad.meaning?.trim() ?? "";
    if (ad.type === "string" && meaning.toLowerCase() === STATUS_MEANING) status = ad.data.trim().toLowerCase();
    else if ((ad.type === "integer" || ad.type === "real" || ad.type === "byte" || ad.type === "ntpstamp") && meaning !== "") {
      counters[meaning] = ad.data;
    }
  }
  return { heartbeat: hb, json, createMs: Date.parse(hb.create_time), status, counters };
}

/** The previous analyzer row and which of these heartbeats are already stored (one round trip). */
export async function readHeartbeatContext(
  db: D1Database,
  analyzerid: string,
  messageids: string[],
): Promise<{ previous: AnalyzerRow | null; stored: Set<string> }> {
  const [prev, dup] = await db.batch([
    db.prepare("SELECT * FROM analyzers WHERE analyzerid = ?").bind(analyzerid),
    db
      .prepare("SELECT messageid FROM heartbeats WHERE analyzerid = ? AND messageid IN (SELECT value FROM json_each(?))")
      .bind(analyzerid, JSON.stringify(messageids)),
  ]);
  return {
    previous: (prev.results[0] as AnalyzerRow | undefined) ?? null,
    stored: new Set((dup.results as Array<{ messageid: string }>).map((r) => r.messageid)),
  };
}

const INSERT_HEARTBEATS_SQL = `INSERT OR IGNORE INTO heartbeats (analyzerid, messageid, create_time, received_at, status, heartbeat_interval, message)
SELECT ?1, r.value ->> 0, r.value ->> 1, ?3, r.value ->> 2, r.value ->> 3, r.value ->> 4 FROM json_each(?2) AS r`;

export function insertHeartbeatStatements(db: D1Database, analyzerid: string, hbs: NewHeartbeat[], now: number): D1PreparedStatement[] {
  const rows = hbs.map((h) => [h.heartbeat.messageid, h.createMs, h.status, h.heartbeat.heartbeat_interval ?? null, h.json]);
  const stmt = db.prepare(INSERT_HEARTBEATS_SQL);
  return chunkRows(rows).map((chunk) => stmt.bind(analyzerid, chunk, now));
}

/**
 * Upserts the analyzer row from new heartbeats (`newest` = greatest create_time among them).
 * The CASE guards keep a newer stored state when `newest` is itself older (a late re-send).
 */
export function analyzerFromHeartbeats(db: D1Database, clientId: string, newest: NewHeartbeat, count: number, now: number): D1PreparedStatement {
  const hb = newest.heartbeat;
  const a: Analyzer = hb.analyzer[0];
  return db
    .prepare(
      `INSERT INTO analyzers (analyzerid, name, model, class, node_name, client_id, status, heartbeat_interval,
         last_heartbeat_at, last_heartbeat_create_time, last_heartbeat_create_ms, last_heartbeat_messageid, counters,
         heartbeats_received, first_seen_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?9, ?9)
       ON CONFLICT (analyzerid) DO UPDATE SET
         heartbeats_received = heartbeats_received + excluded.heartbeats_received,
         last_heartbeat_at = excluded.last_heartbeat_at,
         client_id = excluded.client_id,
         updated_at = excluded.updated_at,
         name = iif(fresh, excluded.name, name),
         model = iif(fresh, excluded.model, model),
         class = iif(fresh, excluded.class, class),
         node_name = iif(fresh, excluded.node_name, node_name),
         status = iif(fresh, excluded.status, status),
         heartbeat_interval = iif(fresh, excluded.heartbeat_interval, heartbeat_interval),
         last_heartbeat_create_time = iif(fresh, excluded.last_heartbeat_create_time, last_heartbeat_create_time),
         last_heartbeat_messageid = iif(fresh, excluded.last_heartbeat_messageid, last_heartbeat_messageid),
         counters = iif(fresh, excluded.counters, counters),
         last_heartbeat_create_ms = iif(fresh, excluded.last_heartbeat_create_ms, last_heartbeat_create_ms)`.replaceAll(
        "fresh",
        "coalesce(analyzers.last_heartbeat_create_ms, -1) <= excluded.last_heartbeat_create_ms",
      ),
    )
    .bind(
      a.analyzerid,
      a.name ?? null,
      a.model ?? null,
      a.class ?? null,
      a.node?.name ?? null,
      clientId,
      newest.status,
      hb.heartbeat_interval ?? null,
      now,
      hb.create_time,
      newest.createMs,
      hb.messageid,
      JSON.stringify(newest.counters),
      count,
    );
}
