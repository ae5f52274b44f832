/**
 * Retry policy, pure: which answers are worth retrying and how long to wait. Clock and random
 * source are parameters so tests pin them.
 */

export interface BackoffOptions {
  /** First retry's upper bound (ms). */
  baseMs: number;
  /** Upper bound of any computed delay (ms): `retry_max_delay_ms`. */
  capMs: number;
}

/** What to do with an HTTP answer (or a network error: status null). */
export type Verdict = "done" | "retry" | "split" | "dead-letter";

/**
 * 2xx: done (the body says which messages were stored, duplicate or rejected).
 * Network error, 408, 429, 5xx: retry — the server did not judge the messages.
 * 401/403: retry — authentication or permission is a configuration fault on one side or the
 *   other (key not registered yet, clock skew, revoked key); the messages themselves are fine and
 *   must not be thrown away while an operator fixes it.
 * 413 with more than one message: split the batch and send the halves.
 * Any other 4xx: the request itself was refused as invalid → dead-letter, never retried.
 */
export function classify(status: number | null, batchSize: number): Verdict {
  if (status === null) return "retry";
  if (status >= 200 && status < 300) return "done";
  if (status === 408 || status === 429 || status >= 500) return "retry";
  if (status === 401 || status === 403) return "retry";
  if (status === 413 && batchSize > 1) return "split";
  if (status >= 400) return "dead-letter";
  // 1xx/3xx are not answers this API gives; treat them as a server fault.
  return "retry";
}

/** Exponential backoff with full jitter: uniform in [0, min(cap, base·2^attempt)). attempt ≥ 0. */
export function backoffDelay(attempt: number, opts: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/**
 * Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Returns ms to wait, or null when
 * absent or unparseable. A date in the past means "now".
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return null;
  return Math.max(0, t - nowMs);
}

/** Longest Retry-After we honour: a broken header must not park the agent for days. */
export const RETRY_AFTER_CEILING_MS = 3_600_000;

/**
 * The delay before the next attempt: the jittered backoff, but never sooner than the server's
 * Retry-After (bounded by RETRY_AFTER_CEILING_MS).
 */
export function nextDelay(
  attempt: number,
  retryAfterMs: number | null,
  opts: BackoffOptions,
  random: () => number,
): number {
  const jittered = backoffDelay(attempt, opts, random);
  if (retryAfterMs === null) return jittered;
  return Math.max(jittered, Math.min(retryAfterMs, RETRY_AFTER_CEILING_MS));
}
