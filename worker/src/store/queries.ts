/**
 * Read side: alert search with keyset pagination, one alert, analyzers. Every value is a bound
 * parameter; the SQL text is built only from fixed fragments.
 */
import type { AlertView, AnalyzerView } from "../../../schema/api.ts";
import { fromBase64Url, toBase64Url } from "../../../schema/structured-fields.ts";
import { HEALTH_JOIN, HEALTH_SELECT } from "../health/index.ts";
import { Problem } from "../problem.ts";

export interface AlertFilter {
  analyzerid?: string;
  classification?: string;
  severity?: string[];
  completion?: string;
  /** detect_time ≥ since, epoch ms. */
  since?: number;
  /** detect_time < until, epoch ms. */
  until?: number;
  limit: number;
  cursor?: string;
}

interface AlertDbRow {
  analyzerid: string;
  messageid: string;
  detect_time: number;
  create_time: number;
  received_at: number;
  classification: string;
  severity: string | null;
  completion: string | null;
  source_node: string | null;
  target_node: string | null;
  target_user: string | null;
  target_process: string | null;
  target_file: string | null;
  message: string;
}

/** Position after which the next page starts: the last row's (detect_time, analyzerid, messageid). */
type Position = [number, string, string];

export function encodeCursor(p: Position): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(p)));
}

export function decodeCursor(cursor: string): Position {
  try {
    const p = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(fromBase64Url(cursor)));
    if (Array.isArray(p) && p.length === 3 && Number.isInteger(p[0]) && typeof p[1] === "string" && typeof p[2] === "string") {
      return p as Position;
    }
  } catch {
    // reported below
  }
  throw new Problem(400, "bad-cursor", "cursor is not one this API returned");
}

const iso = (ms: number) => new Date(ms).toISOString();

function alertView(r: AlertDbRow): AlertView {
  return {
    analyzerid: r.analyzerid,
    messageid: r.messageid,
    detect_time: iso(r.detect_time),
    create_time: iso(r.create_time),
    received_at: iso(r.received_at),
    classification: r.classification,
    severity: r.severity,
    completion: r.completion,
    source_node: r.source_node,
    target_node: r.target_node,
    target_user: r.target_user,
    target_process: r.target_process,
    target_file: r.target_file,
    message: JSON.parse(r.message),
  };
}

export async function searchAlerts(db: D1Database, f: AlertFilter): Promise<{ alerts: AlertView[]; cursor: string | null }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (f.analyzerid !== undefined) add("analyzerid = ?", f.analyzerid);
  if (f.classification !== undefined) add("classification = ?", f.classification);
  if (f.severity !== undefined) add("severity IN (SELECT value FROM json_each(?))", JSON.stringify(f.severity));
  if (f.completion !== undefined) add("completion = ?", f.completion);
  if (f.since !== undefined) add("detect_time >= ?", f.since);
  if (f.until !== undefined) add("detect_time < ?", f.until);
  if (f.cursor !== undefined) add("(detect_time, analyzerid, messageid) < (?, ?, ?)", ...decodeCursor(f.cursor));
  const sql = `SELECT * FROM alerts ${where.length ? "WHERE " + where.join(" AND ") : ""}
    ORDER BY detect_time DESC, analyzerid DESC, messageid DESC LIMIT ?`;
  const rows = (await db.prepare(sql).bind(...params, f.limit + 1).all<AlertDbRow>()).results;
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    alerts: page.map(alertView),
    cursor: rows.length > f.limit ? encodeCursor([last.detect_time, last.analyzerid, last.messageid]) : null,
  };
}

export async function getAlert(db: D1Database, analyzerid: string, messageid: string): Promise<AlertView | null> {
  const row = await db.prepare("SELECT * FROM alerts WHERE analyzerid = ? AND messageid = ?").bind(analyzerid, messageid).first<AlertDbRow>();
  return row ? alertView(row) : null;
}

const TIME_COLUMNS = /(_at|_since)$/;

/** Every analyzer with its health; columns added by later migrations pass through as they are. */
export async function listAnalyzers(db: D1Database): Promise<AnalyzerView[]> {
  const sql = `SELECT analyzers.*, ${HEALTH_SELECT} FROM analyzers ${HEALTH_JOIN} ORDER BY analyzers.analyzerid`;
  const rows = (await db.prepare(sql).all<Record<string, unknown>>()).results;
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) {
      if (k === "counters") out[k] = typeof v === "string" ? JSON.parse(v) : null;
      else if (TIME_COLUMNS.test(k) && typeof v === "number") out[k] = iso(v);
      else out[k] = v;
    }
    return out as AnalyzerView;
  });
}
