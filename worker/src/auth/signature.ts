/**
 * Authentication layer: every /v1 request carries an RFC 9421 Ed25519 signature over method,
 * target URI, Content-Digest (recomputed here over the raw body, before any parsing) and
 * Content-Type. The client row is read on every request (no cache outlives a revocation), and
 * the nonce is recorded in D1 so a replay within the skew window is refused.
 */
import type { MiddlewareHandler } from "hono";
import { importPublicKey, verifyRequest } from "../../../schema/signature.ts";
import type { AppEnv } from "../env.ts";
import { limits } from "../limits.ts";
import { Problem } from "../problem.ts";
import { getClient, recordNonce, type ClientRow, type NonceClaim } from "../store/clients.ts";

export interface SignatureOptions {
  /**
   * Routes ("METHOD /path") that claim the nonce inside their own write batch instead of here:
   * one D1 transaction per request instead of two. They must claim it before any 2xx, and a
   * failed claim (replay) aborts their batch, so nothing is stored twice.
   */
  claimInBatch?: readonly string[];
}

export function requireSignature(opts: SignatureOptions = {}): MiddlewareHandler<AppEnv> {
  const deferred = new Set(opts.claimInBatch ?? []);
  return async (c, next) => {
    const now = Date.now();
    const { maxSkewSeconds } = limits(c.env);
    const rawBody = new Uint8Array(await c.req.arrayBuffer());

    let client: ClientRow | null = null;
    const result = await verifyRequest({
      method: c.req.method,
      url: c.req.url,
      headers: c.req.raw.headers,
      body: rawBody,
      now: Math.floor(now / 1000),
      maxSkewSeconds,
      resolveKey: async (keyId) => {
        client = await getClient(c.env.DB, keyId);
        if (!client || client.revoked_at !== null) return null;
        return importPublicKey(client.public_key);
      },
    });
    if (!result.ok) {
      if (result.reason === "unknown-key") {
        const found = client as ClientRow | null;
        const detail = found ? `client "${found.id}" was revoked` : result.detail.replace("no active key", "unknown client");
        throw new Problem(403, found ? "client-revoked" : "unknown-client", detail);
      }
      throw new Problem(401, "signature", result.detail, { reason: result.reason });
    }
    // Past created + skew the `created` check refuses a replay by itself; keep the nonce till then.
    const claim: NonceClaim = { keyId: result.keyId, nonce: result.nonce, expiresAt: (result.created + maxSkewSeconds + 1) * 1000 };
    if (deferred.has(`${c.req.method} ${c.req.path}`)) {
      c.set("nonceClaim", claim);
    } else {
      if (!(await recordNonce(c.env.DB, claim))) throw replayed(claim);
      c.set("nonceClaim", null);
    }
    c.set("now", now);
    c.set("client", client!);
    c.set("rawBody", rawBody);
    await next();
  };
}

export function replayed(claim: NonceClaim): Problem {
  return new Problem(401, "signature", `nonce "${claim.nonce}" was already used with this key`, { reason: "replayed-nonce" });
}
