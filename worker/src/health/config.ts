/**
 * Health-monitor settings, read from Worker vars (wrangler.toml [vars]). Vars arrive as strings;
 * a bad value is a deploy mistake, so it throws with the var's name rather than guessing.
 */

/** The vars this module reads; the Worker's `Env` is structurally compatible (all optional here). */
export interface HealthEnv {
  DB: D1Database;
  HEARTBEAT_MARGIN_SECONDS?: string;
  HEALTH_ANALYZER_ID?: string;
  HEALTH_ANALYZER_NAME?: string;
  HEARTBEAT_RETENTION_DAYS?: string;
  ALERT_RETENTION_DAYS?: string;
  ALERT_WEBHOOK_URL?: string;
}

export interface HealthConfig {
  /** Grace added to an analyzer's own heartbeat_interval before it is declared missing. */
  marginMs: number;
  /** The Worker's own IDMEF analyzer identity (analyzer[0] of every health alert). */
  analyzerId: string;
  analyzerName: string;
  /** 0 = keep forever. */
  heartbeatRetentionMs: number;
  alertRetentionMs: number;
  /** Where each health alert is POSTed as IDMEF JSON; null = no notification. */
  webhookUrl: string | null;
}

export const DEFAULT_MARGIN_SECONDS = 60;
/** SPEC 2.6: an analyzer that does not say otherwise beats every 600 s. */
export const DEFAULT_HEARTBEAT_INTERVAL_SECONDS = 600;
export const DEFAULT_HEALTH_ANALYZER_ID = "idmef-edge-health";
export const DEFAULT_HEALTH_ANALYZER_NAME = "idmef-edge health monitor";
export const DEFAULT_HEARTBEAT_RETENTION_DAYS = 30;

const DAY_MS = 86_400_000;

function nonNegativeNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${JSON.stringify(raw)}`);
  return n;
}

export function healthConfig(env: HealthEnv): HealthConfig {
  const webhook = env.ALERT_WEBHOOK_URL?.trim() ?? "";
  if (webhook !== "") {
    let protocol = "";
    try {
      protocol = new URL(webhook).protocol;
    } catch {
      // reported below
    }
    if (protocol !== "https:" && protocol !== "http:") {
      throw new Error(`ALERT_WEBHOOK_URL must be an http(s) URL, got ${JSON.stringify(webhook)}`);
    }
  }
  return {
    marginMs: nonNegativeNumber("HEARTBEAT_MARGIN_SECONDS", env.HEARTBEAT_MARGIN_SECONDS, DEFAULT_MARGIN_SECONDS) * 1000,
    analyzerId: env.HEALTH_ANALYZER_ID?.trim() || DEFAULT_HEALTH_ANALYZER_ID,
    analyzerName: env.HEALTH_ANALYZER_NAME?.trim() || DEFAULT_HEALTH_ANALYZER_NAME,
    heartbeatRetentionMs:
      nonNegativeNumber("HEARTBEAT_RETENTION_DAYS", env.HEARTBEAT_RETENTION_DAYS, DEFAULT_HEARTBEAT_RETENTION_DAYS) * DAY_MS,
    alertRetentionMs: nonNegativeNumber("ALERT_RETENTION_DAYS", env.ALERT_RETENTION_DAYS, 0) * DAY_MS,
    webhookUrl: webhook === "" ? null : webhook,
  };
}
