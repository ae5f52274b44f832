/** GET /v1/status (admin:r): the capacity report (worker/src/status/capacity.ts). */
import { Hono } from "hono";
import { requirePermission } from "../auth/permissions.ts";
import type { AppEnv } from "../env.ts";
import { capacityReport, dbSizeLimit } from "../status/capacity.ts";

export function statusRoutes() {
  return new Hono<AppEnv>().get("/", requirePermission("admin:r"), async (c) =>
    c.json(await capacityReport(c.env.DB, dbSizeLimit(c.env.DB_SIZE_LIMIT_BYTES), c.env.ARCHIVE !== undefined, c.get("now"))),
  );
}
