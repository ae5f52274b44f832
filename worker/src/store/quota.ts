/**
 * The daily storage quota against D1 (rules and SQL in quota-rules.ts): the statement that joins
 * the storing batch and what a refusal reports.
 */
import { Problem } from "../problem.ts";
import {
  QUOTA_UPSERT_SQL,
  quotaFor,
  quotaUpsertParams,
  secondsUntilNextDay,
  utcDay,
  type DailyQuota,
  type Usage,
} from "./quota-rules.ts";

export { isQuotaExceeded, utcDay, type DailyQuota, type Usage } from "./quota-rules.ts";

/** A refused request: what it carried, what the day already holds, and the limits. */
export interface OverQuota {
  analyzerid: string;
  /** UTC day (epoch ms / 86,400,000). */
  day: number;
  request: Usage;
  /** Stored so far today (null if nothing was). */
  used: Usage | null;
  quota: DailyQuota;
  /** Until the UTC day turns. */
  retryAfterSeconds: number;
}

export function quotaStatement(db: D1Database, analyzerid: string, usage: Usage, quota: DailyQuota, heartbeatsOnly: boolean, now: number): D1PreparedStatement {
  return db.prepare(QUOTA_UPSERT_SQL).bind(...quotaUpsertParams(analyzerid, usage, quotaFor(quota, heartbeatsOnly), now));
}

export async function readUsage(db: D1Database, analyzerid: string, now: number): Promise<Usage | null> {
  return db.prepare("SELECT messages, bytes FROM analyzer_quota WHERE analyzerid = ? AND day = ?").bind(analyzerid, utcDay(now)).first<Usage>();
}

export function overQuota(analyzerid: string, request: Usage, used: Usage | null, quota: DailyQuota, now: number): OverQuota {
  return { analyzerid, day: utcDay(now), request, used, quota, retryAfterSeconds: secondsUntilNextDay(now) };
}

/** 429 with reason `quota` and Retry-After: the agent keeps the messages spooled and retries. */
export function quotaProblem(o: OverQuota): Problem {
  const used = o.used ?? { messages: 0, bytes: 0 };
  return new Problem(
    429,
    "quota",
    `analyzer ${JSON.stringify(o.analyzerid)} is over its daily storage quota (${o.quota.messages} messages, ${o.quota.bytes} bytes per UTC day; ` +
      `stored today: ${used.messages} messages, ${used.bytes} bytes; this request: ${o.request.messages} messages, ${o.request.bytes} bytes); ` +
      `nothing was stored, retry after the UTC day turns`,
    { reason: "quota" },
    { "retry-after": String(o.retryAfterSeconds) },
  );
}

