/**
 * Health events as IDMEF alerts, emitted by the Worker as its own analyzer (class "Health
 * monitor"). The affected analyzer is the target: its node as target.node, its id and name in
 * additional_data (IDMEF's Target has no analyzer). Message ids are derived from the event, so a
 * retried cron run or a re-processed heartbeat produces the same id and the store's
 * (analyzerid, messageid) key turns it into a duplicate instead of a second alert.
 */
import type { Alert } from "../../../schema/idmef.ts";
import { idmefTime } from "../../../schema/idmef-wire.ts";
import type { HealthConfig } from "./config.ts";
import type { HealthEvent, HealthEventKind } from "./state.ts";

export const HEALTH_ANALYZER_CLASS = "Health monitor";

export const CLASSIFICATION: Record<HealthEventKind, { ident: string; text: string }> = {
  missing: { ident: "health-heartbeat-missing", text: "Analyzer heartbeat missing" },
  resumed: { ident: "health-heartbeat-resumed", text: "Analyzer heartbeat resumed" },
  failed: { ident: "health-analyzer-failed", text: "Analyzer failed" },
  restart: { ident: "health-unexpected-restart", text: "Unexpected analyzer restart" },
  late: { ident: "health-unexpected-interval", text: "Unexpected heartbeat interval" },
};

/** A UUID (version 8, RFC 9562 "custom") made of SHA-256(parts): same event, same id. */
export async function deterministicMessageid(parts: string[]): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(parts.join("\u0000"))));
  const b = digest.slice(0, 16);
  b[6] = (b[6] & 0x0f) | 0x80; // version 8
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 9562 variant
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function healthMessageid(cfg: HealthConfig, ev: HealthEvent): Promise<string> {
  return deterministicMessageid([cfg.analyzerId, ev.kind, ev.analyzer.analyzerid, ev.trigger]);
}

function describe(ev: HealthEvent, cfg: HealthConfig): string {
  const a = ev.analyzer;
  const who = a.name ? `${a.name} (${a.analyzerid})` : a.analyzerid;
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

/** The full IDMEF message (libprelude JSON encoding) for one health event. */
export async function healthAlert(cfg: HealthConfig, ev: HealthEvent, now: number): Promise<{ version: "1.0"; alert: Alert }> {
  const a = ev.analyzer;
  const additional: NonNullable<Alert["additional_data"]> = [
    { meaning: "Analyzer ID", type: "string", data: a.analyzerid },
  ];
  if (a.name) additional.push({ meaning: "Analyzer name", type: "string", data: a.name });
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

  const target: NonNullable<Alert["target"]>[number] = { node: (a.node ?? { name: a.name ?? a.analyzerid }) as NonNullable<Alert["target"]>[number]["node"] };
  return {
    version: "1.0",
    alert: {
      messageid: await healthMessageid(cfg, ev),
      analyzer: [{ analyzerid: cfg.analyzerId, name: cfg.analyzerName, class: HEALTH_ANALYZER_CLASS, manufacturer: "idmef-edge", model: "idmef-edge Worker" }],
      create_time: idmefTime(now),
      detect_time: idmefTime(ev.at),
      classification: CLASSIFICATION[ev.kind],
      assessment: { impact: { severity: ev.severity, type: "other", description: describe(ev, cfg) } },
      target: [target],
      additional_data: additional,
    },
  };
}
