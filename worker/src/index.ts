/**
 * The ingestion Worker (SPEC 3, 4). Layers, outermost first:
 *   secure headers → auth (RFC 9421 signature, client, rate limit, per-route body limit, nonce)
 *   → permission per route
 *   → validate (schema/idmef.ts) → store (one D1 batch) ; routes stay thin.
 * /console (worker/src/console) is beside /v1, not under it: people sign in there (Access JWT or a
 * login-link session), and its pages call the same store functions as the /v1 routes.
 */
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { requireSignature } from "./auth/signature.ts";
import type { AppEnv } from "./env.ts";
import { notFound, onError } from "./middleware.ts";
import { alertsRoutes } from "./routes/alerts.ts";
import { archiveRoutes, exportRoutes } from "./routes/archive.ts";
import { analyzersRoutes } from "./routes/analyzers.ts";
import { consoleApp } from "./console/index.tsx";
import { clientsRoutes } from "./routes/clients.ts";
import { consoleLinksRoutes } from "./routes/console-links.ts";
import { triageRoutes } from "./routes/triage.ts";
import { messagesRoutes } from "./routes/messages.ts";
import { openapiRoutes } from "./routes/openapi.ts";
import { statusRoutes } from "./routes/status.ts";
import { streamRoutes, streamTypesRoutes } from "./routes/stream.ts";
import { recordHeartbeatHealth, scheduled } from "./health/index.ts";
import type { HeartbeatHook } from "./store/heartbeats.ts";

/** Analyzer health (worker/src/health): every valid heartbeat, duplicates included (idempotent
 *  there), after the heartbeats are committed and before the answer. */
const healthHook: HeartbeatHook = (ingest) => ({
  afterCommit: async () => {
    // All of the request's heartbeats at once: one read and one batch.
    await recordHeartbeatHealth(ingest.env, ingest.heartbeats, ingest.receivedAt, ingest);
  },
});

const heartbeatHooks: HeartbeatHook[] = [healthHook];

export const app = new Hono<AppEnv>()
  // overwrite: false keeps what the console sets itself (its CSP and a same-origin Referrer-Policy,
  // without which browsers send `Origin: null` on its form POSTs).
  .use(secureHeaders({ overwrite: false }))
  .get("/healthz", (c) => c.json({ ok: true }))
  // The API description is public, like /healthz; every other /v1 route is signed.
  .route("/v1/openapi.json", openapiRoutes())
  // The console has its own sign-in (Access JWT or login-link session), outside the /v1 signatures.
  .route("/console", consoleApp())
  // Ingestion claims its nonce in the same D1 batch as the messages (one transaction per request).
  .use("/v1/*", requireSignature({ claimInBatch: ["POST /v1/messages"] }))
  .route("/v1/messages", messagesRoutes({ heartbeatHooks }))
  .route("/v1/alerts", alertsRoutes())
  .route("/v1/analyzers", analyzersRoutes())
  .route("/v1/clients", clientsRoutes())
  .route("/v1/triage", triageRoutes())
  .route("/v1/console/links", consoleLinksRoutes())
  .route("/v1/clients", streamTypesRoutes())
  .route("/v1/stream", streamRoutes())
  .route("/v1/archive", archiveRoutes())
  .route("/v1/export", exportRoutes())
  .route("/v1/status", statusRoutes())
  .onError(onError)
  .notFound(notFound);

export default {
  fetch: app.fetch,
  scheduled,
} satisfies ExportedHandler<AppEnv["Bindings"]>;
