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
  /** detect_time ≥ since, epoch ms (detect_time is the clamped time, see alert-rows.ts). */
  since?: number;
  /** detect_time < until, epoch ms. */
  until?: number;
  limit: number;
  cursor?: string;
  /** Stop adding rows once their messages pass this many bytes (default PAGE_BYTE_BUDGET). */
  byteBudget?: number;
}

/**
 * A page stops at `limit` rows or when its messages would pass this many bytes, whichever comes
 * first (always at least one row): a page of 1 MB messages must not load 100 MB into the isolate.
 */
export const PAGE_BYTE_BUDGET = 2_000_000;

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

/**
 * Position after which the next page starts: the last row's (detect_time, rowid). Page order is
 * (detect_time DESC, rowid DESC) — rowid is what every index ends with, so the order costs nothing
 * to index (schema/migrations/0005); among alerts of the same millisecond, the later stored first.
 */
type Position = [number, number];

/** An opaque cursor: a JSON value, base64url. */
export function encodeCursor(p: unknown): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(p)));
}

/** The value of a cursor this API returned, checked by `valid`; 400 bad-cursor otherwise. */
export function decodeCursorAs<T>(cursor: string, valid: (p: unknown) => p is T): T {
  try {
    const p: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(fromBase64Url(cursor)));
    if (valid(p)) return p;
  } catch {
    // reported below
  }
  throw new Problem(400, "bad-cursor", "cursor is not one this API returned");
}

const isPosition = (p: unknown): p is Position => Array.isArray(p) && p.length === 2 && Number.isInteger(p[0]) && Number.isInteger(p[1]);

export function decodeCursor(cursor: string): Position {
  return decodeCursorAs(cursor, isPosition);
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The sender's own detect_time (create_time when absent), when it differs from the stored one. */
function claimedDetectTime(message: unknown, stored: number): string | undefined {
  const a = (message as { alert?: { detect_time?: unknown; create_time?: unknown } } | null)?.alert;
  const claimed = a?.detect_time ?? a?.create_time;
  if (typeof claimed !== "string") return undefined;
  const ms = Date.parse(claimed);
  if (ms === stored) return undefined;
  return Number.isNaN(ms) ? claimed : iso(ms);
}

function alertView(r: AlertDbRow): AlertView {
  const message: unknown = JSON.parse(r.message);
  const claimed = claimedDetectTime(message, r.detect_time);
  return {
    analyzerid: r.analyzerid,
    messageid: r.messageid,
    detect_time: iso(r.detect_time),
    ...(claimed === undefined ? {} : { claimed_detect_time: claimed }),
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
    message,
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

const PAGE_ORDER = "ORDER BY detect_time DESC, rid DESC";

/** A WHERE fragment and its bound values. */
type Condition = [sql: string, ...values: unknown[]];

/** One SELECT of the page's keys, served by `index` in page order. */
interface Arm {
  index: string;
  where: Condition[];
}

/**
 * Where the page starts. After a cursor (t, r): the rest of its millisecond (`tie`: detect_time = t
 * AND rowid < r, an index seek however many alerts share t) and everything older (`older`:
 * detect_time < t). A row value (detect_time, rowid) < (t, r) would seek on detect_time only and
 * re-read every tie at t on every page. The cursor and `until` are both upper bounds; only the
 * tighter one is used.
 */
function pageBounds(f: AlertFilter): { tie: Condition[] | null; older: Condition[] } {
  const since: Condition[] = f.since === undefined ? [] : [["detect_time >= ?", f.since]];
  const position = f.cursor === undefined ? undefined : decodeCursor(f.cursor);
  if (position !== undefined && (f.until === undefined || position[0] < f.until)) {
    const [t, rowid] = position;
    return { tie: [["detect_time = ?", t], ["rowid < ?", rowid], ...since], older: [["detect_time < ?", t], ...since] };
  }
  return { tie: null, older: [...(f.until === undefined ? [] : [["detect_time < ?", f.until] as Condition]), ...since] };
}

/**
 * The page's keys as one SELECT per arm (D1 allows 5 in a compound), each read from an index in
 * page order (the index is forced: the planner must never fall back to sorting). One filter drives
 * — the analyzer, else the classification, else the severity, else the completion, else time alone
 * — and the others are checked on the rows it reads. Several severities are one arm each, merged
 * by SQLite's ordered UNION ALL (MERGE), since `severity IN (…)` on the index would need a sort;
 * their cursor's millisecond is one arm on alerts_by_time, filtered row by row within that ms.
 */
export function alertArms(f: AlertFilter): Arm[] {
  const severities = f.severity === undefined ? undefined : [...new Set(f.severity)];
  const bySeverity: Condition | null = severities ? [`severity IN (${severities.map(() => "?").join(", ")})`, ...severities] : null;
  const analyzer: Condition | null = f.analyzerid === undefined ? null : ["analyzerid = ?", f.analyzerid];
  const classification: Condition | null = f.classification === undefined ? null : ["classification = ?", f.classification];
  const completion: Condition | null = f.completion === undefined ? null : ["completion = ?", f.completion];
  // The console's filters on extracted columns and triage status have no index of their own:
  // checked on the rows the driving index reads, like the secondary filters above.
  const extras: Condition[] = [
    ...(["source_node", "target_user", "target_process", "target_file"] as const)
      .filter((k) => f[k] !== undefined)
      .map((k): Condition => [`${k} = ?`, f[k]]),
    ...(f.triage === undefined ? [] : [[`${TRIAGE_STATUS_SQL} IN (SELECT value FROM json_each(?))`, JSON.stringify(f.triage)] as Condition]),
  ];
  const all = (...c: Array<Condition | null>): Condition[] => [...c.filter((x): x is Condition => x !== null), ...extras];
  const { tie, older } = pageBounds(f);
  /** One driving index with these equality conditions: the cursor's millisecond, then the rest. */
  const on = (index: string, eq: Condition[]): Arm[] => [
    ...(tie ? [{ index, where: [...eq, ...tie] }] : []),
    { index, where: [...eq, ...older] },
  ];

  if (analyzer) return on("alerts_by_analyzer_time", all(analyzer, classification, bySeverity, completion));
  if (classification) return on("alerts_by_class_time", all(classification, bySeverity, completion));
  if (severities && severities.length === 1) return on("alerts_by_severity_time", all(bySeverity, completion));
  if (severities) {
    return [
      ...(tie ? [{ index: "alerts_by_time", where: [...all(bySeverity, completion), ...tie] }] : []),
      ...severities.map((s) => ({ index: "alerts_by_severity_time", where: [...all(["severity = ?", s], completion), ...older] })),
    ];
  }
  if (completion) return on("alerts_by_completion_time", all(completion));
  return on("alerts_by_time", all());
}

/**
 * keys: limit + 1 keys in page order with each message's size (octet_length reads the record
 * header, not the text); page: their position and the running total of the sizes; then only the rows within the
 * byte budget (and the first row) carry their message, the rest say that they exist.
 */
export function alertPageQuery(f: AlertFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const selects = alertArms(f).map((arm) => {
    for (const [, ...values] of arm.where) params.push(...values);
    const where = arm.where.length > 0 ? ` WHERE ${arm.where.map(([sql]) => sql).join(" AND ")}` : "";
    return `SELECT rowid AS rid, detect_time, octet_length(message) AS bytes FROM alerts INDEXED BY ${arm.index}${where}`;
  });
  params.push(f.limit + 1, f.byteBudget ?? PAGE_BYTE_BUDGET);
  const sql = `WITH keys AS (${selects.join(" UNION ALL ")} ${PAGE_ORDER} LIMIT ?),
page AS (SELECT rid, bytes, sum(bytes) OVER w AS running, row_number() OVER w AS pos FROM keys
  WINDOW w AS (${PAGE_ORDER} ROWS UNBOUNDED PRECEDING))
SELECT page.pos, page.rid, a.analyzerid, a.messageid, a.detect_time, a.create_time, a.received_at, a.classification, a.severity, a.completion,
  a.source_node, a.target_node, a.target_user, a.target_process, a.target_file,
  CASE WHEN page.running <= ? OR page.running = page.bytes THEN a.message END AS message
FROM page JOIN alerts AS a ON a.rowid = page.rid`;
  return { sql, params };
}

export async function searchAlerts(db: D1Database, f: AlertFilter): Promise<{ alerts: AlertView[]; cursor: string | null }> {
  const { sql, params } = alertPageQuery(f);
  type Row = Omit<AlertDbRow, "message"> & { message: string | null; pos: number; rid: number };
  // SQLite's page order, as numbered by the query (the join's output order is not promised).
  const rows = (await db.prepare(sql).bind(...params).all<Row>()).results.sort((a, b) => a.pos - b.pos);
  // Rows past the byte budget come without their message and end the page.
  let n = 0;
  while (n < rows.length && n < f.limit && rows[n].message !== null) n++;
  const page = rows.slice(0, n);
  const last = page[page.length - 1];
  return {
    alerts: (page as AlertDbRow[]).map(alertView),
    cursor: rows.length > n ? encodeCursor([last.detect_time, last.rid]) : null,
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
