/** Every route × every permission: allowed exactly when the table in SPEC 4 says so. */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Permission } from "../../schema/api.ts";
import { exportPublicKeyRaw, generateKeyPair } from "../../schema/signature.ts";
import { alert, BASE, counts, expectNothingStored, heartbeat, makeClient, problem, send, uniq } from "./helpers.ts";

const ALL: Permission[] = ["idmef:r", "idmef:w", "admin:r", "admin:w"];

interface Route {
  name: string;
  allowed: Permission[];
  call: (c: Awaited<ReturnType<typeof makeClient>>) => Promise<Response>;
  ok: number;
}

const routes: Route[] = [
  { name: "POST /v1/messages", allowed: ["idmef:w"], ok: 200, call: (c) => send(c, "POST", "/v1/messages", { body: JSON.stringify([alert(c.analyzerId!)]) }) },
  { name: "GET /v1/alerts", allowed: ["idmef:r"], ok: 200, call: (c) => send(c, "GET", "/v1/alerts?limit=1") },
  { name: "GET /v1/alerts/:a/:m", allowed: ["idmef:r"], ok: 404, call: (c) => send(c, "GET", "/v1/alerts/a/m") },
  { name: "GET /v1/analyzers", allowed: ["idmef:r", "admin:r"], ok: 200, call: (c) => send(c, "GET", "/v1/analyzers") },
  { name: "GET /v1/clients", allowed: ["admin:r"], ok: 200, call: (c) => send(c, "GET", "/v1/clients") },
  {
    name: "POST /v1/clients",
    allowed: ["admin:w"],
    ok: 201,
    call: async (c) =>
      send(c, "POST", "/v1/clients", {
        body: JSON.stringify({ client_id: uniq("reg"), analyzer_id: uniq("an"), public_key: await exportPublicKeyRaw((await generateKeyPair()).publicKey), permissions: ["idmef:r"] }),
      }),
  },
  { name: "DELETE /v1/clients/:id", allowed: ["admin:w"], ok: 404, call: (c) => send(c, "DELETE", "/v1/clients/nobody") },
];

describe("permissions", () => {
  for (const route of routes) {
    for (const perm of ALL) {
      const allowed = route.allowed.includes(perm);
      it(`${route.name} with only ${perm}: ${allowed ? "allowed" : "403"}`, async () => {
        const c = await makeClient([perm]);
        const before = await counts();
        const res = await route.call(c);
        if (allowed) {
          expect(res.status).toBe(route.ok);
        } else {
          expect(res.status).toBe(403);
          expect((await problem(res)).detail).toContain(route.allowed.join(" or "));
          await expectNothingStored(before);
        }
      });
    }
  }
});

describe("other routes", () => {
  it("GET /v1/analyzers lists latest state, counters and health", async () => {
    const w = await makeClient(["idmef:w"]);
    await send(w, "POST", "/v1/messages", { body: JSON.stringify([heartbeat(w.analyzerId!, "running", Date.now(), { records: 12, "lost events": 0 })]) });
    const r = await makeClient(["admin:r"], { analyzerId: null });
    const res = await send(r, "GET", "/v1/analyzers");
    const { analyzers } = (await res.json()) as { analyzers: Array<Record<string, unknown>> };
    const a = analyzers.find((x) => x.analyzerid === w.analyzerId);
    expect(a).toMatchObject({ status: "running", heartbeat_interval: 600, counters: { records: 12, "lost events": 0 }, health: "online", name: "idmef-agent", node_name: "host-a" });
    expect(a!.last_heartbeat_at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("GET /v1/openapi.json is public and describes every route", async () => {
    const res = await SELF.fetch(`${BASE}/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        "/healthz",
        "/v1/alerts",
        "/v1/alerts/counts",
        "/v1/alerts/histogram",
        "/v1/alerts/{analyzerid}/{messageid}",
        "/v1/alerts/{analyzerid}/{messageid}/triage",
        "/v1/analyzers",
        "/v1/analyzers/{analyzerid}/heartbeats",
        "/v1/analyzers/{analyzerid}/heartbeats/hourly",
        "/v1/archive",
        "/v1/archive/{key}",
        "/v1/clients",
        "/v1/clients/{id}",
        "/v1/clients/{id}/stream-types",
        "/v1/console/links",
        "/v1/export",
        "/v1/messages",
        "/v1/status",
        "/v1/stream",
        "/v1/triage",
      ].sort(),
    );
  });

  it("unknown routes answer 404 problem+json; secure headers are set", async () => {
    const res = await SELF.fetch(`${BASE}/nowhere`);
    expect(res.status).toBe(404);
    expect((await problem(res)).status).toBe(404);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
