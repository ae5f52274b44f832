/**
 * Per-analyzer daily storage quota, pure: day arithmetic and the upsert that enforces it. No D1
 * types here, so the benchmark's raw-SQLite reference runs the same statement.
 *
 * The upsert adds a request's messages and bytes to the analyzer's row for the UTC day and writes
 * the limits in force next to them; the table's CHECK (schema/migrations/0005) then fails the
 * statement when the day would go over, which aborts the whole storing batch (a D1 batch is one
 * transaction): nothing of the request is stored and nothing is counted. D1 runs a database's
 * writes one at a time, so two concurrent requests cannot both squeeze under the limit.
 */

export const DAY_MS = 86_400_000;

export interface Usage {
  messages: number;
  /** UTF-8 bytes of the messages' JSON. */
  bytes: number;
}

/** Limits per analyzer per UTC day. */
export type DailyQuota = Usage;

export const utcDay = (ms: number): number => Math.floor(ms / DAY_MS);

/** Seconds until the next UTC day, when a refused analyzer's quota starts again (≥ 1). */
export function secondsUntilNextDay(now: number): number {
  return Math.max(1, Math.ceil(((utcDay(now) + 1) * DAY_MS - now) / 1000));
}

/**
 * Heartbeats keep arriving past a full quota, so a host that floods alerts is not also shown as
 * "missing" by the health monitor: a request of heartbeats only may take the day this far over the
 * quota (one heartbeat a minute all day, up to 16 KB each). A heartbeat flood exhausts it as well.
 */
export const HEARTBEAT_HEADROOM: DailyQuota = { messages: 1440, bytes: 1440 * 16 * 1024 };

export function quotaFor(quota: DailyQuota, heartbeatsOnly: boolean): DailyQuota {
  return heartbeatsOnly ? { messages: quota.messages + HEARTBEAT_HEADROOM.messages, bytes: quota.bytes + HEARTBEAT_HEADROOM.bytes } : quota;
}

/** ?1 analyzerid, ?2 UTC day, ?3 messages, ?4 bytes, ?5 max messages, ?6 max bytes. A later day
 *  restarts the counts; a request stamped just before midnight that commits after it counts
 *  towards the new day rather than turning the row back. */
export const QUOTA_UPSERT_SQL = `INSERT INTO analyzer_quota (analyzerid, day, messages, bytes, max_messages, max_bytes)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (analyzerid) DO UPDATE SET
  messages = iif(excluded.day > day, 0, messages) + excluded.messages,
  bytes = iif(excluded.day > day, 0, bytes) + excluded.bytes,
  day = max(day, excluded.day),
  max_messages = excluded.max_messages, max_bytes = excluded.max_bytes`;

export function quotaUpsertParams(analyzerid: string, usage: Usage, quota: DailyQuota, now: number): unknown[] {
  return [analyzerid, utcDay(now), usage.messages, usage.bytes, quota.messages, quota.bytes];
}

/** Whether a failed batch failed on the quota CHECK (D1 puts SQLite's message in the error or its cause). */
export function isQuotaExceeded(err: unknown): boolean {
  return err instanceof Error && /CHECK constraint failed: analyzer_quota_exceeded/.test(err.message + String((err as { cause?: unknown }).cause ?? ""));
}
