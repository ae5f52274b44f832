/**
 * A rule's finding (Hit) + the event → one IDMEF alert message in libprelude's JSON encoding.
 */
import { hash } from "node:crypto";
import { countJsonTokens, idmefTime, MAX_JSON_TOKENS, SELF_TAG_TOKENS } from "../../../schema/idmef-wire.ts";
import type {
  AdditionalData,
  Alert,
  AlertMessage,
  Analyzer,
  Completion,
  Impact,
  ImpactType,
  Severity,
  Source,
  Target,
} from "../../../schema/idmef.ts";
import type { AuditEvent } from "../types.ts";
import { fitByteBudget } from "./fit-bytes.ts";
import { clean } from "./parts.ts";

/** What a rule found in an event; the builder adds ids, times, analyzer and common data. */
export interface Hit {
  readonly rule: string;
  readonly text: string;
  readonly severity: Severity;
  readonly type: ImpactType;
  readonly completion?: Completion;
  readonly description?: string;
  readonly source?: Source[];
  readonly target?: Target[];
  /** The rule's own additional_data (after serial, key and rule id). */
  readonly data?: AdditionalData[];
}

export interface BuildContext {
  readonly analyzer: Analyzer;
  /** Node name used in message ids for events without a `node=` prefix. */
  readonly hostNode: string;
  readonly includeRaw: boolean;
  readonly now: number;
}

/**
 * Deterministic message id, UUID-shaped (version 8, "custom"), so replaying a log yields the same
 * ids and the server's idempotency dedupes them. It names the event, not just its stamp: several
 * events can share one stamp (a LOGIN record and the SYSCALL event after it), so the event's
 * record types are part of it, and its ordinal among events with the same stamp and types when
 * that is not 0. An event's id does not depend on the other events of its stamp having been seen.
 */
export function messageId(analyzerid: string, node: string, e: AuditEvent, rule: string): string {
  let types = e.records.length > 0 ? e.records[0].type : "";
  for (let i = 1; i < e.records.length; i++) types += "," + e.records[i].type;
  const ordinal = e.ordinal ? `#${e.ordinal}` : "";
  // One-shot hash: a third of createHash().update().digest()'s cost, once per alert.
  const h = hash("sha256", `${analyzerid}\0${node}\0${e.sec}.${e.ms}:${e.serial}\0${types}${ordinal}\0${rule}`, "hex");
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** An event's keys for display (audit joins several with \x01; a comma reads better). */
export function keysText(keys: readonly string[]): string {
  return keys.join(",");
}

/**
 * The alert for one finding: ids, times, analyzer[0], classification, parties, impact, and
 * additional_data in a fixed order (serial, rule id, key, the rule's extras, the raw event).
 */
export function buildAlert(hit: Hit, e: AuditEvent, keys: readonly string[], ctx: BuildContext): AlertMessage {
  const additional: AdditionalData[] = [
    { meaning: "Audit event serial #", type: "integer", data: e.serial },
    { meaning: "rule", type: "string", data: clean(hit.rule) },
  ];
  if (keys.length > 0) additional.push({ meaning: "Audit key", type: "string", data: clean(keysText(keys)) });
  if (hit.data) additional.push(...hit.data);
  const impact: Impact = {
    severity: hit.severity,
    type: hit.type,
    ...(hit.completion !== undefined ? { completion: hit.completion } : {}),
    ...(hit.description !== undefined ? { description: clean(hit.description) } : {}),
  };
  const alert: Alert = {
    messageid: messageId(ctx.analyzer.analyzerid, e.node ?? ctx.hostNode, e, hit.rule),
    analyzer: [ctx.analyzer],
    create_time: idmefTime(ctx.now),
    detect_time: idmefTime(e.sec * 1000 + e.ms),
    // Texts can come from the operator's key_rule lines or from audit keys: keep them ASCII too.
    classification: { text: clean(hit.text) },
    ...(hit.source && hit.source.length > 0 ? { source: hit.source } : {}),
    ...(hit.target && hit.target.length > 0 ? { target: hit.target } : {}),
    assessment: { impact },
    additional_data: additional,
  };
  const msg: AlertMessage = { version: "1.0", alert };
  if (ctx.includeRaw) {
    // Each record cleaned on its own so the newlines between them stay newlines.
    const raw = e.records.map((r) => clean(r.line, 16384)).join("\n");
    additional.push({ meaning: "Audit event", type: "string", data: raw.length > 65536 ? raw.slice(0, 65536) : raw });
  }
  fitTokenLimit(msg);
  fitByteBudget(msg);
  return msg;
}

/**
 * Keeps a message within libprelude's reader limit (1024 JSON tokens) by cutting process
 * arguments (long command lines are the only unbounded lists an alert carries), and says how
 * many were cut in additional_data.
 */
function fitTokenLimit(msg: AlertMessage): void {
  const NOTE_TOKENS = 7; // one additional_data object: {meaning, type, data}
  for (const x of [...(msg.alert.source ?? []), ...(msg.alert.target ?? [])]) {
    const over = countJsonTokens(msg) + SELF_TAG_TOKENS - MAX_JSON_TOKENS;
    if (over <= 0) return;
    const p = x.process;
    if (p?.arg === undefined) continue;
    const cut = Math.min(p.arg.length, over + NOTE_TOKENS);
    p.arg.length -= cut;
    if (p.arg.length === 0) delete p.arg;
    msg.alert.additional_data!.push({ meaning: "Arguments omitted", type: "integer", data: cut });
  }
}
