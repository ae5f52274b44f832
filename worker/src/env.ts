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
