/** POST /v1/messages: ingest alerts and heartbeats (idmef:w). */
import { Hono } from "hono";
import type { IngestResult } from "../../../schema/api.ts";
import { requirePermission } from "../auth/permissions.ts";
import { replayed } from "../auth/signature.ts";
import type { AppEnv } from "../env.ts";
import { raiseQuotaAlert } from "../health/quota-alert.ts";
import { limits } from "../limits.ts";
import type { HeartbeatHook } from "../store/heartbeats.ts";
import { isNonceReplay, nonceClaimStatement, recordNonce } from "../store/clients.ts";
import { storeMessages } from "../store/messages.ts";
import { requireJsonContentType } from "../validate/body.ts";
import { checkIngestBody } from "../validate/messages.ts";

export interface MessagesRouteOptions {
  /** Called with each request's new heartbeats; their statements join the storing batch. */
  heartbeatHooks?: readonly HeartbeatHook[];
}

export function messagesRoutes(opts: MessagesRouteOptions = {}) {
  const heartbeatHooks = opts.heartbeatHooks ?? [];
  return new Hono<AppEnv>().post("/", requirePermission("idmef:w"), async (c) => {
    requireJsonContentType(c.req.header("content-type"));
    const client = c.get("client");
    const { valid, rejected } = checkIngestBody(c.get("rawBody"), c.env, client.analyzer_id);
    const result: IngestResult = { accepted: 0, duplicates: 0, rejected };
    const claim = c.get("nonceClaim");
    const leading = claim ? [nonceClaimStatement(c.env.DB, claim)] : [];
    try {
      if (valid.length === 0) {
        if (claim && !(await recordNonce(c.env.DB, claim))) throw replayed(claim);
        return c.json(result, 200);
      }
      const out = await storeMessages({
        db: c.env.DB,
        env: c.env,
        clientId: client.id,
        analyzerid: client.analyzer_id!,
        messages: valid,
        now: c.get("now"),
        heartbeatHooks,
        waitUntil: (p) => c.executionCtx.waitUntil(p),
        leading,
        quota: limits(c.env).quota,
        onOverQuota: async (o) => {
          // The refused batch took the nonce claim with it: a signed request still counts as used.
          if (claim) await recordNonce(c.env.DB, claim);
          // The 429 matters more than the alert: a failure here is logged, not answered.
          await raiseQuotaAlert(c.env, client, o, c.get("now"), c.executionCtx).catch((e) => console.error("quota alert:", e));
        },
      });
      result.accepted = out.accepted;
      result.duplicates = out.duplicates;
    } catch (e) {
      if (claim && isNonceReplay(e)) throw replayed(claim);
      throw e;
    }
    return c.json(result, 200);
  });
}
