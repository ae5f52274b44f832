/**
 * Aggregates over the same filter as the alert search (queries.ts alertWhere): counts by a field
 * (the console's group-by) and a severity histogram by time bucket. The grouped column names come
 * from a fixed list, never from the request.
 */
import { alertWhere, type AlertFilter } from "./queries.ts";
import { TRIAGE_STATUS_SQL } from "./triage.ts";
import { compareValues, countsPlan, countsWhere, HOUR_MS, uncountedParts, type CountsContext } from "./alert-counts.ts";

import { GROUP_FIELDS } from "../../../schema/api.ts";

export { GROUP_FIELDS };
export type GroupField = (typeof GROUP_FIELDS)[number];
const GROUP_SQL: Record<GroupField, string> = {
  classification: "classification",
  analyzerid: "analyzerid",
  source_node: "source_node",
  target_user: "target_user",
  target_process: "target_process",
  target_file: "target_file",
  severity: "severity",
  completion: "completion",
  triage: TRIAGE_STATUS_SQL,
};

export type AggregateFilter = Omit<AlertFilter, "limit" | "cursor">;

export interface GroupCount {
  value: string | null;
  count: number;
}

/** One scan's WHERE: the filter's, plus an extra condition (see alert-counts.ts uncountedParts). */
function scanWhere(f: AggregateFilter, extra?: [string, number]): { w: string; params: unknown[] } {
  const { where, params } = alertWhere(f);
  if (extra) {
    where.push(extra[0]);
    params.push(extra[1]);
  }
  return { w: where.length ? "WHERE " + where.join(" AND ") : "", params };
}

/** Counts of alerts per value of `field`, largest first (ties by value), at most `limit` groups;
 *  `total` is the number of alerts the filter matches. With `ctx`, from the hourly counts where the
 *  filter allows (alert-counts.ts): exactly the same answer. */
export async function countBy(
  db: D1Database,
  field: GroupField,
  f: AggregateFilter,
  limit: number,
  ctx?: CountsContext,
): Promise<{ groups: GroupCount[]; total: number }> {
  const col = GROUP_SQL[field];
  const plan = await countsPlan(db, f, ctx);
  if (!plan) {
    const { w, params } = scanWhere(f);
    const [groups, total] = await db.batch([
      db.prepare(`SELECT ${col} AS value, count(*) AS count FROM alerts ${w} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?`).bind(...params, limit),
      db.prepare(`SELECT count(*) AS total FROM alerts ${w}`).bind(...params),
    ]);
    return { groups: groups.results as unknown as GroupCount[], total: (total.results[0] as { total: number }).total };
  }
  const parts = uncountedParts(f, plan);
  const counted = countsWhere(f, plan);
  const fromCounts = field === "severity" || field === "classification";
  // Groups: counted hours from the counts when the field is a counted column, else everything by scan.
  const groupParts = fromCounts ? parts : [{ filter: f }];
  const statements = [
    db.prepare(`SELECT coalesce(sum(n), 0) AS count FROM alert_counts_hourly WHERE ${counted.where}`).bind(...counted.params),
    ...parts.map((p) => {
      const { w, params } = scanWhere(p.filter, p.extra);
      return db.prepare(`SELECT count(*) AS count FROM alerts ${w}`).bind(...params);
    }),
    ...(fromCounts
      ? [db.prepare(`SELECT ${field === "severity" ? "nullif(severity, '')" : "classification"} AS value, sum(n) AS count FROM alert_counts_hourly WHERE ${counted.where} GROUP BY 1`).bind(...counted.params)]
      : []),
    ...groupParts.map((p) => {
      const { w, params } = scanWhere(p.filter, "extra" in p ? p.extra : undefined);
      return db.prepare(`SELECT ${col} AS value, count(*) AS count FROM alerts ${w} GROUP BY 1${fromCounts ? "" : " ORDER BY 2 DESC, 1 LIMIT ?"}`).bind(...params, ...(fromCounts ? [] : [limit]));
    }),
  ];
  const results = await db.batch<GroupCount>(statements);
  const total = results.slice(0, parts.length + 1).reduce((n, r) => n + (r.results[0] as GroupCount).count, 0);
  if (!fromCounts) return { groups: results[results.length - 1].results, total };
  const merged = new Map<string | null, number>();
  for (const r of results.slice(parts.length + 1)) for (const g of r.results) merged.set(g.value, (merged.get(g.value) ?? 0) + g.count);
  const groups = [...merged].map(([value, count]) => ({ value, count }));
  groups.sort((a, b) => b.count - a.count || compareValues(a.value, b.value));
  return { groups: groups.slice(0, limit), total };
}

export const SEVERITIES = ["info", "low", "medium", "high"] as const;

export interface HistogramBucket {
  /** Bucket start, epoch ms. */
  start: number;
  info: number;
  low: number;
  medium: number;
  high: number;
  /** Alerts without a severity. */
  unknown: number;
}

/** Readable bucket widths; the first that gives at most `maxBuckets` over the range is used. */
const BUCKET_STEPS_MS = [60_000, 300_000, 600_000, 1_800_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 7 * 86_400_000];

export function bucketFor(rangeMs: number, maxBuckets = 60): number {
  const b = BUCKET_STEPS_MS.find((b) => rangeMs / b <= maxBuckets) ?? BUCKET_STEPS_MS[BUCKET_STEPS_MS.length - 1];
  // From a day up, whole hours: the hourly counts answer those (24 h reads ~100 count rows, not
  // every alert of the day).
  return rangeMs >= 24 * HOUR_MS ? Math.max(b, HOUR_MS) : b;
}

/** Alerts per severity per bucket over [since, until), every bucket present (zeros included).
 *  With `ctx` and whole-hour buckets, counted hours come from the hourly counts (alert-counts.ts). */
export async function severityHistogram(
  db: D1Database,
  f: AggregateFilter & { since: number; until: number },
  bucketMs: number,
  ctx?: CountsContext,
): Promise<HistogramBucket[]> {
  const bucket = Math.trunc(bucketMs);
  if (!(bucket > 0)) throw new Error("bucket must be a positive integer");
  const plan = bucket % HOUR_MS === 0 ? await countsPlan(db, f, ctx) : null;
  // An integer literal, not a bound number: D1 binds JS numbers as REAL, which would make the
  // division exact instead of flooring. Buckets aligned to the epoch (not to `since`) so the same bucket has the same bounds in every view.
  const scan = (part: AggregateFilter, extra?: [string, number]) => {
    const { w, params } = scanWhere(part, extra);
    return db.prepare(`SELECT (detect_time / ${bucket}) * ${bucket} AS start, severity, count(*) AS n FROM alerts ${w} GROUP BY 1, 2`).bind(...params);
  };
  let statements: D1PreparedStatement[];
  if (plan) {
    const counted = countsWhere(f, plan);
    statements = [
      db.prepare(`SELECT hour AS start, nullif(severity, '') AS severity, sum(n) AS n FROM alert_counts_hourly WHERE ${counted.where} GROUP BY 1, 2`).bind(...counted.params),
      ...uncountedParts(f, plan).map((p) => scan(p.filter, p.extra)),
    ];
  } else {
    statements = [scan(f)];
  }
  const results = await db.batch<{ start: number; severity: string | null; n: number }>(statements);
  const buckets = new Map<number, HistogramBucket>();
  const startOf = (t: number) => Math.floor(t / bucket) * bucket;
  for (let s = startOf(f.since); s < f.until; s += bucket) {
    buckets.set(s, { start: s, info: 0, low: 0, medium: 0, high: 0, unknown: 0 });
  }
  for (const res of results) {
    for (const r of res.results) {
      // Hours of the counts, and the scan's truncating division for times before 1970, to buckets.
      const b = buckets.get(startOf(r.start));
      if (!b) continue;
      const key = (SEVERITIES as readonly string[]).includes(r.severity ?? "") ? (r.severity as (typeof SEVERITIES)[number]) : "unknown";
      b[key] += r.n;
    }
  }
  return [...buckets.values()];
}
