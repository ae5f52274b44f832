/**
 * Aggregates over the same filter as the alert search (queries.ts alertWhere): counts by a field
 * (the console's group-by) and a severity histogram by time bucket. The grouped column names come
 * from a fixed list, never from the request.
 */
import { alertWhere, type AlertFilter } from "./queries.ts";
import { TRIAGE_STATUS_SQL } from "./triage.ts";

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

/** Counts of alerts per value of `field`, largest first (ties by value), at most `limit` groups;
 *  `total` is the number of alerts the filter matches. */
export async function countBy(db: D1Database, field: GroupField, f: AggregateFilter, limit: number): Promise<{ groups: GroupCount[]; total: number }> {
  const { where, params } = alertWhere(f);
  const w = where.length ? "WHERE " + where.join(" AND ") : "";
  const col = GROUP_SQL[field];
  const [groups, total] = await db.batch([
    db.prepare(`SELECT ${col} AS value, count(*) AS count FROM alerts ${w} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?`).bind(...params, limit),
    db.prepare(`SELECT count(*) AS total FROM alerts ${w}`).bind(...params),
  ]);
  return { groups: groups.results as unknown as GroupCount[], total: (total.results[0] as { total: number }).total };
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
  return BUCKET_STEPS_MS.find((b) => rangeMs / b <= maxBuckets) ?? BUCKET_STEPS_MS[BUCKET_STEPS_MS.length - 1];
}

/** Alerts per severity per bucket over [since, until), every bucket present (zeros included). */
export async function severityHistogram(
  db: D1Database,
  f: AggregateFilter & { since: number; until: number },
  bucketMs: number,
): Promise<HistogramBucket[]> {
  const bucket = Math.trunc(bucketMs);
  if (!(bucket > 0)) throw new Error("bucket must be a positive integer");
  const { where, params } = alertWhere(f);
  // An integer literal, not a bound number: D1 binds JS numbers as REAL, which would make the
  // division exact instead of flooring. Buckets aligned to the epoch (not to `since`) so the same bucket has the same bounds in every view.
  const rows = await db
    .prepare(`SELECT (detect_time / ${bucket}) * ${bucket} AS start, severity, count(*) AS n FROM alerts WHERE ${where.join(" AND ")} GROUP BY 1, 2`)
    .bind(...params)
    .all<{ start: number; severity: string | null; n: number }>();
  const buckets = new Map<number, HistogramBucket>();
  for (let s = Math.floor(f.since / bucket) * bucket; s < f.until; s += bucket) {
    buckets.set(s, { start: s, info: 0, low: 0, medium: 0, high: 0, unknown: 0 });
  }
  for (const r of rows.results) {
    const b = buckets.get(r.start);
    if (!b) continue;
    const key = (SEVERITIES as readonly string[]).includes(r.severity ?? "") ? (r.severity as (typeof SEVERITIES)[number]) : "unknown";
    b[key] += r.n;
  }
  return [...buckets.values()];
}
