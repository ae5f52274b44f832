/**
 * Per-client request rate (Workers Rate Limiting binding CLIENT_RATE_LIMIT, wrangler.toml
 * [[ratelimits]]). Keyed by the authenticated client id and applied only after the signature
 * verified, so nobody can spend another client's budget. Over the limit → 429 with Retry-After;
 * the agent keeps the batch spooled and retries after it (agent/src/sender/retry.ts).
 */
import type { Env } from "../env.ts";
import { CLIENT_RATE_LIMIT_PERIOD_SECONDS } from "../limits.ts";
import { Problem } from "../problem.ts";

/** Seconds until the current window ends (windows are aligned to the clock), at least 1. */
export function retryAfterSeconds(nowMs: number, periodSeconds = CLIENT_RATE_LIMIT_PERIOD_SECONDS): number {
  const now = Math.floor(nowMs / 1000);
  return periodSeconds - (now % periodSeconds);
}

export async function requireWithinRate(env: Env, clientId: string, nowMs: number): Promise<void> {
  if (!env.CLIENT_RATE_LIMIT) return;
  const { success } = await env.CLIENT_RATE_LIMIT.limit({ key: clientId });
  if (success) return;
  const retryAfter = retryAfterSeconds(nowMs);
  throw new Problem(429, "rate-limited", `too many requests from this client; retry in ${retryAfter} s`, { retry_after: retryAfter }, {
    "retry-after": String(retryAfter),
  });
}
