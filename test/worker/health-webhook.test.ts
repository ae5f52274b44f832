// Webhook notification of health alerts, against a real HTTP receiver on 127.0.0.1 (started by
// the worker project's globalSetup): retries from the outbox on later cron runs, nothing lost,
// nothing sent twice once delivered; every POST signed and verified by the receiver as a real one
// would; https only except loopback; redirects not followed.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, expect, inject, it } from "vitest";
import { AlertMessageSchema } from "../../schema/idmef.ts";
import { healthConfig } from "../../worker/src/health/config.ts";
import { runHealthCron } from "../../worker/src/health/cron.ts";
import { recordHeartbeatHealth } from "../../worker/src/health/ingest.ts";
import { heartbeat, healthEnv, MIN, T0 } from "./health-helpers.ts";

const base = inject("healthWebhookBase");
interface Received { status: number; body: string; contentType: string; verified: string }

async function script(name: string, statuses: number[]): Promise<void> {
  await fetch(`${base}/script/${name}`, { method: "POST", body: JSON.stringify(statuses) });
}
async function received(name: string): Promise<Received[]> {
  return (await (await fetch(`${base}/log/${name}`)).json()) as Received[];
}
const outbox = () =>
  env.DB.prepare("SELECT messageid, webhook_due_at, webhook_attempts, webhook_error, dead_at FROM health_outbox").all<{
    messageid: string; webhook_due_at: number | null; webhook_attempts: number; webhook_error: string | null; dead_at: number | null;
  }>().then((r) => r.results);

beforeEach(async () => {
  await env.DB.batch([env.DB.prepare("DELETE FROM analyzer_health"), env.DB.prepare("DELETE FROM health_outbox"), env.DB.prepare("DELETE FROM alerts")]);
});

it("retries a failing receiver on later cron runs with backoff until it accepts, then stops", async () => {
  const henv = healthEnv(env.DB, { ALERT_WEBHOOK_URL: `${base}/hook/retry` });
  await script("retry", [500, 503]);
  await recordHeartbeatHealth(henv, heartbeat("w1", "running", T0), T0);

  const t1 = T0 + 11 * MIN;
  expect(await runHealthCron(henv, t1)).toMatchObject({ missing: 1, webhookSent: 0, webhookFailed: 1 });
  expect(await outbox()).toMatchObject([{ webhook_attempts: 1, webhook_due_at: t1 + MIN, webhook_error: "HTTP 500" }]);
  // The alert itself is stored regardless of the notification.
  expect(await env.DB.prepare("SELECT count(*) AS n FROM alerts WHERE analyzerid = 'health-test'").first("n")).toBe(1);

  expect(await runHealthCron(henv, t1 + 30_000)).toMatchObject({ webhookSent: 0, webhookFailed: 0 }); // not due yet
  expect(await runHealthCron(henv, t1 + MIN)).toMatchObject({ webhookFailed: 1 });
  expect(await outbox()).toMatchObject([{ webhook_attempts: 2, webhook_due_at: t1 + 3 * MIN, webhook_error: "HTTP 503" }]);
  expect(await runHealthCron(henv, t1 + 3 * MIN)).toMatchObject({ webhookSent: 1 });
  expect(await outbox()).toEqual([]);
  expect(await runHealthCron(henv, t1 + 60 * MIN)).toMatchObject({ webhookSent: 0 });

  const log = await received("retry");
  expect(log.map((r) => r.status)).toEqual([500, 503, 200]);
  // The receiver verified each POST's HMAC signature and timestamp (README "Webhook").
  expect(log.map((r) => r.verified)).toEqual(["ok", "ok", "ok"]);
  // Every attempt carried the same IDMEF alert, as JSON.
  expect(new Set(log.map((r) => r.body)).size).toBe(1);
  expect(log[0].contentType).toBe("application/json");
  const msg = AlertMessageSchema.parse(JSON.parse(log[0].body));
  expect(msg.alert.classification.text).toBe("Analyzer heartbeat missing");
});

it("keeps retrying while the receiver is unreachable", async () => {
  // Port 9 (discard) on 127.0.0.1: nothing listens, the connection is refused. workerd logs its
  // own "Network connection lost" line for the refused request body; the rejection is handled.
  const henv = healthEnv(env.DB, { ALERT_WEBHOOK_URL: "http://127.0.0.1:9/hook" });
  await recordHeartbeatHealth(henv, heartbeat("w2", "running", T0), T0);
  await runHealthCron(henv, T0 + 11 * MIN);
  const [row] = await outbox();
  expect(row.webhook_attempts).toBe(1);
  expect(row.dead_at).toBeNull();
  expect(row.webhook_error).toBeTruthy();
  // Switch to a working receiver (same env var, new value): the queued alert goes out.
  const fixed = healthEnv(env.DB, { ALERT_WEBHOOK_URL: `${base}/hook/unreachable-then-ok` });
  expect(await runHealthCron(fixed, T0 + 12 * MIN)).toMatchObject({ webhookSent: 1 });
  expect(await received("unreachable-then-ok")).toHaveLength(1);
});

it("a receiver that refuses the message (4xx) is not retried; the row stays as a dead letter", async () => {
  const henv = healthEnv(env.DB, { ALERT_WEBHOOK_URL: `${base}/hook/refuse` });
  await script("refuse", [422]);
  await recordHeartbeatHealth(henv, heartbeat("w3", "running", T0), T0);
  expect(await runHealthCron(henv, T0 + 11 * MIN)).toMatchObject({ webhookDead: 1 });
  await runHealthCron(henv, T0 + 30 * MIN);
  expect(await received("refuse")).toHaveLength(1);
  expect(await outbox()).toMatchObject([{ webhook_due_at: null, dead_at: T0 + 11 * MIN, webhook_error: "HTTP 422" }]);
});

it("at ingest, the failed alert is POSTed through waitUntil without waiting for the cron", async () => {
  const henv = healthEnv(env.DB, { ALERT_WEBHOOK_URL: `${base}/hook/ingest` });
  const ctx = createExecutionContext();
  await recordHeartbeatHealth(henv, heartbeat("w4", "running", T0), T0, ctx);
  await recordHeartbeatHealth(henv, heartbeat("w4", "failed", T0 + MIN), T0 + MIN, ctx);
  await waitOnExecutionContext(ctx);
  const log = await received("ingest");
  expect(log.map((r) => JSON.parse(r.body).alert.classification.text)).toEqual(["Analyzer failed"]);
  expect(await outbox()).toEqual([]);
});

it("without ALERT_WEBHOOK_URL nothing is queued", async () => {
  const henv = healthEnv(env.DB);
  await recordHeartbeatHealth(henv, heartbeat("w5", "running", T0), T0);
  await runHealthCron(henv, T0 + 11 * MIN);
  expect(await outbox()).toEqual([]);
});

it("stops a run at the first retryable failure; queued alerts all go out, oldest first, once the receiver is back", async () => {
  const henv = healthEnv(env.DB, { ALERT_WEBHOOK_URL: `${base}/hook/burst` });
  await script("burst", [502]);
  for (const id of ["b1", "b2", "b3"]) await recordHeartbeatHealth(henv, heartbeat(id, "running", T0), T0);
  const t1 = T0 + 11 * MIN;
  expect(await runHealthCron(henv, t1)).toMatchObject({ missing: 3, webhookFailed: 1, webhookSent: 0 });
  expect((await outbox()).map((r) => r.webhook_attempts).sort()).toEqual([0, 0, 1]);
  expect(await runHealthCron(henv, t1 + MIN)).toMatchObject({ webhookSent: 3 });
  const log = await received("burst");
  expect(log.map((r) => r.status)).toEqual([502, 200, 200, 200]);
  const targets = log.slice(1).map((r) => JSON.parse(r.body).alert.additional_data[0].data);
  expect(targets.sort()).toEqual(["b1", "b2", "b3"]);
  expect(await outbox()).toEqual([]);
});

it("two overlapping deliveries never POST the same alert twice (rows are claimed with a lease)", async () => {
  const henv = healthEnv(env.DB, { ALERT_WEBHOOK_URL: `${base}/hook/overlap` });
  // Failed heartbeats without an execution context: queued, not sent yet.
  for (const id of ["o1", "o2", "o3", "o4"]) await recordHeartbeatHealth(henv, heartbeat(id, "failed", T0), T0);
  expect(await outbox()).toHaveLength(4);
  const runs = await Promise.all([runHealthCron(henv, T0 + 12 * MIN), runHealthCron(henv, T0 + 12 * MIN)]);
  expect(runs[0].webhookSent + runs[1].webhookSent).toBe(4);
  const log = await received("overlap");
  expect(log).toHaveLength(4);
  expect(new Set(log.map((r) => JSON.parse(r.body).alert.messageid)).size).toBe(4);
  expect(await outbox()).toEqual([]);
});

it("a receiver with another secret refuses the POSTs: the signature is what it checks", async () => {
  const henv = healthEnv(env.DB, { ALERT_WEBHOOK_URL: `${base}/hook/wrong-secret`, ALERT_WEBHOOK_SECRET: "x".repeat(40) });
  await recordHeartbeatHealth(henv, heartbeat("s1", "failed", T0), T0);
  expect(await runHealthCron(henv, T0 + MIN)).toMatchObject({ webhookDead: 1, webhookSent: 0 });
  expect((await received("wrong-secret")).map((r) => [r.status, r.verified])).toEqual([[401, "bad signature"]]);
});

it("refuses an http URL that is not loopback, and a short secret, with a clear error", async () => {
  for (const url of ["http://alerts.example.com/hook", "http://10.0.0.5/hook", "http://[::2]/hook"]) {
    await expect(runHealthCron(healthEnv(env.DB, { ALERT_WEBHOOK_URL: url }), T0)).rejects.toThrow(/ALERT_WEBHOOK_URL must use https/);
  }
  for (const url of ["https://alerts.example.com/hook", "http://127.0.0.1:1/h", "http://localhost/h", "http://[::1]:8/h"]) {
    expect(() => healthConfig(healthEnv(env.DB, { ALERT_WEBHOOK_URL: url }))).not.toThrow();
  }
  await expect(runHealthCron(healthEnv(env.DB, { ALERT_WEBHOOK_URL: `${base}/hook/x`, ALERT_WEBHOOK_SECRET: "short" }), T0)).rejects.toThrow(/ALERT_WEBHOOK_SECRET/);
});

it("without ALERT_WEBHOOK_SECRET nothing is sent unsigned: alerts wait in the outbox until it is set", async () => {
  const unsigned = healthEnv(env.DB, { ALERT_WEBHOOK_URL: `${base}/hook/unsigned`, ALERT_WEBHOOK_SECRET: undefined });
  await recordHeartbeatHealth(unsigned, heartbeat("u1", "failed", T0), T0);
  expect(await runHealthCron(unsigned, T0 + MIN)).toMatchObject({ webhookUnsigned: true, webhookSent: 0 });
  expect(await received("unsigned")).toEqual([]);
  expect(await outbox()).toMatchObject([{ webhook_attempts: 0, dead_at: null }]);
  expect(await runHealthCron(healthEnv(env.DB, { ALERT_WEBHOOK_URL: `${base}/hook/unsigned` }), T0 + 2 * MIN)).toMatchObject({ webhookSent: 1 });
  expect((await received("unsigned")).map((r) => r.verified)).toEqual(["ok"]);
});

it("does not follow a redirect: a 302 is a refusal, dead-lettered, and the redirect target gets nothing", async () => {
  const henv = healthEnv(env.DB, { ALERT_WEBHOOK_URL: `${base}/hook/redirect` });
  await script("redirect", [302]);
  await recordHeartbeatHealth(henv, heartbeat("r1", "failed", T0), T0);
  expect(await runHealthCron(henv, T0 + MIN)).toMatchObject({ webhookDead: 1, webhookSent: 0 });
  await runHealthCron(henv, T0 + 30 * MIN);
  expect((await received("redirect")).map((r) => r.status)).toEqual([302]);
  expect(await received("redirect-redirected")).toEqual([]);
  const [row] = await outbox();
  expect(row.dead_at).toBe(T0 + MIN);
  expect(row.webhook_error).toMatch(/HTTP 302.*redirects are not followed/);
});
