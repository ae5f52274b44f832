import type { ClientRow, NonceClaim } from "./store/clients.ts";

/** Bindings and vars from wrangler.toml. Vars arrive as strings; limits.ts parses them. */
export interface Env {
  DB: D1Database;
  /** Allowed |server clock − signature `created`|, seconds (default 300). */
  SIGNATURE_MAX_SKEW_SECONDS?: string;
  /** Largest accepted request body, bytes (default 5 MB). */
  MAX_BODY_BYTES?: string;
  /** Most IDMEF messages in one POST /v1/messages (default 1000). */
  MAX_MESSAGES_PER_REQUEST?: string;

  // Analyzer health and maintenance (parsed in worker/src/health/config.ts).
  /** Grace after an analyzer's heartbeat_interval before it is missing, seconds (default 60). */
  HEARTBEAT_MARGIN_SECONDS?: string;
  /** The Worker's own IDMEF analyzer on health alerts. */
  HEALTH_ANALYZER_ID?: string;
  HEALTH_ANALYZER_NAME?: string;
  /** Retention in days, 0 = forever (defaults 30 and 90). */
  HEARTBEAT_RETENTION_DAYS?: string;
  ALERT_RETENTION_DAYS?: string;
  /** Health alerts stored per analyzer per UTC hour (default 10); the rest are counted. */
  HEALTH_ALERTS_PER_ANALYZER_PER_HOUR?: string;
  /** Largest heartbeat_interval believed for missing detection, seconds (default 86400). */
  MAX_HEARTBEAT_INTERVAL_SECONDS?: string;
  /** Database size alert: DB_SIZE_ALERT_PERCENT (default 80) of DB_SIZE_LIMIT_BYTES (default 10 GB). */
  DB_SIZE_LIMIT_BYTES?: string;
  DB_SIZE_ALERT_PERCENT?: string;
  /** https URL health alerts are POSTed to (unset = none), and the HMAC key signing them (a secret). */
  ALERT_WEBHOOK_URL?: string;
  ALERT_WEBHOOK_SECRET?: string;

  // History in R2 and the capacity report (parsed in worker/src/archive/config.ts).
  /** R2 bucket of archived alerts; unset = no archive (ALERT_RETENTION_DAYS deletes instead). */
  ARCHIVE?: R2Bucket;
  /** Alerts stay in D1 this many days of detect time, then move to R2 (default 30). */
  ALERT_HOT_DAYS?: string;
  /** Archived objects are deleted after this many days of detect time, 0 = never (default 365). */
  ARCHIVE_RETENTION_DAYS?: string;
  /** Largest NDJSON (uncompressed) bytes in one archive object (default 8 MiB). */
  ARCHIVE_OBJECT_MAX_BYTES?: string;
}

/** Per-request values set by the auth layer. */
export interface Variables {
  /** The authenticated client (signature verified, not revoked, nonce fresh). */
  client: ClientRow;
  /** The raw request body the signature's digest was checked against. */
  rawBody: Uint8Array<ArrayBuffer>;
  /** Server time of this request, epoch ms (one reading per request). */
  now: number;
  /** The request's nonce when its route claims it inside its own write batch (see auth). */
  nonceClaim: NonceClaim | null;
}

/** Hono's generic for this app: typed bindings and variables. */
export interface AppEnv {
  Bindings: Env;
  Variables: Variables;
}
