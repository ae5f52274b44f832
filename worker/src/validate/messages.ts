/**
 * POST /v1/messages bodies: one IDMEF message or an array of them. Each message is checked against
 * the shared schema (schema/idmef.ts; precompiled fast path in ./idmef.ts, zod for the rest);
 * invalid or oversized ones are reported by index while the valid ones go on to storage.
 * Whole-request refusals (not JSON, too deep, not IDMEF at all, too many, spoofed or reserved
 * analyzer) throw a Problem before anything is stored.
 */
import type { IngestResult } from "../../../schema/api.ts";
import type { Alert, Heartbeat } from "../../../schema/idmef.ts";
import { MAX_JSON_TOKENS } from "../../../schema/idmef-wire.ts";
import type { Env } from "../env.ts";
import { healthConfig } from "../health/config.ts";
import { limits, MAX_JSON_DEPTH } from "../limits.ts";
import { Problem } from "../problem.ts";
import { utf8Length } from "../store/alert-rows.ts";
import { parseJsonBody } from "./body.ts";
import { checkIdmefMessage } from "./idmef.ts";

/** D1 refuses a row (and a bound string) over 2 MB; the message also rides inside a JSON array. */
export const MAX_STORED_MESSAGE_BYTES = 1_000_000;

export type ValidMessage =
  | { index: number; kind: "alert"; alert: Alert; json: string }
  | { index: number; kind: "heartbeat"; heartbeat: Heartbeat; json: string };

export interface CheckedBatch {
  valid: ValidMessage[];
  rejected: IngestResult["rejected"];
}

/** The body's messages as a list; a lone object is a batch of one. */
export function messagesOf(body: unknown, maxMessages: number): unknown[] {
  if (Array.isArray(body)) {
    if (body.length > maxMessages) {
      throw new Problem(413, "too-many-messages", `${body.length} messages in one request; the limit is ${maxMessages}`);
    }
    return body;
  }
  if (body !== null && typeof body === "object") {
    const v = checkIdmefMessage(body);
    if (!v.ok) throw new Problem(400, "not-idmef", `the body is not an IDMEF message: ${v.error}`);
    return [body];
  }
  throw new Problem(400, "not-idmef", "the body must be an IDMEF message object or an array of them");
}

function claimedAnalyzerId(m: unknown): unknown {
  if (m === null || typeof m !== "object") return undefined;
  const o = m as Record<string, unknown>;
  const inner = (o.alert ?? o.heartbeat) as Record<string, unknown> | undefined;
  const analyzers = inner && typeof inner === "object" ? inner.analyzer : undefined;
  if (!Array.isArray(analyzers) || analyzers.length === 0) return undefined;
  const first = analyzers[0] as Record<string, unknown> | null;
  return first && typeof first === "object" ? first.analyzerid : undefined;
}

/** SPEC 3: a message sent as another analyzer refuses the whole request (403), and so does one
 *  sent as the Worker's own health monitor (`reserved`), whoever the client is bound to. */
export function requireOwnAnalyzer(messages: unknown[], own: string | null, reserved?: string): void {
  messages.forEach((m, index) => {
    const claimed = claimedAnalyzerId(m);
    if (claimed === undefined) return; // no analyzer at all: schema validation rejects it
    if (reserved !== undefined && claimed === reserved) {
      throw new Problem(403, "analyzer-reserved", `message ${index} claims analyzer ${JSON.stringify(claimed)}, the Worker's own health monitor`, { index });
    }
    if (own === null || claimed !== own) {
      throw new Problem(
        403,
        "analyzer-mismatch",
        own === null
          ? `message ${index} claims analyzer ${JSON.stringify(claimed)} but this client has no analyzer registered`
          : `message ${index} claims analyzer ${JSON.stringify(claimed)}; this client may only send as "${own}"`,
        { index },
      );
    }
  });
}

function messageIdOf(m: unknown): string | null {
  if (m === null || typeof m !== "object") return null;
  const o = m as Record<string, unknown>;
  const inner = (o.alert ?? o.heartbeat) as Record<string, unknown> | undefined;
  return inner && typeof inner === "object" && typeof inner.messageid === "string" ? inner.messageid : null;
}

/** `maxMessageBytes`: compact JSON bytes per message (MAX_MESSAGE_BYTES, never above what D1 stores). */
export function checkMessages(messages: unknown[], maxMessageBytes: number = MAX_STORED_MESSAGE_BYTES): CheckedBatch {
  const cap = Math.min(maxMessageBytes, MAX_STORED_MESSAGE_BYTES);
  const valid: ValidMessage[] = [];
  const rejected: IngestResult["rejected"] = [];
  messages.forEach((m, index) => {
    // Stored as received (the parsed value, not zod's output), so nothing is reordered or lost.
    // Serialized first: its length spares most messages the token count (see fastAccepts), and
    // an oversized message is refused before any schema work. A UTF-16 unit is 1 to 3 UTF-8
    // bytes, so only a text longer than a third of the cap needs counting.
    const json = JSON.stringify(m);
    const bytes = json.length * 3 > cap ? utf8Length(json) : json.length;
    if (bytes > cap) {
      rejected.push({ index, messageid: messageIdOf(m), error: `message is ${bytes} bytes; the limit is ${cap}${cap === MAX_STORED_MESSAGE_BYTES ? " (the storage limit)" : ""}` });
      return;
    }
    const v = checkIdmefMessage(m, json.length);
    if (!v.ok) {
      rejected.push({ index, messageid: messageIdOf(m), error: v.error });
      return;
    }
    if ("alert" in v.message) valid.push({ index, kind: "alert", alert: v.message.alert, json });
    else valid.push({ index, kind: "heartbeat", heartbeat: v.message.heartbeat, json });
  });
  return { valid, rejected };
}

/**
 * A POST /v1/messages body, from raw bytes to the messages worth storing: shape-scanned JSON
 * (at most MAX_JSON_DEPTH deep and a batch's worth of libprelude tokens), the message count,
 * the analyzer claim, then each message's size and schema.
 */
export function checkIngestBody(raw: Uint8Array, env: Env, ownAnalyzer: string | null): CheckedBatch {
  const l = limits(env);
  // Each message is at most MAX_JSON_TOKENS tokens, plus one per message and the array itself.
  const maxTokens = l.maxMessages * (MAX_JSON_TOKENS + 1) + 1;
  const messages = messagesOf(parseJsonBody(raw, { maxDepth: MAX_JSON_DEPTH, maxTokens }), l.maxMessages);
  requireOwnAnalyzer(messages, ownAnalyzer, healthConfig(env).analyzerId);
  return checkMessages(messages, l.maxMessageBytes);
}
