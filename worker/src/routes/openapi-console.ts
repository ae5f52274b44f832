/** The OpenAPI paths the console added to the public API (aggregates, triage, fleet pages,
 *  heartbeat history, console login links); request schemas come from the zod schemas in use. */
import { z } from "zod";
import { GROUP_FIELDS, TriageRequestSchema } from "../../../schema/api.ts";

// Used only inside consolePaths (called when the document is built), so the import cycle with
// openapi.ts is harmless.
import { errors, json, signed, str } from "./openapi.ts";

const int = { type: "integer" };
const query = (name: string, description: string, required = false) => ({ name, in: "query", required, description, schema: str });
const path = (...names: string[]) => names.map((name) => ({ name, in: "path", required: true, schema: str }));

export function consolePaths(alertFilterParams: object[]) {
  const filter = alertFilterParams.filter((p) => !["limit", "cursor"].includes((p as { name: string }).name));
  const triageEntry = { type: "object", properties: { status: str, reason: { type: ["string", "null"] }, note: { type: ["string", "null"] }, actor: str, at: str } };
  return {
    "/v1/alerts/counts": {
      get: {
        summary: "alerts per value of a field under the alert filter, largest first; idmef:r",
        security: signed,
        parameters: [{ ...query("field", GROUP_FIELDS.join("|"), true), schema: { enum: [...GROUP_FIELDS] } }, query("limit", "most groups, 1-1000 (default 100)"), ...filter],
        responses: {
          200: json({ type: "object", properties: { field: str, total: int, groups: { type: "array", items: { type: "object", properties: { value: { type: ["string", "null"] }, count: int } } } } }),
          ...errors(400, 401, 403),
        },
      },
    },
    "/v1/alerts/histogram": {
      get: {
        summary: "alerts per severity per time bucket over [since, until) (both required); idmef:r",
        security: signed,
        parameters: [query("bucket_ms", "bucket width in ms (default: a readable width giving ≤ 60 buckets)"), ...filter],
        responses: {
          200: json({
            type: "object",
            properties: {
              bucket_ms: int,
              buckets: { type: "array", items: { type: "object", properties: { start: int, info: int, low: int, medium: int, high: int, unknown: int } } },
            },
          }),
          ...errors(400, 401, 403),
        },
      },
    },
    "/v1/alerts/{analyzerid}/{messageid}/triage": {
      get: {
        summary: "an alert's triage history (append-only), oldest first; idmef:r",
        security: signed,
        parameters: path("analyzerid", "messageid"),
        responses: { 200: json({ type: "object", properties: { history: { type: "array", items: triageEntry } } }), ...errors(401, 403) },
      },
    },
    "/v1/triage": {
      post: {
        summary: "set the triage status (open|acknowledged|closed, reason, note) of listed alerts or of a whole filter; admin:w",
        security: signed,
        requestBody: { content: { "application/json": { schema: z.toJSONSchema(TriageRequestSchema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) } } },
        responses: { 200: json({ type: "object", properties: { changed: int } }), ...errors(400, 401, 403, 415) },
      },
    },
    "/v1/analyzers/{analyzerid}/heartbeats": {
      get: {
        summary: "an analyzer's heartbeats, newest first, with events (start, clean_stop, unexpected_restart, failed, gap, abnormal_interval); idmef:r or admin:r",
        security: signed,
        parameters: [...path("analyzerid"), query("limit", "1-1000 (default 100)"), query("before", "create_time epoch ms: the previous page's `next`")],
        responses: { 200: json({ type: "object", properties: { heartbeats: { type: "array", items: { type: "object" } }, next: { type: ["integer", "null"] } } }), ...errors(400, 401, 403) },
      },
    },
    "/v1/console/links": {
      post: {
        summary: "a one-time console login link (10 min, single use) where CONSOLE_AUTH=link; admin:w",
        security: signed,
        requestBody: { content: { "application/json": { schema: { type: "object", properties: { role: { enum: ["viewer", "triager", "admin"] } } } } } },
        responses: { 201: json({ type: "object", properties: { url: str, expires_at: str } }, "Created"), ...errors(400, 401, 403, 409) },
      },
    },
  };
}
