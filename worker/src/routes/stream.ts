/**
 * GET /v1/stream (idmef:r): messages in store order after a bookmark (worker/src/stream), and
 * PUT /v1/clients/:id/stream-types (admin:w): which types a client may stream.
 */
import { Hono } from "hono";
import { requirePermission } from "../auth/permissions.ts";
import type { AppEnv } from "../env.ts";
import { healthConfig } from "../health/config.ts";
import { Problem } from "../problem.ts";
import { getClient, type ClientRow } from "../store/clients.ts";
import { decodeBookmark } from "../stream/bookmark.ts";
import { DEFAULT_STREAM_LIMIT, MAX_STREAM_LIMIT, readStream } from "../stream/read.ts";
import { effectiveTypes, parseTypes } from "../stream/types.ts";
import { parseJsonBody, requireJsonContentType } from "../validate/body.ts";

function pageLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_STREAM_LIMIT;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > MAX_STREAM_LIMIT) throw new Problem(400, "bad-query", `limit must be 1..${MAX_STREAM_LIMIT}`);
  return n;
}

export function streamRoutes() {
  return new Hono<AppEnv>().get("/", requirePermission("idmef:r"), async (c) => {
    const client: ClientRow & { stream_types?: string | null } = c.get("client");
    const types = effectiveTypes(parseTypes(c.req.query("types"), "types"), parseTypes(client.stream_types, "stream_types"), client.id);
    const page = await readStream(c.env.DB, {
      after: decodeBookmark(c.req.query("after")),
      limit: pageLimit(c.req.query("limit")),
      types,
      healthAnalyzerId: healthConfig(c.env).analyzerId,
      archive: c.env.ARCHIVE,
    });
    const body = `{"messages":[${page.entries.join(",")}],"bookmark":${JSON.stringify(page.bookmark)},"more":${page.more}}`;
    return c.body(body, 200, { "content-type": "application/json" });
  });
}

export function streamTypesRoutes() {
  return new Hono<AppEnv>().put("/:id/stream-types", requirePermission("admin:w"), async (c) => {
    requireJsonContentType(c.req.header("content-type"));
    const body = parseJsonBody(c.get("rawBody")) as { types?: unknown };
    if (!(body && typeof body === "object" && (body.types === null || (Array.isArray(body.types) && body.types.every((t) => typeof t === "string"))))) {
      throw new Problem(400, "bad-stream-types", 'body must be {"types": ["alert", ...]} or {"types": null} (all)');
    }
    const types = body.types === null ? null : (parseTypes((body.types as string[]).join(" "), "types") ?? []);
    const id = c.req.param("id");
    const res = await c.env.DB.prepare("UPDATE clients SET stream_types = ? WHERE id = ?").bind(types === null ? null : types.join(" "), id).run();
    if (res.meta.changes === 0 || !(await getClient(c.env.DB, id))) throw new Problem(404, "not-found", `no client "${id}"`);
    return c.json({ client_id: id, stream_types: types });
  });
}
