/**
 * The archive job: alerts whose detect hour is wholly older than the hot window move from D1 to
 * R2, one object per (hour, part), oldest hour first. Per object:
 *   1. read the hour's next rows in key order (up to the object bound) and the hour's next part
 *      number, in one snapshot;
 *   2. gzip the NDJSON and PUT it under a key made of hour, part and content digest;
 *   3. GET it back and check line count and SHA-256 of the NDJSON;
 *   4. one D1 transaction registers the object (UNIQUE (hour, part)) and deletes its rows.
 * A failure before 4 leaves the rows in D1, and the rerun picks the same rows, part and key, so it
 * rewrites the same object. Two overlapping runs that pick the same part collide on UNIQUE (hour,
 * part): the loser's transaction fails whole and its object (other content, other key) is never
 * registered, so never read. Work per run is bounded by object count and wall time.
 */
import { utf8Length, chunkRows } from "../store/alert-rows.ts";
import type { TimeBudget } from "../health/maintenance.ts";
import type { ArchiveConfig } from "./config.ts";
import { archiveLine, gunzip, gzip, HOUR_MS, hourOf, keyOf, objectKey, parseLines, sha256Hex, type ArchivedAlert } from "./format.ts";

export const MAX_OBJECTS_PER_RUN = 50;
const ROWS_PER_READ = 250;
/** An object lists its analyzers (GET /v1/archive?analyzerid) up to this many; beyond, "many". */
const MAX_LISTED_ANALYZERS = 100;

export interface ArchiveJobReport {
  objectsWritten: number;
  alertsArchived: number;
  bytesWritten: number;
  /** Alerts older than the hot window were left for the next run (budget spent). */
  backlog: boolean;
  /** Commits lost to an overlapping run (nothing deleted; that run archived those rows). */
  raced: number;
}

export interface ArchiveJobOptions {
  budget: TimeBudget;
  maxObjects?: number;
  /** Test hook: runs after the object is written and verified, before the D1 commit. */
  afterWrite?: (key: string) => void | Promise<void>;
}

/** Raw NDJSON bytes kept under the bound so the gzip of even incompressible lines fits. */
export function rawLimit(maxObjectBytes: number): number {
  return maxObjectBytes - 1024 - Math.ceil(maxObjectBytes / 2000);
}

interface Selection {
  hour: number;
  part: number;
  alerts: ArchivedAlert[];
  lines: string[];
  bytes: number;
}

const ROW_COLUMNS = "analyzerid, messageid, detect_time, create_time, received_at, message";

/** The next object's alerts: the oldest hour before `boundary`, from its first row in key order. */
async function select(db: D1Database, boundary: number, limit: number): Promise<Selection | null> {
  const first = await db.prepare("SELECT min(detect_time) AS t FROM alerts WHERE detect_time < ?").bind(boundary).first<{ t: number | null }>();
  if (first?.t === null || first?.t === undefined) return null;
  const hour = hourOf(first.t);
  const rowsAfter = (after: [number, string, string] | null) =>
    db.prepare(
      `SELECT ${ROW_COLUMNS} FROM alerts WHERE detect_time >= ?1 AND detect_time < ?2
         AND (detect_time, analyzerid, messageid) > (?3, ?4, ?5)
       ORDER BY detect_time, analyzerid, messageid LIMIT ?6`,
    ).bind(hour, hour + HOUR_MS, ...(after ?? [hour - 1, "", ""]), ROWS_PER_READ);
  const [partRes, firstRows] = await db.batch([
    db.prepare("SELECT coalesce(max(part) + 1, 0) AS part FROM archive_objects WHERE hour = ?").bind(hour),
    rowsAfter(null),
  ]);
  const sel: Selection = { hour, part: (partRes.results[0] as { part: number }).part, alerts: [], lines: [], bytes: 0 };
  let rows = firstRows.results as unknown as ArchivedAlert[];
  for (;;) {
    for (const r of rows) {
      const line = archiveLine(r);
      const n = utf8Length(line) + 1;
      if (sel.bytes + n > limit) {
        if (sel.alerts.length === 0) throw new Error(`alert ${r.analyzerid}/${r.messageid} is larger than an archive object may be (${limit} bytes)`);
        return sel;
      }
      sel.alerts.push(r);
      sel.lines.push(line);
      sel.bytes += n;
    }
    if (rows.length < ROWS_PER_READ) return sel;
    const last = sel.alerts[sel.alerts.length - 1];
    rows = (await rowsAfter(keyOf(last)).all<ArchivedAlert>()).results;
  }
}

const DELETE_ARCHIVED_SQL = `DELETE FROM alerts WHERE rowid IN
  (SELECT a.rowid FROM json_each(?1) AS r JOIN alerts AS a ON a.analyzerid = r.value ->> 0 AND a.messageid = r.value ->> 1)`;

export async function archiveAlerts(db: D1Database, bucket: R2Bucket, cfg: ArchiveConfig, now: number, opts: ArchiveJobOptions): Promise<ArchiveJobReport> {
  const report: ArchiveJobReport = { objectsWritten: 0, alertsArchived: 0, bytesWritten: 0, backlog: false, raced: 0 };
  // Whole hours only: an hour is archived once all of it is older than the hot window.
  const boundary = hourOf(now - cfg.hotMs);
  const maxObjects = opts.maxObjects ?? MAX_OBJECTS_PER_RUN;
  for (;;) {
    const sel = await select(db, boundary, rawLimit(cfg.maxObjectBytes));
    if (!sel) return report;
    if (report.objectsWritten >= maxObjects || opts.budget.elapsed() >= opts.budget.ms) {
      report.backlog = true;
      return report;
    }
    const raw = new TextEncoder().encode(sel.lines.join("\n") + "\n") as Uint8Array<ArrayBuffer>;
    const sha256 = await sha256Hex(raw);
    const gz = await gzip(raw);
    if (gz.byteLength > cfg.maxObjectBytes) throw new Error(`archive object would be ${gz.byteLength} bytes, over ${cfg.maxObjectBytes}`);
    const key = objectKey(sel.hour, sel.part, sha256);
    await bucket.put(key, gz, {
      httpMetadata: { contentType: "application/x-ndjson", contentEncoding: "gzip" },
      customMetadata: { alerts: String(sel.alerts.length), sha256 },
    });
    // Read back what R2 holds: the rows leave D1 only if it is exactly what was selected.
    const back = await bucket.get(key);
    const backRaw = back ? await gunzip(back.body) : null;
    if (!backRaw || (await sha256Hex(backRaw)) !== sha256 || parseLines(backRaw).length !== sel.alerts.length) {
      throw new Error(`archive object ${key} read back differently from what was written; its alerts stay in D1`);
    }
    await opts.afterWrite?.(key);
    const first = keyOf(sel.alerts[0]);
    const last = keyOf(sel.alerts[sel.alerts.length - 1]);
    const analyzers = [...new Set(sel.alerts.map((a) => a.analyzerid))];
    const ids = chunkRows(sel.alerts.map((a) => [a.analyzerid, a.messageid]));
    try {
      await db.batch([
        db.prepare(
          `INSERT INTO archive_objects (key, hour, part, alerts, bytes, raw_bytes, sha256, first_key, last_key, analyzers, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).bind(key, sel.hour, sel.part, sel.alerts.length, gz.byteLength, raw.byteLength, sha256, JSON.stringify(first), JSON.stringify(last),
          analyzers.length <= MAX_LISTED_ANALYZERS ? JSON.stringify(analyzers) : null, now),
        ...ids.map((chunk) => db.prepare(DELETE_ARCHIVED_SQL).bind(chunk)),
      ]);
    } catch (e) {
      if (!/UNIQUE constraint failed/i.test(String((e as Error).message))) throw e;
      // An overlapping run registered this part first; it owns these rows now.
      report.raced++;
      return report;
    }
    report.objectsWritten++;
    report.alertsArchived += sel.alerts.length;
    report.bytesWritten += gz.byteLength;
  }
}
