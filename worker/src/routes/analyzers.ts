/**
 * GET /v1/analyzers: analyzers with their health (idmef:r or admin:r). Without `limit`, every
 * analyzer (the original answer); with `limit` (and `after`, the previous page's `next`), keyset
 * pages for fleets of 100,000. GET /v1/analyzers/:analyzerid/heartbeats: the heartbeat history with
 * starts, clean stops, unexpected restarts, gaps and abnormal intervals; .../heartbeats/hourly: the
 * same counted per hour (the roll-up, kept past HEARTBEAT_RETENTION_DAYS).
 */
import { Hono } from "hono";
import { z } from "zod";
import { requirePermission } from "../auth/permissions.ts";
import type { AppEnv } from "../env.ts";
import { healthConfig } from "../health/config.ts";
import { heartbeatHistory, heartbeatHours, listAnalyzersPage } from "../store/fleet.ts";
import { listAnalyzers } from "../store/queries.ts";
import { parseQuery } from "./request.ts";

const PageQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).optional(), after: z.string().max(256).optional() });
const HistoryQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).optional(), before: z.coerce.number().int().min(0).optional() });

export function analyzersRoutes() {
  return new Hono<AppEnv>()
    .use(requirePermission("idmef:r", "admin:r"))
    .get("/", async (c) => {
      const q = parseQuery(PageQuery, c.req.query(), "analyzers query");
      if (q.limit === undefined && q.after === undefined) return c.json({ analyzers: await listAnalyzers(c.env.DB) });
      return c.json(await listAnalyzersPage(c.env.DB, { limit: q.limit ?? 100, after: q.after }));
    })
    .get("/:analyzerid/heartbeats", async (c) => {
      const q = parseQuery(HistoryQuery, c.req.query(), "heartbeat history query");
      const marginMs = healthConfig(c.env).marginMs;
      return c.json(await heartbeatHistory(c.env.DB, c.req.param("analyzerid"), { limit: q.limit ?? 100, before: q.before, marginMs }));
    })
    .get("/:analyzerid/heartbeats/hourly", async (c) => {
      const q = parseQuery(HistoryQuery, c.req.query(), "heartbeat roll-up query");
      return c.json(await heartbeatHours(c.env.DB, c.req.param("analyzerid"), { limit: q.limit ?? 168, before: q.before }));
    });
}
