/**
 * History (idmef:r): GET /v1/archive lists the archive objects covering a range, GET
 * /v1/archive/{key} returns one (gzip NDJSON, as stored), GET /v1/export pages through every alert
 * of a range, hot and archived (worker/src/archive/export.ts), each with its triage state.
 */
import { Hono } from "hono";
import { requirePermission } from "../auth/permissions.ts";
import type { AppEnv } from "../env.ts";
import { exportRange, DEFAULT_EXPORT_LIMIT, MAX_EXPORT_LIMIT } from "../archive/export.ts";
import { hourOf, KEY_PATTERN, type AlertKey } from "../archive/format.ts";
import { Problem } from "../problem.ts";
import { decodeCursorAs, encodeCursor } from "../store/queries.ts";

const isAlertKey = (p: unknown): p is AlertKey =>
  Array.isArray(p) && p.length === 3 && Number.isInteger(p[0]) && typeof p[1] === "string" && typeof p[2] === "string";

const MAX_LISTED_OBJECTS = 5000;

function time(name: string, raw: string | undefined, required: boolean): number | undefined {
  if (raw === undefined || raw === "") {
    if (required) throw new Problem(400, "bad-query", `${name} is required (RFC 3339 time or epoch ms)`);
    return undefined;
  }
  const ms = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(ms)) throw new Problem(400, "bad-query", `${name} is not a time: ${JSON.stringify(raw)}`);
  return ms;
}

function range(q: (k: string) => string | undefined): { since: number; until: number } {
  const since = time("since", q("since"), true)!;
  const until = time("until", q("until"), true)!;
  if (until <= since) throw new Problem(400, "bad-query", "until must be after since");
  return { since, until };
}

export function archiveRoutes() {
  return new Hono<AppEnv>()
    .get("/", requirePermission("idmef:r"), async (c) => {
      const { since, until } = range((k) => c.req.query(k));
      const analyzerid = c.req.query("analyzerid") || null;
      const rows = (
        await c.env.DB.prepare(
          `SELECT key, hour, part, alerts, bytes, raw_bytes, sha256, created_at FROM archive_objects
           WHERE hour >= ?1 AND hour < ?2
             AND (?3 IS NULL OR analyzers IS NULL OR EXISTS (SELECT 1 FROM json_each(analyzers) WHERE value = ?3))
           ORDER BY hour, part LIMIT ?4`,
        ).bind(hourOf(since), until, analyzerid, MAX_LISTED_OBJECTS + 1).all<Record<string, number | string>>()
      ).results;
      const objects = rows.slice(0, MAX_LISTED_OBJECTS).map((r) => ({
        ...r,
        hour: new Date(r.hour as number).toISOString(),
        created_at: new Date(r.created_at as number).toISOString(),
      }));
      return c.json({ objects, truncated: rows.length > MAX_LISTED_OBJECTS });
    })
    .get("/*", requirePermission("idmef:r"), async (c) => {
      const key = decodeURIComponent(c.req.path.slice("/v1/archive/".length));
      // Only registered objects: an unregistered one is a failed run's leftover.
      const known = KEY_PATTERN.test(key) && (await c.env.DB.prepare("SELECT 1 FROM archive_objects WHERE key = ?").bind(key).first());
      const obj = known && c.env.ARCHIVE ? await c.env.ARCHIVE.get(key) : null;
      if (!obj) throw new Problem(404, "not-found", `no archive object ${JSON.stringify(key)}`);
      return new Response(obj.body, {
        headers: { "content-type": "application/gzip", "content-length": String(obj.size), etag: obj.httpEtag },
      });
    });
}

export function exportRoutes() {
  return new Hono<AppEnv>().get("/", requirePermission("idmef:r"), async (c) => {
    const { since, until } = range((k) => c.req.query(k));
    const rawLimit = c.req.query("limit");
    const limit = rawLimit === undefined ? DEFAULT_EXPORT_LIMIT : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EXPORT_LIMIT) throw new Problem(400, "bad-query", `limit must be 1..${MAX_EXPORT_LIMIT}`);
    const cursor = c.req.query("cursor");
    const page = await exportRange(c.env.DB, c.env.ARCHIVE, {
      since,
      until,
      analyzerid: c.req.query("analyzerid") || undefined,
      after: cursor ? decodeCursorAs(cursor, isAlertKey) : null,
      limit,
    });
    // `message` is the stored IDMEF text as a JSON string: the consumer gets the received bytes.
    return c.json({
      alerts: page.alerts.map((a) => ({
        analyzerid: a.analyzerid,
        messageid: a.messageid,
        detect_time: new Date(a.detect_time).toISOString(),
        received_at: new Date(a.received_at).toISOString(),
        triage: a.triage,
        message: a.message,
      })),
      cursor: page.next ? encodeCursor(page.next) : null,
    });
  });
}
