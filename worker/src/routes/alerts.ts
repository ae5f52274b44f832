/**
 * GET /v1/alerts (search, keyset pages), /v1/alerts/counts (group-by), /v1/alerts/histogram
 * (severity per time bucket), GET /v1/alerts/:analyzerid/:messageid (the stored IDMEF JSON) and
 * its /triage history — all idmef:r.
 */
import { Hono } from "hono";
import { AlertCountsQuerySchema, AlertHistogramQuerySchema, AlertsQuerySchema } from "../../../schema/api.ts";
import { requirePermission } from "../auth/permissions.ts";
import type { AppEnv } from "../env.ts";
import { DEFAULT_PAGE_LIMIT } from "../limits.ts";
import { Problem } from "../problem.ts";
import { countsContext } from "../store/alert-counts.ts";
import { bucketFor, countBy, severityHistogram } from "../store/aggregate.ts";
import { getAlert, searchAlerts } from "../store/queries.ts";
import { triageHistory } from "../store/triage.ts";
import { alertFilter, parseQuery } from "./request.ts";

/** Most buckets one histogram request may ask for. */
const MAX_BUCKETS = 2000;

export function alertsRoutes() {
  return new Hono<AppEnv>()
    .use(requirePermission("idmef:r"))
    .get("/", async (c) => {
      const q = parseQuery(AlertsQuerySchema, c.req.query(), "alert filter");
      return c.json(await searchAlerts(c.env.DB, { ...alertFilter(q), limit: q.limit ?? DEFAULT_PAGE_LIMIT, cursor: q.cursor }));
    })
    .get("/counts", async (c) => {
      const q = parseQuery(AlertCountsQuerySchema, c.req.query(), "alert counts query");
      const { groups, total } = await countBy(c.env.DB, q.field, alertFilter(q), q.limit ?? DEFAULT_PAGE_LIMIT, countsContext(c.env, Date.now()));
      return c.json({ field: q.field, total, groups });
    })
    .get("/histogram", async (c) => {
      const q = parseQuery(AlertHistogramQuerySchema, c.req.query(), "histogram query");
      const f = alertFilter(q);
      if (f.since === undefined || f.until === undefined || !(f.since < f.until)) {
        throw new Problem(400, "bad-query", "histogram needs since < until");
      }
      const bucket = q.bucket_ms ?? bucketFor(f.until - f.since);
      if ((f.until - f.since) / bucket > MAX_BUCKETS) throw new Problem(400, "bad-query", `over ${MAX_BUCKETS} buckets: use a larger bucket_ms`);
      return c.json({ bucket_ms: bucket, buckets: await severityHistogram(c.env.DB, { ...f, since: f.since, until: f.until }, bucket, countsContext(c.env, Date.now())) });
    })
    .get("/:analyzerid/:messageid", async (c) => {
      const { analyzerid, messageid } = c.req.param();
      const alert = await getAlert(c.env.DB, analyzerid, messageid);
      if (!alert) throw new Problem(404, "not-found", `no alert ${JSON.stringify(messageid)} from analyzer ${JSON.stringify(analyzerid)}`);
      return c.json(alert.message);
    })
    .get("/:analyzerid/:messageid/triage", async (c) => {
      const { analyzerid, messageid } = c.req.param();
      return c.json({ history: await triageHistory(c.env.DB, { analyzerid, messageid }) });
    });
}
