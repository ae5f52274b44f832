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
  /** Largest accepted IDMEF message, compact JSON bytes (default 64 KB); larger ones are rejected. */
  MAX_MESSAGE_BYTES?: string;
  /** Workers Rate Limiting binding ([[ratelimits]] in wrangler.toml): requests per client id.
   *  Absent = no rate limit (a deployment that drops it from wrangler.toml). */
  CLIENT_RATE_LIMIT?: RateLimit;
  // Storage quota per analyzer per UTC day (store/quota-rules.ts); over it: 429 `quota`.
  /** Messages stored per analyzer per UTC day (default 100,000). */
  QUOTA_MESSAGES_PER_DAY?: string;
  /** UTF-8 bytes of message JSON stored per analyzer per UTC day (default 256 MiB). */
  QUOTA_BYTES_PER_DAY?: string;
  /** Console sign-in (worker/src/console/config.ts): "access" (default) or "link". */
  CONSOLE_AUTH?: string;
  /** Cloudflare Access team domain (JWT issuer), e.g. https://myteam.cloudflareaccess.com. */
  CF_ACCESS_TEAM_DOMAIN?: string;
  /** Access application audience tag (JWT aud). */
  CF_ACCESS_AUD?: string;
  /** Optional pinned Access JWKS JSON instead of fetching the team's certs. */
  CF_ACCESS_JWKS?: string;
  /** identity=role list for Access identities, e.g. "alice@x.com=admin,*@x.com=viewer". */
  CONSOLE_ROLES?: string;

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
