/**
 * Read side: alert search with keyset pagination, one alert, analyzers. Every value is a bound
 * parameter; the SQL text is built only from fixed fragments.
 */
import type { AlertView, AnalyzerView } from "../../../schema/api.ts";
import { fromBase64Url, toBase64Url } from "../../../schema/structured-fields.ts";
import { HEALTH_JOIN, HEALTH_SELECT } from "../health/index.ts";
import { Problem } from "../problem.ts";
import { TRIAGE_STATUS_SQL } from "./triage.ts";

export interface AlertFilter {
  analyzerid?: string;
  classification?: string;
  severity?: string[];
  completion?: string;
  /** Exact matches on the extracted columns (console filters). */
  source_node?: string;
  target_user?: string;
  target_process?: string;
  target_file?: string;
  /** Triage status (store/triage.ts); an alert without a triage row is "open". */
  triage?: string[];
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

/** The WHERE clause of a filter (without cursor/limit), shared by the search and the aggregates
 *  (store/aggregate.ts) so a count always matches the list it drills into. */
export function alertWhere(f: Omit<AlertFilter, "limit" | "cursor">): { where: string[]; params: unknown[] } {
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
  if (f.source_node !== undefined) add("source_node = ?", f.source_node);
  if (f.target_user !== undefined) add("target_user = ?", f.target_user);
  if (f.target_process !== undefined) add("target_process = ?", f.target_process);
  if (f.target_file !== undefined) add("target_file = ?", f.target_file);
  if (f.triage !== undefined) add(`${TRIAGE_STATUS_SQL} IN (SELECT value FROM json_each(?))`, JSON.stringify(f.triage));
  if (f.since !== undefined) add("detect_time >= ?", f.since);
  if (f.until !== undefined) add("detect_time < ?", f.until);
  return { where, params };
}

export async function searchAlerts(db: D1Database, f: AlertFilter): Promise<{ alerts: AlertView[]; cursor: string | null }> {
  const { where, params } = alertWhere(f);
  if (f.cursor !== undefined) {
    where.push("(detect_time, analyzerid, messageid) < (?, ?, ?)");
    params.push(...decodeCursor(f.cursor));
  }
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

/** An analyzers row (joined with its health) as the API shows it; columns added by later
 *  migrations pass through as they are. */
export function analyzerView(row: Record<string, unknown>): AnalyzerView {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === "counters") out[k] = typeof v === "string" ? JSON.parse(v) : null;
    else if (TIME_COLUMNS.test(k) && typeof v === "number") out[k] = iso(v);
    else out[k] = v;
  }
  return out as AnalyzerView;
}

/** Every analyzer with its health. */
export async function listAnalyzers(db: D1Database): Promise<AnalyzerView[]> {
  const sql = `SELECT analyzers.*, ${HEALTH_SELECT} FROM analyzers ${HEALTH_JOIN} ORDER BY analyzers.analyzerid`;
  const rows = (await db.prepare(sql).all<Record<string, unknown>>()).results;
  return rows.map(analyzerView);
}
