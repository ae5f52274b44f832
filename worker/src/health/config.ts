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
  ALERT_WEBHOOK_SECRET?: string;
  HEALTH_ALERTS_PER_ANALYZER_PER_HOUR?: string;
  MAX_HEARTBEAT_INTERVAL_SECONDS?: string;
  DB_SIZE_LIMIT_BYTES?: string;
  DB_SIZE_ALERT_PERCENT?: string;
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
  /** HMAC-SHA256 key the POSTs are signed with; without it nothing is sent (rows wait). */
  webhookSecret: string | null;
  /** Health alerts stored per analyzer per UTC hour; the rest are counted, not stored. */
  alertsPerAnalyzerPerHour: number;
  /** Largest heartbeat_interval believed for missing detection, seconds. */
  maxIntervalS: number;
  /** The cron raises one alert when the database grows past this many bytes. */
  dbSizeAlertBytes: number;
}

export const DEFAULT_MARGIN_SECONDS = 60;
/** SPEC 2.6: an analyzer that does not say otherwise beats every 600 s. */
export const DEFAULT_HEARTBEAT_INTERVAL_SECONDS = 600;
export const DEFAULT_HEALTH_ANALYZER_ID = "idmef-edge-health";
export const DEFAULT_HEALTH_ANALYZER_NAME = "idmef-edge health monitor";
export const DEFAULT_HEARTBEAT_RETENTION_DAYS = 30;
export const DEFAULT_ALERT_RETENTION_DAYS = 90;
/** An honest analyzer raises a handful an hour (failed, resumed, restart); a flapping one more. */
export const DEFAULT_ALERTS_PER_ANALYZER_PER_HOUR = 10;
/** A day: an analyzer silent for longer is missing whatever interval it promised. */
export const DEFAULT_MAX_HEARTBEAT_INTERVAL_SECONDS = 86_400;
/** D1's per-database limit (paid plan). */
export const DEFAULT_DB_SIZE_LIMIT_BYTES = 10_000_000_000;
export const DEFAULT_DB_SIZE_ALERT_PERCENT = 80;
/** A webhook secret shorter than this is guessable; 32 random characters are not. */
export const MIN_WEBHOOK_SECRET_LENGTH = 32;

const DAY_MS = 86_400_000;

function nonNegativeNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${JSON.stringify(raw)}`);
  return n;
}

function positiveNumber(name: string, raw: string | undefined, fallback: number): number {
  const n = nonNegativeNumber(name, raw, fallback);
  if (n === 0) throw new Error(`${name} must be greater than 0`);
  return n;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Why a webhook URL is refused, or null when it is fine: https only, except loopback hosts
 * (a receiver on the same machine, in tests), so alerts never cross a network in clear.
 */
export function webhookUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `ALERT_WEBHOOK_URL must be an https URL, got ${JSON.stringify(raw)}`;
  }
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)) return null;
  if (url.protocol === "http:") {
    return `ALERT_WEBHOOK_URL must use https (http is allowed only for 127.0.0.1, localhost and [::1]), got ${JSON.stringify(raw)}`;
  }
  return `ALERT_WEBHOOK_URL must be an https URL, got ${JSON.stringify(raw)}`;
}

export function healthConfig(env: HealthEnv): HealthConfig {
  const webhook = env.ALERT_WEBHOOK_URL?.trim() ?? "";
  const secret = env.ALERT_WEBHOOK_SECRET?.trim() ?? "";
  if (webhook !== "") {
    const problem = webhookUrlProblem(webhook);
    if (problem !== null) throw new Error(problem);
    // Unset: alerts are still stored and queued, only not sent unsigned (outbox.ts says so in
    // the log), so upgrading a deployment that had a URL does not break ingestion. Set but short:
    // a deploy mistake like any other bad value.
    if (secret !== "" && secret.length < MIN_WEBHOOK_SECRET_LENGTH) {
      throw new Error(`ALERT_WEBHOOK_SECRET must be at least ${MIN_WEBHOOK_SECRET_LENGTH} characters`);
    }
  }
  const limit = positiveNumber("DB_SIZE_LIMIT_BYTES", env.DB_SIZE_LIMIT_BYTES, DEFAULT_DB_SIZE_LIMIT_BYTES);
  const percent = positiveNumber("DB_SIZE_ALERT_PERCENT", env.DB_SIZE_ALERT_PERCENT, DEFAULT_DB_SIZE_ALERT_PERCENT);
  return {
    marginMs: nonNegativeNumber("HEARTBEAT_MARGIN_SECONDS", env.HEARTBEAT_MARGIN_SECONDS, DEFAULT_MARGIN_SECONDS) * 1000,
    analyzerId: env.HEALTH_ANALYZER_ID?.trim() || DEFAULT_HEALTH_ANALYZER_ID,
    analyzerName: env.HEALTH_ANALYZER_NAME?.trim() || DEFAULT_HEALTH_ANALYZER_NAME,
    heartbeatRetentionMs:
      nonNegativeNumber("HEARTBEAT_RETENTION_DAYS", env.HEARTBEAT_RETENTION_DAYS, DEFAULT_HEARTBEAT_RETENTION_DAYS) * DAY_MS,
    alertRetentionMs: nonNegativeNumber("ALERT_RETENTION_DAYS", env.ALERT_RETENTION_DAYS, DEFAULT_ALERT_RETENTION_DAYS) * DAY_MS,
    webhookUrl: webhook === "" ? null : webhook,
    webhookSecret: secret === "" ? null : secret,
    alertsPerAnalyzerPerHour: Math.floor(
      nonNegativeNumber("HEALTH_ALERTS_PER_ANALYZER_PER_HOUR", env.HEALTH_ALERTS_PER_ANALYZER_PER_HOUR, DEFAULT_ALERTS_PER_ANALYZER_PER_HOUR),
    ),
    maxIntervalS: positiveNumber("MAX_HEARTBEAT_INTERVAL_SECONDS", env.MAX_HEARTBEAT_INTERVAL_SECONDS, DEFAULT_MAX_HEARTBEAT_INTERVAL_SECONDS),
    dbSizeAlertBytes: Math.floor((limit * Math.min(percent, 100)) / 100),
  };
}
