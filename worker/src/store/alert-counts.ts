/**
 * Aggregates from the hourly counts (0009_alert_counts_hourly.sql) where they are exact: a filter
 * on nothing but severity, classification and the range. The range splits into whole counted
 * hours, read from alert_counts_hourly (a few rows per hour), and what the counts cannot hold,
 * read from `alerts` by the row scan of aggregate.ts: the partial hours at either end, every hour
 * before countsValidFrom (the archive or retention may have removed rows there: the counts are
 * never decremented), and the Worker's own health alerts stored since the migration (health/
 * stores them outside the ingest batch that counts).
 */
import type { Env } from "../env.ts";
import { archiveConfig, DEFAULT_ARCHIVE_RETENTION_DAYS } from "../archive/config.ts";
import { healthConfig } from "../health/config.ts";
import { COUNT_NEW_ALERTS_SQL, countKeyChunks, HOUR_MS } from "./alert-counts-sql.ts";
import type { AlertRow } from "./alert-rows.ts";
import type { AlertFilter } from "./queries.ts";

export { hourOf, HOUR_MS } from "./alert-counts-sql.ts";

/** The ingest batch's count statements (normally one), to run before the alert inserts. */
export function countNewAlertsStatements(db: D1Database, analyzerid: string, rows: AlertRow[], now: number): D1PreparedStatement[] {
  const stmt = db.prepare(COUNT_NEW_ALERTS_SQL);
  return countKeyChunks(rows, now).map((chunk) => stmt.bind(analyzerid, chunk));
}

/** What a reader needs to know to use the counts. */
export interface CountsContext {
  healthAnalyzerId: string;
  /** Hours before now − this may have lost rows to a retention (0 = none). */
  retentionMs: number;
  now: number;
}

/** Both deletions bound the counted hours: retention of alerts in D1 (health/config.ts), and the
 *  archive's retention, after which an archived hour's objects — the record that its rows left
 *  D1 (countsPlan) — are gone too. The shorter non-zero one holds for both. */
export function countsContext(env: Env, now: number): CountsContext {
  const cfg = healthConfig(env);
  let archiveMs = 0;
  try {
    archiveMs = archiveConfig(env).retentionMs;
  } catch {
    archiveMs = DEFAULT_ARCHIVE_RETENTION_DAYS * 86_400_000; // the archive job refuses to run with bad settings
  }
  const bounds = [cfg.alertRetentionMs, archiveMs].filter((ms) => ms > 0);
  return { healthAnalyzerId: cfg.analyzerId, retentionMs: bounds.length ? Math.min(...bounds) : 0, now };
}

type Filter = Omit<AlertFilter, "limit" | "cursor">;

/** Filters the counts can answer: nothing but these may be set. */
const COUNTED_KEYS = new Set(["severity", "classification", "since", "until"]);

/** How a range is read: counted hours [from, to), everything else by scan. */
export interface CountsPlan {
  from: number;
  to: number;
  /** Health alerts received from here on are not in the counts. */
  uncountedHealthFrom: number;
  healthAnalyzerId: string;
}

/**
 * The first hour whose alerts are all still in `alerts`: after the newest archived hour (the
 * archive deletes only hours it registers in archive_objects, in the same transaction) and after
 * the hour of the retention cutoff (retention deletes by received_at, and detect_time ≤ received_at).
 */
export async function countsPlan(db: D1Database, f: Filter, ctx: CountsContext | undefined): Promise<CountsPlan | null> {
  if (!ctx || f.since === undefined || f.until === undefined) return null;
  for (const [k, v] of Object.entries(f)) if (v !== undefined && !COUNTED_KEYS.has(k)) return null;
  const row = await db
    .prepare(
      `SELECT (SELECT max(hour) FROM archive_objects) AS archived, (SELECT value FROM alert_counts_meta WHERE name = 'uncounted_health_from') AS health`,
    )
    .first<{ archived: number | null; health: number | null }>();
  if (!row || row.health === null) return null;
  const ceil = (t: number) => Math.ceil(t / HOUR_MS) * HOUR_MS;
  const validFrom = Math.max(row.archived === null ? -Infinity : row.archived + HOUR_MS, ctx.retentionMs > 0 ? ceil(ctx.now - ctx.retentionMs) : -Infinity);
  const from = Math.max(ceil(f.since), validFrom);
  const to = Math.floor(f.until / HOUR_MS) * HOUR_MS;
  if (!(from < to)) return null;
  return { from, to, uncountedHealthFrom: row.health, healthAnalyzerId: ctx.healthAnalyzerId };
}

/** The counts' WHERE over the plan's hours and the filter's severity/classification. */
export function countsWhere(f: Filter, p: CountsPlan): { where: string; params: unknown[] } {
  const where = ["hour >= ?", "hour < ?"];
  const params: unknown[] = [p.from, p.to];
  if (f.severity !== undefined) {
    where.push("severity IN (SELECT value FROM json_each(?))");
    params.push(JSON.stringify(f.severity));
  }
  if (f.classification !== undefined) {
    where.push("classification = ?");
    params.push(f.classification);
  }
  return { where: where.join(" AND "), params };
}

/**
 * The alert filters of the parts the counts leave out, each to be scanned: the partial hours at the
 * ends (and any hour before the valid bound), and the uncounted health alerts of the counted hours
 * (`extra` holds their received_at condition).
 */
export function uncountedParts(f: Filter, p: CountsPlan): Array<{ filter: Filter; extra?: [string, number] }> {
  const parts: Array<{ filter: Filter; extra?: [string, number] }> = [];
  if (f.since! < p.from) parts.push({ filter: { ...f, until: p.from } });
  if (p.to < f.until!) parts.push({ filter: { ...f, since: p.to } });
  parts.push({ filter: { ...f, since: p.from, until: p.to, analyzerid: p.healthAnalyzerId }, extra: ["received_at >= ?", p.uncountedHealthFrom] });
  return parts;
}

/** SQLite's BINARY order of two group values (UTF-8 bytes = code points; NULL first). */
export function compareValues(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
