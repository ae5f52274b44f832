/**
 * The zod-free part of the IDMEF model that senders need at run time: time format and
 * libprelude's token limit. Kept apart from schema/idmef.ts so the agent's hot path does not load
 * zod (memory: the agent runs on every audited host). schema/idmef.ts re-exports all of it.
 */

/** Formats epoch milliseconds as an IDMEF time, UTC, with milliseconds: 2017-03-21T23:12:51.011+00:00. */
export function idmefTime(epochMs: number): string {
  // Formatting a Date was ~2.5 % of the plugin's CPU per alert (two times each): the part up to
  // the second is cached, as alerts come in bursts within one second.
  const ms = Math.floor(epochMs);
  if (!(ms >= 0 && ms < 253402300800000)) return new Date(epochMs).toISOString().replace("Z", "+00:00"); // 4-digit years only
  const sec = Math.floor(ms / 1000);
  if (sec !== timeCache.sec) {
    timeCache.sec = sec;
    timeCache.prefix = new Date(sec * 1000).toISOString().slice(0, 20); // "2026-11-23T04:00:00."
  }
  const frac = ms - sec * 1000;
  return timeCache.prefix + (frac < 10 ? "00" : frac < 100 ? "0" : "") + frac + "+00:00";
}
const timeCache = { sec: -1, prefix: "" };

/** libprelude's JSON reader (jsmn) refuses a document of more than this many tokens. */
export const MAX_JSON_TOKENS = 1024;
/** The ingestion API's default cap on one message, compact JSON UTF-8 bytes (the Worker's
 *  MAX_MESSAGE_BYTES); the agent keeps every alert within it (agent/src/idmef/fit-bytes.ts). */
export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
/** Tokens libprelude's reader needs for the message's top-level `"_self": "idmef_message_t"`. */
export const SELF_TAG_TOKENS = 2;

/** jsmn's token count: one per object, array, key and value. */
export function countJsonTokens(value: unknown): number {
  if (Array.isArray(value)) {
    let n = 1;
    for (const v of value) n += countJsonTokens(v);
    return n;
  }
  if (value !== null && typeof value === "object") {
    let n = 1;
    for (const k in value) n += 1 + countJsonTokens((value as Record<string, unknown>)[k]);
    return n;
  }
  return 1;
}
