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
  // Storage quota per analyzer per UTC day (store/quota-rules.ts); over it: 429 `quota`.
  /** Messages stored per analyzer per UTC day (default 100,000). */
  QUOTA_MESSAGES_PER_DAY?: string;
  /** UTF-8 bytes of message JSON stored per analyzer per UTC day (default 256 MiB). */
  QUOTA_BYTES_PER_DAY?: string;
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
