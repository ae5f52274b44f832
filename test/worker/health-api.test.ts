// Health through the real Worker: signed ingestion (the API routes), the exported `scheduled`
// handler driven by createScheduledController, and the read API showing health and its alerts.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { expect, it } from "vitest";
import { AlertMessageSchema } from "../../schema/idmef.ts";
import worker from "../../worker/src/index.ts";
import { heartbeat, makeClient, postMessages, send, type TestClient } from "./helpers.ts";

const MIN = 60_000;

async function getJson<T>(c: TestClient, path: string): Promise<T> {
  const res = await send(c, "GET", path);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}
interface AlertsPage { alerts: { classification: string; severity: string; target_node: string; message: { alert: unknown } }[] }
interface AnalyzersPage { analyzers: { analyzerid: string; health: string; health_since: string; status: string }[] }

async function healthAlertsFor(reader: TestClient, analyzerid: string) {
  const page = await getJson<AlertsPage>(reader, `/v1/alerts?analyzerid=idmef-edge-health`);
  return page.alerts.filter((a) => JSON.stringify(a.message).includes(`"data":"${analyzerid}"`));
}
async function healthOf(reader: TestClient, analyzerid: string) {
  const page = await getJson<AnalyzersPage>(reader, "/v1/analyzers");
  return page.analyzers.find((a) => a.analyzerid === analyzerid);
}

async function cron(at: number): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: "* * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

it("a failed heartbeat raises its alert at ingest: visible in GET /v1/alerts as soon as the POST answers", async () => {
  const agent = await makeClient(["idmef:w"]);
  await env.DB.prepare("UPDATE clients SET name = 'web-01 as registered' WHERE id = ?").bind(agent.id).run();
  const reader = await makeClient(["idmef:r"], { analyzerId: null });
  const t = Date.now();
  expect((await postMessages(agent, [heartbeat(agent.analyzerId!, "running", t - 1000)])).status).toBe(200);
  expect((await postMessages(agent, [heartbeat(agent.analyzerId!, "failed", t)])).status).toBe(200);

  const alerts = await healthAlertsFor(reader, agent.analyzerId!);
  expect(alerts.map((a) => `${a.classification}:${a.severity}`)).toEqual(["Analyzer failed:high"]);
  // Named by the client's registration; the node the heartbeat claims is only repeated as claimed.
  expect(alerts[0].target_node).toBe("web-01 as registered");
  const msg = AlertMessageSchema.parse(alerts[0].message);
  const ad = Object.fromEntries((msg.alert.additional_data ?? []).map((d) => [d.meaning, d.data]));
  expect(ad).toMatchObject({ "Client ID": agent.id, "Client name": "web-01 as registered", "Claimed node name": "host-a" });
  expect(msg.alert.analyzer[0]).toMatchObject({ analyzerid: "idmef-edge-health", class: "Health monitor" });
  expect(await healthOf(reader, agent.analyzerId!)).toMatchObject({ health: "failed", status: "failed" });
});

it("the cron marks a silent analyzer missing once; its next heartbeat resumes it; GET /v1/analyzers shows state and since", async () => {
  const agent = await makeClient(["idmef:w"]);
  const reader = await makeClient(["idmef:r"], { analyzerId: null });
  const t0 = Date.now();
  await postMessages(agent, [heartbeat(agent.analyzerId!, "starting", t0)]);
  expect(await healthOf(reader, agent.analyzerId!)).toMatchObject({ health: "online" });

  // heartbeat_interval 600 s + margin 60 s (wrangler.toml): missing from t0 + 11 min.
  await cron(t0 + 10 * MIN);
  expect((await healthOf(reader, agent.analyzerId!))!.health).toBe("online");
  await cron(t0 + 11 * MIN + 1000);
  await cron(t0 + 12 * MIN + 1000);
  const missing = (await healthOf(reader, agent.analyzerId!))!;
  expect(missing.health).toBe("missing");
  expect(Date.parse(missing.health_since)).toBeGreaterThanOrEqual(t0 + 11 * MIN);
  expect((await healthAlertsFor(reader, agent.analyzerId!)).map((a) => a.classification)).toEqual(["Analyzer heartbeat missing"]);

  // The agent comes back (real clock: the signature must be fresh) with a restart it never announced.
  await postMessages(agent, [heartbeat(agent.analyzerId!, "starting", Date.now() + 1000)]);
  expect((await healthOf(reader, agent.analyzerId!))!.health).toBe("online");
  expect((await healthAlertsFor(reader, agent.analyzerId!)).map((a) => a.classification).sort()).toEqual([
    "Analyzer heartbeat missing",
    "Analyzer heartbeat resumed",
    "Unexpected analyzer restart",
  ]);
});

it("a clean stop is offline, silent, and never reported missing", async () => {
  const agent = await makeClient(["idmef:w"]);
  const reader = await makeClient(["idmef:r"], { analyzerId: null });
  const t0 = Date.now();
  await postMessages(agent, [heartbeat(agent.analyzerId!, "running", t0 - 1000), heartbeat(agent.analyzerId!, "exiting", t0)]);
  await cron(t0 + 60 * MIN);
  expect(await healthOf(reader, agent.analyzerId!)).toMatchObject({ health: "offline", status: "exiting" });
  expect(await healthAlertsFor(reader, agent.analyzerId!)).toEqual([]);
});

it("refuses to register a client as the health monitor's own analyzer (it could forge or pre-empt health alerts)", async () => {
  const admin = await makeClient(["admin:w", "admin:r"], { analyzerId: null });
  const { exportPublicKeyRaw, generateKeyPair } = await import("../../schema/signature.ts");
  const publicKey = await exportPublicKeyRaw((await generateKeyPair()).publicKey);
  const body = (analyzer_id: string) => JSON.stringify({ client_id: `c-${analyzer_id}`, analyzer_id, public_key: publicKey, permissions: ["idmef:w"] });
  const refused = await send(admin, "POST", "/v1/clients", { body: body("idmef-edge-health") });
  expect(refused.status).toBe(409);
  expect(await refused.json()).toMatchObject({ detail: expect.stringContaining("health monitor") });
  expect((await send(admin, "POST", "/v1/clients", { body: body("ordinary-analyzer") })).status).toBe(201);
});
