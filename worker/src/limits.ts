import { DEFAULT_MAX_MESSAGE_BYTES } from "../../schema/idmef-wire.ts";
import type { Env } from "./env.ts";
import type { DailyQuota } from "./store/quota-rules.ts";

export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_MESSAGES = 1000;
export const DEFAULT_MAX_SKEW_SECONDS = 300;
/** GET /v1/alerts page size: default and ceiling. */
export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 1000;
/** Per analyzer per UTC day. Sized for a busy real host, with room; see the README ("Storage quota"). */
export const DEFAULT_QUOTA_MESSAGES_PER_DAY = 100_000;
export const DEFAULT_QUOTA_BYTES_PER_DAY = 256 * 1024 * 1024;

// ---- request hardening (auth/, validate/): one block, kept together ----------------------
/** One IDMEF message, compact JSON bytes: a cap keeps one message from costing megabytes of
 *  storage. Shared with the agent, which fits every alert within it (README "Limits"). */
export { DEFAULT_MAX_MESSAGE_BYTES };
/** POST /v1/clients: a registration is ids, a name and a key, ~1.5 KB at the schema's limits. */
export const CLIENT_REGISTRATION_MAX_BYTES = 16 * 1024;
/** POST /v1/triage and the console's forms: a status, a note (≤ 2000 chars) and up to 1000
 *  alert keys (~100 bytes each in practice) or a filter. */
export const TRIAGE_MAX_BYTES = 512 * 1024;
/** POST /v1/console/links (a role) and PUT /v1/clients/{id}/stream-types (a type list). */
export const SMALL_JSON_BODY_BYTES = 4 * 1024;
/** JSON nesting deeper than this is refused before JSON.parse (IDMEF needs about 8 levels). */
export const MAX_JSON_DEPTH = 64;
/** The `simple.period` of wrangler.toml's [[ratelimits]] CLIENT_RATE_LIMIT: the Retry-After
 *  of a 429 points at the end of the current window. */
export const CLIENT_RATE_LIMIT_PERIOD_SECONDS = 60;
// ---- end of request hardening block ----------------------------------------------------

export interface Limits {
  maxBodyBytes: number;
  maxMessages: number;
  maxSkewSeconds: number;
  maxMessageBytes: number;
  quota: DailyQuota;
}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  // A bad var is a deploy mistake: fail loudly rather than run with a guess.
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return n;
}

export function limits(env: Env): Limits {
  return {
    maxBodyBytes: positiveInt("MAX_BODY_BYTES", env.MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES),
    maxMessages: positiveInt("MAX_MESSAGES_PER_REQUEST", env.MAX_MESSAGES_PER_REQUEST, DEFAULT_MAX_MESSAGES),
    maxSkewSeconds: positiveInt("SIGNATURE_MAX_SKEW_SECONDS", env.SIGNATURE_MAX_SKEW_SECONDS, DEFAULT_MAX_SKEW_SECONDS),
    maxMessageBytes: positiveInt("MAX_MESSAGE_BYTES", env.MAX_MESSAGE_BYTES, DEFAULT_MAX_MESSAGE_BYTES),
    quota: {
      messages: positiveInt("QUOTA_MESSAGES_PER_DAY", env.QUOTA_MESSAGES_PER_DAY, DEFAULT_QUOTA_MESSAGES_PER_DAY),
      bytes: positiveInt("QUOTA_BYTES_PER_DAY", env.QUOTA_BYTES_PER_DAY, DEFAULT_QUOTA_BYTES_PER_DAY),
    },
  };
}
