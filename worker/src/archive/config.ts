/** Archive settings from Worker vars (wrangler.toml [vars]); a bad value throws with its name. */
import type { Env } from "../env.ts";

export interface ArchiveConfig {
  /** Alerts whose detect time is older than this stay in D1 no longer (whole hours move). */
  hotMs: number;
  /** Archived hours older than this are deleted; 0 = keep forever. */
  retentionMs: number;
  /** Most NDJSON bytes in one object (gzip is never larger than its input plus a few bytes). */
  maxObjectBytes: number;
}

export const DEFAULT_ALERT_HOT_DAYS = 30;
export const DEFAULT_ARCHIVE_RETENTION_DAYS = 365;
export const DEFAULT_ARCHIVE_OBJECT_MAX_BYTES = 8 * 1024 * 1024;
/** A stored alert is under 2 MB (D1's row limit) and its line (the message as a JSON string) at
 *  most doubles it: every alert fits an object of this size, so none can stall the archive. */
export const MIN_ARCHIVE_OBJECT_MAX_BYTES = 5 * 1024 * 1024;
const DAY_MS = 86_400_000;

function days(name: string, raw: string | undefined, fallback: number, allowZero: boolean): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) {
    throw new Error(`${name} must be a ${allowZero ? "non-negative" : "positive"} number of days, got ${JSON.stringify(raw)}`);
  }
  return n;
}

export function archiveConfig(env: Env): ArchiveConfig {
  const hot = days("ALERT_HOT_DAYS", env.ALERT_HOT_DAYS, DEFAULT_ALERT_HOT_DAYS, false);
  const retention = days("ARCHIVE_RETENTION_DAYS", env.ARCHIVE_RETENTION_DAYS, DEFAULT_ARCHIVE_RETENTION_DAYS, true);
  if (retention !== 0 && retention <= hot) throw new Error(`ARCHIVE_RETENTION_DAYS (${retention}) must be more than ALERT_HOT_DAYS (${hot}), or 0`);
  const rawMax = env.ARCHIVE_OBJECT_MAX_BYTES?.trim();
  const maxBytes = rawMax ? Number(rawMax) : DEFAULT_ARCHIVE_OBJECT_MAX_BYTES;
  if (!Number.isInteger(maxBytes) || maxBytes < MIN_ARCHIVE_OBJECT_MAX_BYTES) {
    throw new Error(`ARCHIVE_OBJECT_MAX_BYTES must be an integer >= ${MIN_ARCHIVE_OBJECT_MAX_BYTES} (every stored alert must fit), got ${JSON.stringify(rawMax)}`);
  }
  return { hotMs: hot * DAY_MS, retentionMs: retention * DAY_MS, maxObjectBytes: maxBytes };
}
