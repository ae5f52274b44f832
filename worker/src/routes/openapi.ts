/** GET /v1/openapi.json: the API described as OpenAPI 3.1; request schemas come from the zod
 *  schemas the Worker validates with, so the document cannot drift from the checks. */
import { Hono } from "hono";
import { z } from "zod";
import { ClientRegistrationSchema, PERMISSIONS } from "../../../schema/api.ts";
import { IdmefMessageSchema } from "../../../schema/idmef.ts";
import type { AppEnv } from "../env.ts";
import { consolePaths } from "./openapi-console.ts";

export const problem = { description: "RFC 9457 problem", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } };
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), problem]));
export const json = (schema: object, description = "OK") => ({ description, content: { "application/json": { schema } } });
export const signed = [{ httpSignature: [] }];
export const str = { type: "string" };
export const nullableStr = { type: ["string", "null"] };

const alertQueryParams = [
  ["analyzerid", "exact analyzer id"],
  ["classification", "exact classification.text"],
  ["severity", "info|low|medium|high, or a comma-separated list"],
  ["completion", "failed|succeeded"],
  ["source_node", "exact source node (name or first address)"],
  ["target_user", "exact target user"],
  ["target_process", "exact target process (path, else name)"],
  ["target_file", "exact target file (path, else name)"],
  ["triage", "open|acknowledged|closed, or a comma-separated list"],
  ["since", "detect_time ≥ this (RFC 3339 or epoch ms); detect_time is clamped to received_at"],
  ["until", "detect_time < this (RFC 3339 or epoch ms)"],
  ["limit", "page size, 1-1000 (default 100)"],
  ["cursor", "opaque; the previous page's `cursor`"],
].map(([name, description]) => ({ name, in: "query", required: false, description, schema: str }));

function buildDocument() {
  const alertView = {
    type: "object",
    properties: Object.fromEntries(
      ([] as Array<[string, object]>).concat(
        ["analyzerid", "messageid", "detect_time", "create_time", "received_at", "classification"].map((k) => [k, str]),
        [["claimed_detect_time", { ...str, description: "the message's own detect_time, only when later than received_at (detect_time is clamped to it)" }]],
        ["severity", "completion", "source_node", "target_node", "target_user", "target_process", "target_file"].map((k) => [k, nullableStr]),
        [["message", { $ref: "#/components/schemas/IdmefMessage" }]],
      ),
    ),
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "idmef-edge ingestion API",
      version: "1",
      description:
        "IDMEF (RFC 4765, libprelude JSON) ingestion. Every /v1 request except this document is signed with RFC 9421 " +
        "HTTP Message Signatures, Ed25519, covering @method, @target-uri, content-digest (RFC 9530 sha-256) and " +
        'content-type, with created, keyid (client id), nonce and alg="ed25519".',
    },
    components: {
      securitySchemes: { httpSignature: { type: "http", scheme: "signature", description: "RFC 9421, see info.description" } },
      schemas: {
        Problem: {
          type: "object",
          properties: { type: str, title: str, status: { type: "integer" }, detail: str },
          required: ["type", "title", "status", "detail"],
        },
        IdmefMessage: z.toJSONSchema(IdmefMessageSchema, { unrepresentable: "any", target: "draft-2020-12" }),
        ClientRegistration: z.toJSONSchema(ClientRegistrationSchema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }),
        Client: {
          type: "object",
          properties: {
            client_id: str,
            name: str,
            analyzer_id: nullableStr,
            public_key: str,
            permissions: { type: "array", items: { enum: [...PERMISSIONS] } },
            created_at: str,
            revoked_at: nullableStr,
          },
        },
        AlertView: alertView,
      },
    },
    paths: {
      "/healthz": { get: { summary: "liveness (no auth)", responses: { 200: json({ type: "object" }) } } },
      "/v1/messages": {
        post: {
          summary: "ingest one IDMEF message or an array (≤ 1000, ≤ 5 MB); idmef:w",
          security: signed,
          requestBody: {
            content: {
              "application/json": {
                schema: { oneOf: [{ $ref: "#/components/schemas/IdmefMessage" }, { type: "array", items: {} }] },
              },
            },
          },
          responses: {
            200: json({
              type: "object",
              properties: {
                accepted: { type: "integer" },
                duplicates: { type: "integer" },
                rejected: {
                  type: "array",
                  items: { type: "object", properties: { index: { type: "integer" }, messageid: nullableStr, error: str } },
                },
              },
            }),
            ...errors(400, 401, 403, 413, 415),
            429: { ...problem, description: "RFC 9457 problem; reason `quota`: the analyzer's daily storage quota is used up, nothing stored, Retry-After until 00:00 UTC" },
          },
        },
      },
      "/v1/alerts": {
        get: {
          summary: "search alerts, newest detect_time first; a page stops at `limit` rows or ~2 MB of messages (at least one row); idmef:r",
          security: signed,
          parameters: alertQueryParams,
          responses: {
            200: json({
              type: "object",
              properties: { alerts: { type: "array", items: { $ref: "#/components/schemas/AlertView" } }, cursor: nullableStr },
            }),
            ...errors(400, 401, 403),
          },
        },
      },
      "/v1/alerts/{analyzerid}/{messageid}": {
        get: {
          summary: "one stored alert (the IDMEF message as received); idmef:r",
          security: signed,
          parameters: ["analyzerid", "messageid"].map((name) => ({ name, in: "path", required: true, schema: str })),
          responses: { 200: json({ $ref: "#/components/schemas/IdmefMessage" }), ...errors(401, 403, 404) },
        },
      },
      "/v1/analyzers": {
        get: {
          summary: "every analyzer: latest heartbeat, interval, status, counters, health; with `limit` (and `after` = the previous page's `next`) keyset pages; idmef:r or admin:r",
          security: signed,
          parameters: [
            { name: "limit", in: "query", required: false, description: "page size 1-1000; omit both for every analyzer", schema: str },
            { name: "after", in: "query", required: false, description: "the previous page's `next`", schema: str },
          ],
          responses: { 200: json({ type: "object", properties: { analyzers: { type: "array", items: { type: "object" } } } }), ...errors(401, 403) },
        },
      },
      ...consolePaths(alertQueryParams),
      "/v1/clients": {
        get: {
          summary: "list clients; admin:r",
          security: signed,
          responses: {
            200: json({ type: "object", properties: { clients: { type: "array", items: { $ref: "#/components/schemas/Client" } } } }),
            ...errors(401, 403),
          },
        },
        post: {
          summary: "register a client; admin:w",
          security: signed,
          requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/ClientRegistration" } } } },
          responses: { 201: json({ $ref: "#/components/schemas/Client" }, "Created"), ...errors(400, 401, 403, 409, 415) },
        },
      },
      "/v1/clients/{id}": {
        delete: {
          summary: "revoke a client (effective on its next request); admin:w",
          security: signed,
          parameters: [{ name: "id", in: "path", required: true, schema: str }],
          responses: { 200: json({ $ref: "#/components/schemas/Client" }), ...errors(401, 403, 404) },
        },
      },
      // History, stream and capacity (worker/src/archive, stream, status; README "History, the stream and capacity").
      "/v1/clients/{id}/stream-types": {
        put: {
          summary: 'which stream types a client may read: {"types": ["alert"|"heartbeat"|"health", ...] | null (all)}; admin:w',
          security: signed,
          parameters: [{ name: "id", in: "path", required: true, schema: str }],
          responses: { 200: json({ type: "object" }), ...errors(400, 401, 403, 404, 415) },
        },
      },
      "/v1/stream": {
        get: {
          summary: "messages in the order they were stored, after an opaque bookmark; idmef:r",
          security: signed,
          parameters: ["after", "types", "limit"].map((name) => ({ name, in: "query", schema: str })),
          responses: {
            200: json({ type: "object", properties: { messages: { type: "array", items: { type: "object" } }, bookmark: str, more: { type: "boolean" } } }),
            ...errors(400, 401, 403, 410),
          },
        },
      },
      "/v1/export": {
        get: {
          summary: "every alert of [since, until), hot and archived, once, in (detect_time, analyzerid, messageid) order, each with its triage state (null = open); idmef:r",
          security: signed,
          parameters: ["since", "until", "analyzerid", "cursor", "limit"].map((name) => ({ name, in: "query", required: name === "since" || name === "until", schema: str })),
          responses: { 200: json({ type: "object", properties: { alerts: { type: "array", items: { type: "object" } }, cursor: nullableStr } }), ...errors(400, 401, 403) },
        },
      },
      "/v1/analyzers/{analyzerid}/heartbeats/hourly": {
        get: {
          summary: "an analyzer's heartbeat roll-up, newest hour first: heartbeats, starts, restarts, clean stops, failures, gaps per hour, kept past HEARTBEAT_RETENTION_DAYS; idmef:r or admin:r",
          security: signed,
          parameters: [
            { name: "analyzerid", in: "path", required: true, schema: str },
            { name: "before", in: "query", schema: { type: "integer" } },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 1000 } },
          ],
          responses: { 200: json({ type: "object", properties: { hours: { type: "array", items: { type: "object" } }, next: { type: ["integer", "null"] } } }), ...errors(400, 401, 403) },
        },
      },
      "/v1/archive": {
        get: {
          summary: "archive objects (R2) covering [since, until), with counts, sizes and digests; idmef:r",
          security: signed,
          parameters: ["since", "until", "analyzerid"].map((name) => ({ name, in: "query", required: name !== "analyzerid", schema: str })),
          responses: { 200: json({ type: "object" }), ...errors(400, 401, 403) },
        },
      },
      "/v1/archive/{key}": {
        get: {
          summary: "one registered archive object: gzip NDJSON, one alert per line; idmef:r",
          security: signed,
          parameters: [{ name: "key", in: "path", required: true, schema: str }],
          responses: { 200: { description: "OK", content: { "application/gzip": {} } }, ...errors(401, 403, 404) },
        },
      },
      "/v1/status": {
        get: {
          summary: "capacity: D1 size and share of its limit, rows per table, alerts per day, projected fill day, archive; admin:r",
          security: signed,
          responses: { 200: json({ type: "object" }), ...errors(401, 403) },
        },
      },
    },
  };
}

let document: ReturnType<typeof buildDocument> | null = null;

export function openapiRoutes() {
  return new Hono<AppEnv>().get("/", (c) => c.json((document ??= buildDocument())));
}
