/**
 * The capacity report (GET /v1/status): how full D1 is, how fast it fills, and what the archive
 * holds. The size is D1's own figure (`meta.size_after`; PRAGMA page_count is refused on D1). Row
 * counts are exact count(*) scans: an operator's occasional question, billed as rows read.
 */
import { DEFAULT_DB_SIZE_LIMIT_BYTES } from "../health/config.ts";

const TABLES = ["alerts", "heartbeats", "analyzers", "clients", "seen_nonces", "analyzer_health", "health_outbox", "stream_log", "archive_objects", "heartbeat_rollup_hourly"] as const;
const DAY_MS = 86_400_000;

export interface CapacityReport {
  now: string;
  database: {
    size_bytes: number;
    limit_bytes: number;
    used_percent: number;
    rows: Record<string, number>;
  };
  /** Alerts received per UTC day over the last 7 full days and today. */
  alerts_per_day: Array<{ day: string; alerts: number }>;
  /** At the last week's rate, with nothing leaving D1 (no archive, no retention). */
  projection: {
    alerts_per_day: number;
    bytes_per_alert: number | null;
    bytes_per_day: number | null;
    full_on: string | null;
  };
  archive: {
    configured: boolean;
    objects: number;
    bytes: number;
    ndjson_bytes: number;
    alerts: number;
    oldest_hour: string | null;
    newest_hour: string | null;
  };
}

export function dbSizeLimit(raw: string | undefined): number {
  const n = raw === undefined || raw.trim() === "" ? DEFAULT_DB_SIZE_LIMIT_BYTES : Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`DB_SIZE_LIMIT_BYTES must be a positive number, got ${JSON.stringify(raw)}`);
  return n;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function capacityReport(db: D1Database, limitBytes: number, archiveConfigured: boolean, now: number): Promise<CapacityReport> {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const weekStart = today - 7 * DAY_MS;
  const results = await db.batch([
    db.prepare(`SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(", ")}`),
    // alerts_by_received: a range on the index, not a scan.
    db.prepare(`SELECT received_at / ${DAY_MS} AS day, count(*) AS n FROM alerts WHERE received_at >= ?1 GROUP BY day ORDER BY day`).bind(weekStart),
    db.prepare(`SELECT count(*) AS objects, coalesce(sum(bytes), 0) AS bytes, coalesce(sum(raw_bytes), 0) AS raw,
      coalesce(sum(alerts), 0) AS alerts, min(hour) AS oldest, max(hour) AS newest FROM archive_objects`),
  ]);
  const size = results.reduce((m, r) => Math.max(m, r.meta.size_after ?? 0), 0);
  const rows = results[0].results[0] as Record<string, number>;
  const perDay = new Map((results[1].results as Array<{ day: number; n: number }>).map((r) => [r.day, r.n]));
  const days: Array<{ day: string; alerts: number }> = [];
  for (let d = weekStart; d <= today; d += DAY_MS) days.push({ day: new Date(d).toISOString().slice(0, 10), alerts: perDay.get(d / DAY_MS) ?? 0 });
  // The rate over the 7 full days (today is partial).
  const rate = days.slice(0, 7).reduce((n, d) => n + d.alerts, 0) / 7;
  const bytesPerAlert = rows.alerts > 0 ? size / rows.alerts : null;
  const bytesPerDay = bytesPerAlert === null ? null : rate * bytesPerAlert;
  const fullOn = bytesPerDay && bytesPerDay > 0 ? now + Math.max(0, ((limitBytes - size) / bytesPerDay) * DAY_MS) : null;
  const a = results[2].results[0] as { objects: number; bytes: number; raw: number; alerts: number; oldest: number | null; newest: number | null };
  return {
    now: new Date(now).toISOString(),
    database: { size_bytes: size, limit_bytes: limitBytes, used_percent: Math.round((size / limitBytes) * 10_000) / 100, rows },
    alerts_per_day: days,
    projection: {
      alerts_per_day: Math.round(rate),
      bytes_per_alert: bytesPerAlert === null ? null : Math.round(bytesPerAlert),
      bytes_per_day: bytesPerDay === null ? null : Math.round(bytesPerDay),
      full_on: fullOn === null ? null : iso(fullOn)!.slice(0, 10),
    },
    archive: {
      configured: archiveConfigured,
      objects: a.objects,
      bytes: a.bytes,
      ndjson_bytes: a.raw,
      alerts: a.alerts,
      oldest_hour: iso(a.oldest),
      newest_hour: iso(a.newest),
    },
  };
}
