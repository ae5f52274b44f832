/** Bindings and vars from wrangler.toml. */
export interface Env {
  DB: D1Database;
  SIGNATURE_MAX_SKEW_SECONDS?: string;
}
