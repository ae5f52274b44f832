/**
 * The fleet at scale: analyzers in keyset pages (a fleet can have 100,000), their alert counts by
 * severity, and one analyzer's heartbeat history with what happened between heartbeats.
 */
import type { AnalyzerView } from "../../../schema/api.ts";
import { HEALTH_JOIN, HEALTH_SELECT } from "../health/index.ts";
import { analyzerView } from "./queries.ts";

export interface AnalyzerPage {
  analyzers: AnalyzerView[];
  /** The last analyzerid of this page: pass as `after` for the next; null on the last page. */
  next: string | null;
}

/** Analyzers ordered by id, `limit` per page, starting after `after` (primary-key range scan). */
export async function listAnalyzersPage(db: D1Database, o: { limit: number; after?: string }): Promise<AnalyzerPage> {
  const rows = await db
    .prepare(
      `SELECT analyzers.*, ${HEALTH_SELECT} FROM analyzers ${HEALTH_JOIN}
       WHERE analyzers.analyzerid > ? ORDER BY analyzers.analyzerid LIMIT ?`,
    )
    .bind(o.after ?? "", o.limit + 1)
    .all<Record<string, unknown>>();
  const page = rows.results.slice(0, o.limit).map(analyzerView);
  return { analyzers: page, next: rows.results.length > o.limit ? page[page.length - 1].analyzerid : null };
}

/** Alerts per severity for each of these analyzers since `since` (epoch ms). */
export async function severityCountsByAnalyzer(db: D1Database, analyzerids: string[], since: number): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  if (analyzerids.length === 0) return out;
  const rows = await db
    .prepare(
      `SELECT analyzerid, coalesce(severity, 'unknown') AS severity, count(*) AS n FROM alerts
       WHERE analyzerid IN (SELECT value FROM json_each(?)) AND detect_time >= ? GROUP BY 1, 2`,
    )
    .bind(JSON.stringify(analyzerids), since)
    .all<{ analyzerid: string; severity: string; n: number }>();
  for (const r of rows.results) {
    const counts = out.get(r.analyzerid) ?? {};
    counts[r.severity] = r.n;
    out.set(r.analyzerid, counts);
  }
  return out;
}

/** What a heartbeat tells about the analyzer's life, relative to the one before it. */
export type HeartbeatEvent = "start" | "clean_stop" | "unexpected_restart" | "failed" | "gap" | "abnormal_interval";

export interface HeartbeatHistoryItem {
  messageid: string;
  create_time: string;
  received_at: string;
  status: string | null;
  heartbeat_interval: number | null;
  events: HeartbeatEvent[];
}

interface HeartbeatDbRow {
  messageid: string;
  create_time: number;
  received_at: number;
  status: string | null;
  heartbeat_interval: number | null;
}

/**
 * Events of each heartbeat given the previous one (oldest first). A gap: more than interval +
 * margin since the previous heartbeat while the analyzer had not stopped; an abnormal interval:
 * the next heartbeat came in under half the announced interval (and not at a start/stop).
 */
export function heartbeatEvents(rows: HeartbeatDbRow[], marginMs: number): HeartbeatEvent[][] {
  return rows.map((r, i) => {
    const prev = i > 0 ? rows[i - 1] : null;
    const ev: HeartbeatEvent[] = [];
    if (r.status === "starting") ev.push(prev && prev.status !== "exiting" && prev.status !== "failed" ? "unexpected_restart" : "start");
    if (r.status === "exiting") ev.push("clean_stop");
    if (r.status === "failed") ev.push("failed");
    if (prev && prev.status !== "exiting" && prev.status !== "failed" && prev.heartbeat_interval) {
      const delta = r.create_time - prev.create_time;
      if (delta > prev.heartbeat_interval * 1000 + marginMs) ev.push("gap");
      else if (r.status === "running" && prev.status === "running" && delta < (prev.heartbeat_interval * 1000) / 2) ev.push("abnormal_interval");
    }
    return ev;
  });
}

/**
 * One analyzer's heartbeats, newest first, `limit` per page before `before` (create_time, epoch ms).
 * One extra older row is read so the oldest heartbeat of the page is judged against its predecessor.
 */
export async function heartbeatHistory(
  db: D1Database,
  analyzerid: string,
  o: { limit: number; before?: number; marginMs: number },
): Promise<{ heartbeats: HeartbeatHistoryItem[]; next: number | null }> {
  const rows = (
    await db
      .prepare(
        `SELECT messageid, create_time, received_at, status, heartbeat_interval FROM heartbeats
         WHERE analyzerid = ? AND create_time < ? ORDER BY create_time DESC LIMIT ?`,
      )
      .bind(analyzerid, o.before ?? Number.MAX_SAFE_INTEGER, o.limit + 1)
      .all<HeartbeatDbRow>()
  ).results;
  const oldestFirst = [...rows].reverse();
  const events = heartbeatEvents(oldestFirst, o.marginMs).reverse();
  const page = rows.slice(0, o.limit).map((r, i) => ({
    messageid: r.messageid,
    create_time: new Date(r.create_time).toISOString(),
    received_at: new Date(r.received_at).toISOString(),
    status: r.status,
    heartbeat_interval: r.heartbeat_interval,
    events: events[i],
  }));
  return { heartbeats: page, next: rows.length > o.limit ? rows[o.limit - 1].create_time : null };
}

/** One analyzer-hour of the heartbeat roll-up (migration 0010, worker/src/rollup/heartbeats.ts). */
export interface HeartbeatHourItem {
  hour: string;
  heartbeats: number;
  starts: number;
  restarts: number;
  clean_stops: number;
  failures: number;
  gaps: number;
  abnormal_intervals: number;
  longest_gap_ms: number | null;
}

/**
 * One analyzer's rolled-up heartbeat history, newest hour first, `limit` hours before `before`
 * (epoch ms): the history past HEARTBEAT_RETENTION_DAYS, when the raw heartbeats are gone.
 */
export async function heartbeatHours(
  db: D1Database,
  analyzerid: string,
  o: { limit: number; before?: number },
): Promise<{ hours: HeartbeatHourItem[]; next: number | null }> {
  const rows = (
    await db
      .prepare(
        `SELECT hour, heartbeats, starts, restarts, clean_stops, failures, gaps, abnormal_intervals, longest_gap_ms
         FROM heartbeat_rollup_hourly WHERE analyzerid = ? AND hour < ? ORDER BY hour DESC LIMIT ?`,
      )
      .bind(analyzerid, o.before ?? Number.MAX_SAFE_INTEGER, o.limit + 1)
      .all<Omit<HeartbeatHourItem, "hour"> & { hour: number }>()
  ).results;
  const page = rows.slice(0, o.limit);
  return {
    hours: page.map((r) => ({ ...r, hour: new Date(r.hour).toISOString() })),
    next: rows.length > o.limit ? page[page.length - 1].hour : null,
  };
}

/** Analyzers per health state (`unknown`: never judged by the monitor), for the header summary. */
export async function healthCounts(db: D1Database): Promise<Record<string, number>> {
  const rows = await db
    .prepare(`SELECT coalesce(h.state, 'unknown') AS health, count(*) AS n FROM analyzers ${HEALTH_JOIN} GROUP BY 1`)
    .all<{ health: string; n: number }>();
  return Object.fromEntries(rows.results.map((r) => [r.health, r.n]));
}

export async function getAnalyzer(db: D1Database, analyzerid: string): Promise<AnalyzerView | null> {
  const row = await db
    .prepare(`SELECT analyzers.*, ${HEALTH_SELECT} FROM analyzers ${HEALTH_JOIN} WHERE analyzers.analyzerid = ?`)
    .bind(analyzerid)
    .first<Record<string, unknown>>();
  return row ? analyzerView(row) : null;
}
