// Issue 9, tried as an attacker holding one agent's key: health alerts stay bounded and name the
// registered client; a far-future heartbeat or a huge interval cannot freeze health.
import { env } from "cloudflare:test";
import { beforeEach, expect, it } from "vitest";
import { AlertMessageSchema } from "../../schema/idmef.ts";
import { runHealthCron } from "../../worker/src/health/cron.ts";
import { recordHeartbeatHealth } from "../../worker/src/health/ingest.ts";
import { readHealth } from "../../worker/src/health/store.ts";
import { heartbeat, healthEnv, MIN, T0 } from "./health-helpers.ts";
import { heartbeat as wireHeartbeat, makeClient, postMessages } from "./helpers.ts";

const HOUR = 60 * MIN;
const henv = healthEnv(env.DB);

async function healthAlerts(healthId: string, analyzerid: string) {
  const rows = await env.DB.prepare(
    `SELECT classification, target_node, message FROM alerts WHERE analyzerid = ?1
     AND EXISTS (SELECT 1 FROM json_each(message, '$.alert.additional_data') WHERE value ->> 'meaning' = 'Analyzer ID' AND value ->> 'data' = ?2)
     ORDER BY detect_time, messageid`,
  ).bind(healthId, analyzerid).all<{ classification: string; target_node: string; message: string }>();
  return rows.results.map((r) => ({ ...r, ad: Object.fromEntries((JSON.parse(r.message).alert.additional_data as { meaning: string; data: unknown }[]).map((d) => [d.meaning, d.data])) }));
}

beforeEach(async () => {
  await env.DB.batch(["analyzer_health", "alerts", "health_outbox", "health_watch"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
});

it("1000 alternating failed/running heartbeats in one request make one 'Analyzer failed' alert, naming the registered client; another analyzer is unaffected", async () => {
  const attacker = await makeClient(["idmef:w"]);
  await env.DB.prepare("UPDATE clients SET name = 'web-07 (registered)' WHERE id = ?").bind(attacker.id).run();
  const now = Date.now();
  const flood = Array.from({ length: 1000 }, (_, i) => {
    const m = wireHeartbeat(attacker.analyzerId!, i % 2 === 0 ? "failed" : "running", now - 10_000 + i);
    m.heartbeat.analyzer[0].node = { name: "payroll-db.example" }; // claims to be another host
    return m;
  });
  expect((await postMessages(attacker, flood)).status).toBe(200);

  const alerts = await healthAlerts("idmef-edge-health", attacker.analyzerId!);
  expect(alerts.filter((a) => a.classification === "Analyzer failed")).toHaveLength(1);
  expect(alerts.length).toBeLessThanOrEqual(2); // failed, and resumed by the final `running`
  const failed = alerts.find((a) => a.classification === "Analyzer failed")!;
  expect(failed.target_node).toBe("web-07 (registered)");
  expect(JSON.stringify(AlertMessageSchema.parse(JSON.parse(failed.message)).alert.target)).not.toContain("payroll-db");
  expect(failed.ad).toMatchObject({ "Client ID": attacker.id, "Claimed node name": "payroll-db.example", "Same events in the request": 500, "Health state": "failed" });

  // Same run: an honest analyzer's failure still raises its own alert.
  const honest = await makeClient(["idmef:w"]);
  expect((await postMessages(honest, [wireHeartbeat(honest.analyzerId!, "running", now - 2000)])).status).toBe(200);
  expect((await postMessages(honest, [wireHeartbeat(honest.analyzerId!, "failed", now - 1000)])).status).toBe(200);
  expect((await healthAlerts("idmef-edge-health", honest.analyzerId!)).map((a) => a.classification)).toEqual(["Analyzer failed"]);
});

it("caps health alerts per analyzer per hour; the state still follows, suppressed alerts are counted and reported by the next", async () => {
  const capped = healthEnv(env.DB, { HEALTH_ALERTS_PER_ANALYZER_PER_HOUR: "3" });
  const base = Math.floor(T0 / HOUR) * HOUR; // the start of a UTC hour
  const beat = (status: string, at: number) => heartbeat("flap", status, at, { interval: 7200 }); // never "late" here
  await recordHeartbeatHealth(capped, beat("running", base), base);
  // One request per minute, alternating: 10 transitions, each an alert without the cap.
  for (let i = 1; i <= 10; i++) {
    const at = base + i * MIN;
    await recordHeartbeatHealth(capped, beat(i % 2 === 1 ? "failed" : "running", at), at);
  }
  expect((await healthAlerts("health-test", "flap")).map((a) => a.classification)).toEqual(["Analyzer failed", "Analyzer heartbeat resumed", "Analyzer failed"]);
  expect(await readHealth(env.DB, "flap")).toMatchObject({ state: "online", alertsSuppressed: 7, alertsSuppressedTotal: 7 });

  // Next hour: the budget is back, and the first alert says how many were dropped before it.
  const next = base + HOUR + MIN;
  await recordHeartbeatHealth(capped, beat("failed", next), next);
  const alerts = await healthAlerts("health-test", "flap");
  expect(alerts).toHaveLength(4);
  expect(alerts[3].ad).toMatchObject({ "Health alerts suppressed before this one": 7 });
  expect(await readHealth(env.DB, "flap")).toMatchObject({ state: "failed", alertsSuppressed: 0, alertsSuppressedTotal: 7 });
});

it("after one heartbeat dated ten years ahead, later live heartbeats still move the analyzer online", async () => {
  await recordHeartbeatHealth(henv, heartbeat("fut", "running", T0), T0);
  const tenYears = 10 * 365 * 24 * HOUR;
  await recordHeartbeatHealth(henv, heartbeat("fut", "running", T0 + tenYears), T0 + MIN);
  expect((await runHealthCron(henv, T0 + 12 * MIN)).missing).toBe(1);
  // A live heartbeat (created now, after the future one ARRIVED) is newer and applies.
  const events = await recordHeartbeatHealth(henv, heartbeat("fut", "running", T0 + 13 * MIN), T0 + 13 * MIN);
  expect(events.map((e) => e.kind)).toEqual(["resumed"]);
  expect(await readHealth(env.DB, "fut")).toMatchObject({ state: "online", lastSeen: T0 + 13 * MIN });
  await recordHeartbeatHealth(henv, heartbeat("fut", "exiting", T0 + 14 * MIN), T0 + 14 * MIN);
  expect(await readHealth(env.DB, "fut")).toMatchObject({ state: "offline" });
  // A re-sent heartbeat older than the last applied is still ignored (ordering kept).
  expect(await recordHeartbeatHealth(henv, heartbeat("fut", "running", T0 + 13 * MIN + 1), T0 + 15 * MIN)).toEqual([]);
  expect(await readHealth(env.DB, "fut")).toMatchObject({ state: "offline" });
});

it("a heartbeat_interval of 2^32 s is capped: the analyzer goes missing after the cap + margin", async () => {
  const day = 86_400_000;
  await recordHeartbeatHealth(henv, heartbeat("huge", "running", T0, { interval: 2 ** 32 }), T0);
  expect(await readHealth(env.DB, "huge")).toMatchObject({ intervalS: 86_400 });
  expect((await runHealthCron(henv, T0 + day + MIN - 1)).missing).toBe(0);
  expect((await runHealthCron(henv, T0 + day + MIN)).missing).toBe(1);
  // Configurable: a 1-hour cap.
  const short = healthEnv(env.DB, { MAX_HEARTBEAT_INTERVAL_SECONDS: "3600" });
  await recordHeartbeatHealth(short, heartbeat("huge2", "running", T0, { interval: 2 ** 32 }), T0);
  expect((await runHealthCron(short, T0 + HOUR + MIN)).missing).toBe(1);
});

it("raises one db-size alert per crossing of DB_SIZE_ALERT_PERCENT of DB_SIZE_LIMIT_BYTES", async () => {
  const size = (await runHealthCron(henv, T0)).dbSizeBytes;
  expect(size).toBeGreaterThan(0);
  // 80 % of a limit just above the size: the database is over the threshold.
  const over = healthEnv(env.DB, { DB_SIZE_LIMIT_BYTES: String(size), DB_SIZE_ALERT_PERCENT: "80" });
  const roomy = healthEnv(env.DB, { DB_SIZE_LIMIT_BYTES: String(size * 10) });
  const dbAlerts = () => env.DB.prepare("SELECT count(*) AS n FROM alerts WHERE analyzerid = 'health-test' AND classification = 'Database nearly full'").first<number>("n");

  expect(await runHealthCron(over, T0 + MIN)).toMatchObject({ dbSizeAlerts: 1 });
  for (let i = 2; i <= 4; i++) expect(await runHealthCron(over, T0 + i * MIN)).toMatchObject({ dbSizeAlerts: 0 });
  expect(await dbAlerts()).toBe(1);
  // Back under the threshold (the operator raised the limit), then over again: a second crossing.
  expect(await runHealthCron(roomy, T0 + 5 * MIN)).toMatchObject({ dbSizeAlerts: 0 });
  expect(await runHealthCron(over, T0 + 6 * MIN)).toMatchObject({ dbSizeAlerts: 1 });
  expect(await dbAlerts()).toBe(2);
  const row = await env.DB.prepare("SELECT message FROM alerts WHERE classification = 'Database nearly full' ORDER BY detect_time DESC").first<string>("message");
  const msg = AlertMessageSchema.parse(JSON.parse(row!));
  expect(msg.alert.assessment?.impact?.severity).toBe("high");
  expect(msg.alert.additional_data?.find((d) => d.meaning === "Alert threshold")?.data).toBe(Math.floor(size * 0.8));
});
