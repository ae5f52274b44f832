/**
 * Authentication layer: every /v1 request carries an RFC 9421 Ed25519 signature over method,
 * target URI, Content-Digest and Content-Type. Cheapest checks first, so a stranger costs
 * little and learns nothing:
 *   1. headers only (syntax, alg, created window, nonce length, digest syntax): no I/O;
 *   2. the client row (read on every request: no cache outlives a revocation) and the signature
 *      over the headers: unknown key, revoked key and wrong key get one identical 401;
 *   3. the per-client rate limit (only a verified client spends its own budget);
 *   4. the body, read up to the route's limit, checked against the signed digest;
 *   5. the nonce, recorded in D1 so a replay within the skew window is refused.
 */
import type { MiddlewareHandler } from "hono";
import { ClientRegistrationSchema } from "../../../schema/api.ts";
import {
  checkBody,
  generateKeyPair,
  importPublicKey,
  parseSignature,
  signatureMatches,
  type CryptoKey,
  type ParsedSignature,
  type VerifyFailure,
} from "../../../schema/signature.ts";
import type { AppEnv } from "../env.ts";
import { limits } from "../limits.ts";
import { Problem } from "../problem.ts";
import { getClient, recordNonce, type ClientRow, type NonceClaim } from "../store/clients.ts";
import { bodyLimitFor, readBodyWithin } from "./body-limit.ts";
import { requireWithinRate } from "./rate-limit.ts";

export interface SignatureOptions {
  /**
   * Routes ("METHOD /path") that claim the nonce inside their own write batch instead of here:
   * one D1 transaction per request instead of two. They must claim it before any 2xx, and a
   * failed claim (replay) aborts their batch, so nothing is stored twice.
   */
  claimInBatch?: readonly string[];
}

const isClientId = (id: string) => ClientRegistrationSchema.shape.client_id.safeParse(id).success;

/** Verified against when there is no active key, so an unknown id costs the same work as a known one. */
let decoyKey: Promise<CryptoKey> | undefined;

/** The one answer for an unknown key, a revoked key and a signature that does not verify. */
export function notAuthenticated(): Problem {
  return new Problem(
    401,
    "signature",
    "no active client key verifies this signature (the key id is unknown or revoked, or another key signed the request)",
    { reason: "bad-signature" },
  );
}

function refused(f: VerifyFailure): Problem {
  return new Problem(401, "signature", f.detail, { reason: f.reason });
}

/** The client for a keyid when it exists, is active and its key verifies the signature; else null. */
async function authenticatedClient(db: D1Database, parsed: ParsedSignature): Promise<ClientRow | null> {
  // An id the registration schema refuses can name no client: no database read for it.
  const row = isClientId(parsed.keyId) ? await getClient(db, parsed.keyId) : null;
  const active = row !== null && row.revoked_at === null ? row : null;
  const key = active ? await importPublicKey(active.public_key) : await (decoyKey ??= generateKeyPair().then((k) => k.publicKey));
  const good = await signatureMatches(parsed, key);
  return active && good ? active : null;
}

export function requireSignature(opts: SignatureOptions = {}): MiddlewareHandler<AppEnv> {
  const deferred = new Set(opts.claimInBatch ?? []);
  return async (c, next) => {
    const now = Date.now();
    const l = limits(c.env);
    const parsed = parseSignature({
      method: c.req.method,
      url: c.req.url,
      headers: c.req.raw.headers,
      now: Math.floor(now / 1000),
      maxSkewSeconds: l.maxSkewSeconds,
    });
    if (!parsed.ok) throw refused(parsed);

    const client = await authenticatedClient(c.env.DB, parsed);
    if (!client) throw notAuthenticated();
    await requireWithinRate(c.env, client.id, now);

    const rawBody = await readBodyWithin(c.req.raw, bodyLimitFor(c.req.method, c.req.path, l));
    const bodyFailure = await checkBody(parsed, rawBody);
    if (bodyFailure) throw refused(bodyFailure);

    // Past created + skew the `created` check refuses a replay by itself; keep the nonce till then.
    const claim: NonceClaim = { keyId: parsed.keyId, nonce: parsed.nonce, expiresAt: (parsed.created + l.maxSkewSeconds + 1) * 1000 };
    if (deferred.has(`${c.req.method} ${c.req.path}`)) {
      c.set("nonceClaim", claim);
    } else {
      if (!(await recordNonce(c.env.DB, claim))) throw replayed(claim);
      c.set("nonceClaim", null);
    }
    c.set("now", now);
    c.set("client", client);
    c.set("rawBody", rawBody);
    await next();
  };
}

export function replayed(claim: NonceClaim): Problem {
  return new Problem(401, "signature", `nonce "${claim.nonce}" was already used with this key`, { reason: "replayed-nonce" });
}
