/**
 * Health events as IDMEF alerts, emitted by the Worker as its own analyzer (class "Health
 * monitor"). The affected analyzer is named as REGISTERED: target.node.name is its client's name
 * (else the client id, else the analyzer id, which registration binds to the client); what its
 * heartbeats claim (analyzer name, node name, addresses) is only repeated in additional_data under
 * "Claimed …", because a rooted host can claim to be any host. Message ids are derived from the
 * event, so a retried cron run or a re-processed heartbeat produces the same id and the store's
 * (analyzerid, messageid) key turns it into a duplicate instead of a second alert.
 *
 * `buildHealthAlert` is the generic builder (any classification, e.g. "Analyzer over quota" or the
 * database-size alert); `healthAlert` is it applied to a state-machine event.
 */
import type { AdditionalData, Alert, Target } from "../../../schema/idmef.ts";
import { idmefTime } from "../../../schema/idmef-wire.ts";
import type { HealthConfig } from "./config.ts";
import type { AnalyzerHealth, HealthEvent, HealthEventKind, Severity } from "./state.ts";

export const HEALTH_ANALYZER_CLASS = "Health monitor";

export const CLASSIFICATION: Record<HealthEventKind, { ident: string; text: string }> = {
  missing: { ident: "health-heartbeat-missing", text: "Analyzer heartbeat missing" },
  resumed: { ident: "health-heartbeat-resumed", text: "Analyzer heartbeat resumed" },
  failed: { ident: "health-analyzer-failed", text: "Analyzer failed" },
  restart: { ident: "health-unexpected-restart", text: "Unexpected analyzer restart" },
  late: { ident: "health-unexpected-interval", text: "Unexpected heartbeat interval" },
};

export type HealthMessage = { version: "1.0"; alert: Alert };

/** A UUID (version 8, RFC 9562 "custom") made of SHA-256(parts): same event, same id. */
export async function deterministicMessageid(parts: string[]): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(parts.join("\u0000"))));
  const b = digest.slice(0, 16);
  b[6] = (b[6] & 0x0f) | 0x80; // version 8
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 9562 variant
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function healthMessageid(cfg: Pick<HealthConfig, "analyzerId">, ev: HealthEvent): Promise<string> {
  return deterministicMessageid([cfg.analyzerId, ev.kind, ev.analyzer.analyzerid, ev.trigger]);
}

/** An analyzer as its registration (clients row) names it. */
export interface AnalyzerSubject {
  analyzerid: string;
  clientId: string | null;
  clientName: string | null;
}

/** The registered name: the client's name, else its id, else the analyzer id. */
export function registeredName(s: AnalyzerSubject): string {
  return s.clientName || s.clientId || s.analyzerid;
}

/** A target that is just a node name. */
export function nodeTarget(name: string): Target {
  return { node: { name } } as Target;
}

/** target[0] of an alert about this analyzer: its node as registered, never as claimed. */
export function registeredTarget(s: AnalyzerSubject): Target {
  return nodeTarget(registeredName(s));
}

/** "Analyzer ID", "Client ID", "Client name" additional_data (all from the registration). */
export function registrationData(s: AnalyzerSubject): AdditionalData[] {
  const out: AdditionalData[] = [{ meaning: "Analyzer ID", type: "string", data: s.analyzerid }];
  if (s.clientId) out.push({ meaning: "Client ID", type: "string", data: s.clientId });
  if (s.clientName) out.push({ meaning: "Client name", type: "string", data: s.clientName });
  return out;
}

/** What the analyzer's heartbeats claim about itself, labelled as claimed. */
export function claimedData(a: Pick<AnalyzerHealth, "name" | "node">): AdditionalData[] {
  const out: AdditionalData[] = [];
  if (a.name) out.push({ meaning: "Claimed analyzer name", type: "string", data: a.name });
  if (a.node?.name) out.push({ meaning: "Claimed node name", type: "string", data: a.node.name });
  for (const addr of a.node?.address ?? []) out.push({ meaning: "Claimed node address", type: "string", data: addr.address });
  return out;
}

/** Everything a health alert needs; the Worker's own analyzer and the times are filled in. */
export interface HealthAlertSpec {
  classification: { ident: string; text: string };
  severity: Severity;
  description: string;
  /** detect_time: when it happened (server clock). */
  at: number;
  /** Derive the messageid from these (after the health analyzer id): same event, same id. */
  idParts: string[];
  target: Target;
  additionalData: AdditionalData[];
}

/** The full IDMEF message (libprelude JSON encoding) of a health alert. */
export async function buildHealthAlert(cfg: Pick<HealthConfig, "analyzerId" | "analyzerName">, spec: HealthAlertSpec, now: number): Promise<HealthMessage> {
  return {
    version: "1.0",
    alert: {
      messageid: await deterministicMessageid([cfg.analyzerId, ...spec.idParts]),
      analyzer: [{ analyzerid: cfg.analyzerId, name: cfg.analyzerName, class: HEALTH_ANALYZER_CLASS, manufacturer: "idmef-edge", model: "idmef-edge Worker" }],
      create_time: idmefTime(now),
      detect_time: idmefTime(spec.at),
      classification: spec.classification,
      assessment: { impact: { severity: spec.severity, type: "other", description: spec.description } },
      target: [spec.target],
      additional_data: spec.additionalData,
    },
  };
}

function describe(ev: HealthEvent, cfg: HealthConfig): string {
  const a = ev.analyzer;
  const who = `${registeredName(a)} (analyzer ${a.analyzerid})`;
  const last = idmefTime(a.lastSeen);
  switch (ev.kind) {
    case "missing":
      return `No heartbeat from ${who} since ${last}; expected every ${a.intervalS} s (+${cfg.marginMs / 1000} s margin)` +
        (a.dropsNew > 0 ? `; its last heartbeat reported ${a.dropsNew} more dropped/lost` : "");
    case "resumed":
      return `Heartbeats from ${who} resumed at ${last} after being ${ev.previous}`;
    case "failed":
      return `${who} reported status "failed" at ${last}` + (ev.reason ? `: ${ev.reason}` : "");
    case "restart":
      return `${who} restarted at ${last} without a prior "exiting" heartbeat`;
    case "late":
      return `Heartbeat from ${who} arrived after ${Math.round((ev.gapMs ?? 0) / 1000)} s; its interval is ${a.intervalS} s`;
  }
}

/** The IDMEF message for one state-machine event. */
export async function healthAlert(cfg: HealthConfig, ev: HealthEvent, now: number): Promise<HealthMessage> {
  const a = ev.analyzer;
  const additional = registrationData(a);
  additional.push(
    { meaning: "Last heartbeat", type: "date-time", data: idmefTime(a.lastSeen) },
    { meaning: "Heartbeat interval", type: "integer", data: a.intervalS },
    { meaning: "Health state", type: "string", data: a.state },
  );
  if (ev.previous) additional.push({ meaning: "Previous health state", type: "string", data: ev.previous });
  if (a.lastStatus) additional.push({ meaning: "Analyzer status", type: "string", data: a.lastStatus });
  if (ev.gapMs !== undefined) additional.push({ meaning: "Heartbeat gap", type: "integer", data: Math.round(ev.gapMs / 1000) });
  if (ev.reason) additional.push({ meaning: "Failure reason", type: "string", data: ev.reason });
  if (a.drops > 0) {
    additional.push(
      { meaning: "Dropped or lost, last interval", type: "integer", data: a.dropsNew },
      { meaning: "Dropped or lost, total", type: "integer", data: a.drops },
    );
  }
  if (ev.repeats !== undefined && ev.repeats > 1) additional.push({ meaning: "Same events in the request", type: "integer", data: ev.repeats });
  if (ev.suppressedBefore) additional.push({ meaning: "Health alerts suppressed before this one", type: "integer", data: ev.suppressedBefore });
  additional.push(...claimedData(a));
  return buildHealthAlert(cfg, {
    classification: CLASSIFICATION[ev.kind],
    severity: ev.severity,
    description: describe(ev, cfg),
    at: ev.at,
    idParts: [ev.kind, a.analyzerid, ev.trigger],
    target: registeredTarget(a),
    additionalData: additional,
  }, now);
}
