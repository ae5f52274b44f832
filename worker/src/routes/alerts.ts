/** GET /v1/alerts (search, keyset pages) and GET /v1/alerts/:analyzerid/:messageid (idmef:r). */
import { Hono } from "hono";
import { AlertsQuerySchema } from "../../../schema/api.ts";
import { requirePermission } from "../auth/permissions.ts";
import type { AppEnv } from "../env.ts";
import { DEFAULT_PAGE_LIMIT } from "../limits.ts";
import { Problem } from "../problem.ts";
import { getAlert, searchAlerts } from "../store/queries.ts";

const toMs = (t: string | undefined) => (t === undefined ? undefined : /^\d+$/.test(t) ? Number(t) : Date.parse(t));

export function alertsRoutes() {
  return new Hono<AppEnv>()
    .get("/", requirePermission("idmef:r"), async (c) => {
      const parsed = AlertsQuerySchema.safeParse(c.req.query());
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`);
        throw new Problem(400, "bad-query", `bad alert filter: ${issues.join("; ")}`);
      }
      const q = parsed.data;
      return c.json(
        await searchAlerts(c.env.DB, {
          analyzerid: q.analyzerid,
          classification: q.classification,
          severity: q.severity,
          completion: q.completion,
          since: toMs(q.since),
          until: toMs(q.until),
          limit: q.limit ?? DEFAULT_PAGE_LIMIT,
          cursor: q.cursor,
        }),
      );
    })
    .get("/:analyzerid/:messageid", requirePermission("idmef:r"), async (c) => {
      const { analyzerid, messageid } = c.req.param();
      const alert = await getAlert(c.env.DB, analyzerid, messageid);
      if (!alert) throw new Problem(404, "not-found", `no alert ${JSON.stringify(messageid)} from analyzer ${JSON.stringify(analyzerid)}`);
      return c.json(alert.message);
    });
}
