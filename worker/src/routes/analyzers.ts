/** GET /v1/analyzers: every analyzer's latest state (idmef:r or admin:r). */
import { Hono } from "hono";
import { requirePermission } from "../auth/permissions.ts";
import type { AppEnv } from "../env.ts";
import { listAnalyzers } from "../store/queries.ts";

export function analyzersRoutes() {
  return new Hono<AppEnv>().get("/", requirePermission("idmef:r", "admin:r"), async (c) => c.json({ analyzers: await listAnalyzers(c.env.DB) }));
}
