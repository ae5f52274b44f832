/**
 * Export pages: every alert of [since, until) — hot (D1) and archived (R2) — once, in
 * (detect_time, analyzerid, messageid) order. Each page starts from one D1 snapshot (one batch):
 * the hot rows after the cursor and the registered objects from the cursor's hour on. An alert is
 * in exactly one of the two at any commit, so within the page's range nothing is missed or
 * repeated even while the archive job moves rows; the next page starts strictly after the last
 * key given. A page covers at most one archived hour, so memory is one hour's objects, never a year.
 */
import { Problem } from "../problem.ts";
import { triageOf, triageKey, type TriageEntry } from "../store/triage.ts";
import { compareKeys, HOUR_MS, hourOf, readObject, type AlertKey, type ArchivedAlert } from "./format.ts";

export const DEFAULT_EXPORT_LIMIT = 1000;
export const MAX_EXPORT_LIMIT = 5000;
/** Parts of one hour read by a page; an hour with more is refused rather than half-exported. */
const MAX_PARTS_PER_HOUR = 256;
/** Greater than any analyzer or message id (U+10FFFF sorts last in SQLite's byte order). */
const MAX_ID = "\u{10FFFF}";

export interface ExportQuery {
  since: number;
  until: number;
  analyzerid?: string;
  /** Last key of the previous page. */
  after: AlertKey | null;
  limit: number;
}

/** An exported alert with the console's current triage of it (null = open, never triaged). */
export type ExportedAlert = ArchivedAlert & { triage: TriageEntry | null };

export interface ExportPage {
  alerts: ExportedAlert[];
  objectsRead: number;
  /** null: the range is done. */
  next: AlertKey | null;
}

interface ObjectRow {
  key: string;
  hour: number;
  sha256: string;
  last_key: string;
}

/**
 * Triage rows stay in D1 when the archive moves their alert (they are small; GET
 * /v1/alerts/{a}/{m}/triage keeps answering), so each page joins them here, for hot and archived
 * alerts alike. Read after the page's snapshot: a triage change racing the export may show the newer state.
 */
async function withTriage(db: D1Database, alerts: ArchivedAlert[]): Promise<ExportedAlert[]> {
  const triage = await triageOf(db, alerts);
  return alerts.map((a) => ({ ...a, triage: triage.get(triageKey(a)) ?? null }));
}

export async function exportPage(db: D1Database, bucket: R2Bucket | undefined, q: ExportQuery): Promise<ExportPage> {
  const page = await exportKeys(db, bucket, q);
  return { ...page, alerts: await withTriage(db, page.alerts) };
}

async function exportKeys(db: D1Database, bucket: R2Bucket | undefined, q: ExportQuery): Promise<Omit<ExportPage, "alerts"> & { alerts: ArchivedAlert[] }> {
  const after: AlertKey = q.after ?? [q.since, "", ""];
  if (after[0] >= q.until) return { alerts: [], next: null, objectsRead: 0 };
  const byAnalyzer = q.analyzerid !== undefined ? "AND analyzerid = ?4" : "AND ?4 IS NULL";
  // Objects of hours that may still hold keys after the cursor ([t, MAX, MAX] closes hour t's end).
  const objectsFrom = (after[1] === MAX_ID ? after[0] + 1 : after[0]) - HOUR_MS;
  // The page ends with the first such hour, so hot rows are read only up to its end.
  const firstHour = `(SELECT min(hour) FROM archive_objects WHERE hour > ?7 AND hour < ?5)`;
  const [hourRes, hotRes, objRes] = await db.batch([
    db.prepare(`SELECT ${firstHour.replaceAll("?7", "?1").replaceAll("?5", "?2")} AS h`).bind(objectsFrom, q.until),
    db.prepare(
      `SELECT analyzerid, messageid, detect_time, create_time, received_at, message FROM alerts
       WHERE (detect_time, analyzerid, messageid) > (?1, ?2, ?3) ${byAnalyzer}
         AND detect_time < coalesce(${firstHour} + ${HOUR_MS}, ?5) AND detect_time < ?5
       ORDER BY detect_time, analyzerid, messageid LIMIT ?6`,
    ).bind(...after, q.analyzerid ?? null, q.until, q.limit, objectsFrom),
    db.prepare(
      `SELECT key, hour, sha256, last_key FROM archive_objects WHERE hour = ${firstHour.replaceAll("?7", "?1").replaceAll("?5", "?2")}
         AND (?3 IS NULL OR analyzers IS NULL OR EXISTS (SELECT 1 FROM json_each(analyzers) WHERE value = ?3))
       ORDER BY part LIMIT ?4`,
    ).bind(objectsFrom, q.until, q.analyzerid ?? null, MAX_PARTS_PER_HOUR),
  ]);
  const hot = hotRes.results as unknown as ArchivedAlert[];
  const hotFull = hot.length === q.limit;
  const hotLast: AlertKey | null = hotFull ? keyOfRow(hot[hot.length - 1]) : null;
  const inHour = objRes.results as unknown as ObjectRow[];
  if (inHour.length >= MAX_PARTS_PER_HOUR) throw new Problem(500, "archive-hour-too-large", `an archived hour has more parts than an export page reads`);
  const hour = (hourRes.results[0] as { h: number | null }).h;
  const parts = inHour.filter((o) => compareKeys(JSON.parse(o.last_key) as AlertKey, after) > 0);
  const hourEnd = hour === null ? null : Math.min(hour + HOUR_MS, q.until);
  const inPage = (k: AlertKey) =>
    compareKeys(k, after) > 0 && k[0] < q.until && (hotLast === null || compareKeys(k, hotLast) <= 0) && (hourEnd === null || k[0] < hourEnd);

  const items = hot.filter((a) => inPage(keyOfRow(a)));
  for (const o of parts) {
    for (const a of await readObject(bucket!, o.key, o.sha256)) {
      if ((q.analyzerid === undefined || a.analyzerid === q.analyzerid) && inPage(keyOfRow(a))) items.push(a);
    }
  }
  items.sort((x, y) => compareKeys(keyOfRow(x), keyOfRow(y)));
  if (items.length >= q.limit) {
    const page = items.slice(0, q.limit);
    return { alerts: page, next: keyOfRow(page[page.length - 1]), objectsRead: parts.length };
  }
  // Everything in the page's range was given: continue after the range.
  let next: AlertKey | null = null;
  if (hotLast !== null && (hourEnd === null || hotLast[0] < hourEnd)) next = hotLast;
  else if (hourEnd !== null) next = [hourEnd - 1, MAX_ID, MAX_ID];
  return { alerts: items, next: next !== null && next[0] < q.until ? next : null, objectsRead: parts.length };
}

const keyOfRow = (a: ArchivedAlert): AlertKey => [a.detect_time, a.analyzerid, a.messageid];

/** Archive objects one answer may read (each step reads one hour's); bounds the request's memory. */
export const MAX_OBJECTS_PER_ANSWER = 32;

/**
 * Consecutive pages into one answer (sparse hours would otherwise cost a request each), up to
 * `limit` alerts or MAX_OBJECTS_PER_ANSWER objects. Each page is its own snapshot and starts
 * strictly after the previous one's last key, so the chain still gives every alert once.
 */
export async function exportRange(db: D1Database, bucket: R2Bucket | undefined, q: ExportQuery): Promise<ExportPage> {
  const alerts: ExportedAlert[] = [];
  let after = q.after;
  let objects = 0;
  for (;;) {
    const page = await exportPage(db, bucket, { ...q, after, limit: q.limit - alerts.length });
    alerts.push(...page.alerts);
    objects += page.objectsRead;
    if (page.next === null || alerts.length >= q.limit || objects >= MAX_OBJECTS_PER_ANSWER) return { alerts, next: page.next, objectsRead: objects };
    after = page.next;
  }
}
