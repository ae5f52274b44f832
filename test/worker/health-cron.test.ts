// Health on a real local D1: ingestion hook + cron, time injected (receive time and scheduledTime).
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { AlertMessageSchema } from "../../schema/idmef.ts";
import { commitTransitions } from "../../worker/src/health/commit.ts";
import { healthConfig } from "../../worker/src/health/config.ts";
import { runHealthCron } from "../../worker/src/health/cron.ts";
import { heartbeatFacts } from "../../worker/src/health/facts.ts";
import { recordHeartbeatHealth } from "../../worker/src/health/ingest.ts";
import { onDeadline, onHeartbeat } from "../../worker/src/health/state.ts";
import { readHealth } from "../../worker/src/health/store.ts";
import { heartbeat, healthEnv, MIN, T0 } from "./health-helpers.ts";

const henv = healthEnv(env.DB);

interface AlertRow {
  messageid: string;
  classification: string;
  severity: string;
  target_node: string;
  detect_time: number;
  message: string;
}
async function healthAlerts(analyzerid: string): Promise<AlertRow[]> {
  const { results } = await env.DB.prepare(
    `SELECT messageid, classification, severity, target_node, detect_time, message FROM alerts
     WHERE analyzerid = 'health-test' AND EXISTS (SELECT 1 FROM json_each(message, '$.alert.additional_data')
       WHERE json_extract(value, '$.meaning') = 'Analyzer ID' AND json_extract(value, '$.data') = ?)
     ORDER BY detect_time, classification`,
  ).bind(analyzerid).all<AlertRow>();
  return results;
}
const classes = (rows: AlertRow[]) => rows.map((r) => `${r.classification}:${r.severity}`);

beforeEach(async () => {
  await env.DB.batch([env.DB.prepare("DELETE FROM analyzer_health"), env.DB.prepare("DELETE FROM health_outbox"), env.DB.prepare("DELETE FROM alerts")]);
});

describe("cron: missing and resumed", () => {
  it("declares an analyzer missing once, however many runs follow, and resumed on its next heartbeat", async () => {
    await recordHeartbeatHealth(henv, heartbeat("h1", "starting", T0), T0);
    await recordHeartbeatHealth(henv, heartbeat("h1", "running", T0 + 10 * MIN), T0 + 10 * MIN);

    let r = await runHealthCron(henv, T0 + 20 * MIN + 59_000); // due at 20:00 + 60 s margin: not yet
    expect(r.missing).toBe(0);
    expect(await healthAlerts("h1")).toEqual([]);

    r = await runHealthCron(henv, T0 + 21 * MIN);
    expect(r).toMatchObject({ missing: 1, alertsRaised: 1 });
    expect(await readHealth(env.DB, "h1")).toMatchObject({ state: "missing", since: T0 + 21 * MIN });

    for (const at of [T0 + 21 * MIN, T0 + 22 * MIN, T0 + 90 * MIN]) {
      expect((await runHealthCron(henv, at)).missing).toBe(0);
    }
    await recordHeartbeatHealth(henv, heartbeat("h1", "running", T0 + 95 * MIN), T0 + 95 * MIN);
    const rows = await healthAlerts("h1");
    expect(classes(rows)).toEqual(["Analyzer heartbeat missing:medium", "Analyzer heartbeat resumed:info"]);
    expect(rows[0].target_node).toBe("h1"); // no client registered in these tests: the analyzer id
    expect(await readHealth(env.DB, "h1")).toMatchObject({ state: "online", since: T0 + 95 * MIN });
    // No webhook configured: nothing queued for notification.
    expect(await env.DB.prepare("SELECT count(*) AS n FROM health_outbox").first("n")).toBe(0);
  });

  it("a retried cron run for the same silence cannot duplicate the alert (deterministic messageid)", async () => {
    await recordHeartbeatHealth(henv, heartbeat("h2", "running", T0), T0);
    const prev = (await readHealth(env.DB, "h2"))!;
    await runHealthCron(henv, T0 + 11 * MIN);
    // Replay the same decision as a second run that had read the row before the first committed.
    const t = onDeadline(prev, T0 + 12 * MIN, healthConfig(henv))!;
    const res = await commitTransitions(env.DB, healthConfig(henv), [{ prev, t }], T0 + 12 * MIN);
    expect(res).toMatchObject({ won: 0, alertsStored: 0 });
    await runHealthCron(henv, T0 + 13 * MIN);
    expect(classes(await healthAlerts("h2"))).toEqual(["Analyzer heartbeat missing:medium"]);
  });

  it("a cron decision that lost the race against a heartbeat writes neither state nor alert", async () => {
    await recordHeartbeatHealth(henv, heartbeat("h3", "running", T0), T0);
    const stale = (await readHealth(env.DB, "h3"))!;
    await recordHeartbeatHealth(henv, heartbeat("h3", "running", T0 + 10 * MIN), T0 + 10 * MIN + 5_000);
    const t = onDeadline(stale, T0 + 11 * MIN, healthConfig(henv))!;
    const res = await commitTransitions(env.DB, healthConfig(henv), [{ prev: stale, t }], T0 + 11 * MIN);
    expect(res).toMatchObject({ won: 0, alertsStored: 0 });
    expect((await readHealth(env.DB, "h3"))!.state).toBe("online");
    expect(await env.DB.prepare("SELECT count(*) AS n FROM health_outbox").first("n")).toBe(0);
  });

  it("escalates to high when the last heartbeat counted dropped messages or lost events", async () => {
    await recordHeartbeatHealth(henv, heartbeat("h4", "running", T0, { lost: 3 }), T0);
    await runHealthCron(henv, T0 + 11 * MIN);
    expect(classes(await healthAlerts("h4"))).toEqual(["Analyzer heartbeat missing:high"]);
  });

  it("honours the analyzer's own interval and HEARTBEAT_MARGIN_SECONDS", async () => {
    const short = healthEnv(env.DB, { HEARTBEAT_MARGIN_SECONDS: "5" });
    await recordHeartbeatHealth(short, heartbeat("h5", "running", T0, { interval: 10 }), T0);
    expect((await runHealthCron(short, T0 + 14_999)).missing).toBe(0);
    expect((await runHealthCron(short, T0 + 15_000)).missing).toBe(1);
  });
});

describe("ingest-time transitions", () => {
  it("stores the analyzer-failed alert when the failed heartbeat is ingested, before any cron run", async () => {
    await recordHeartbeatHealth(henv, heartbeat("f1", "running", T0), T0);
    const events = await recordHeartbeatHealth(henv, heartbeat("f1", "failed", T0 + MIN), T0 + MIN);
    expect(events.map((e) => e.kind)).toEqual(["failed"]);
    const rows = await healthAlerts("f1");
    expect(classes(rows)).toEqual(["Analyzer failed:high"]);
    expect(rows[0].detect_time).toBe(T0 + MIN);
    // Failed is terminal until it restarts: no missing later, no repeat on more failed heartbeats.
    await recordHeartbeatHealth(henv, heartbeat("f1", "failed", T0 + 2 * MIN), T0 + 2 * MIN);
    await runHealthCron(henv, T0 + 60 * MIN);
    expect(await healthAlerts("f1")).toHaveLength(1);
  });

  it("unexpected restart and unexpected interval are raised at ingest; clean stop is silent and never missing", async () => {
    await recordHeartbeatHealth(henv, heartbeat("r1", "starting", T0), T0);
    await recordHeartbeatHealth(henv, heartbeat("r1", "running", T0 + 10 * MIN + 40_000), T0 + 10 * MIN + 40_000);
    await recordHeartbeatHealth(henv, heartbeat("r1", "starting", T0 + 12 * MIN), T0 + 12 * MIN);
    await recordHeartbeatHealth(henv, heartbeat("r1", "exiting", T0 + 13 * MIN), T0 + 13 * MIN);
    await runHealthCron(henv, T0 + 120 * MIN);
    expect(classes(await healthAlerts("r1"))).toEqual(["Unexpected heartbeat interval:low", "Unexpected analyzer restart:low"]);
    expect(await readHealth(env.DB, "r1")).toMatchObject({ state: "offline", since: T0 + 13 * MIN });
  });

  it("the same heartbeat delivered twice is applied once", async () => {
    const hb = heartbeat("d1", "starting", T0);
    await recordHeartbeatHealth(henv, heartbeat("d1", "running", T0 - MIN), T0 - MIN);
    expect((await recordHeartbeatHealth(henv, hb, T0)).map((e) => e.kind)).toEqual(["restart"]);
    expect(await recordHeartbeatHealth(henv, hb, T0 + 1000)).toEqual([]);
    expect(await healthAlerts("d1")).toHaveLength(1);
  });
});

describe("health alerts", () => {
  it("are valid IDMEF from the Worker's own analyzer, targeting the affected analyzer", async () => {
    await recordHeartbeatHealth(henv, heartbeat("v1", "running", T0, { name: "web-1 agent" }), T0);
    await runHealthCron(henv, T0 + 11 * MIN);
    const [row] = await healthAlerts("v1");
    const msg = AlertMessageSchema.parse(JSON.parse(row.message));
    expect(msg.alert.analyzer[0]).toMatchObject({ analyzerid: "health-test", name: "health monitor under test", class: "Health monitor" });
    expect(msg.alert.messageid).toBe(row.messageid);
    // No client registered for v1 here: the target is the analyzer id, what the heartbeat claims is labelled so.
    expect(msg.alert.target?.[0].node).toEqual({ name: "v1" });
    const ad = Object.fromEntries((msg.alert.additional_data ?? []).map((d) => [d.meaning, d.data]));
    expect(ad).toMatchObject({
      "Analyzer ID": "v1", "Claimed analyzer name": "web-1 agent", "Claimed node name": "v1.example.net", "Claimed node address": "192.0.2.7",
      "Last heartbeat": "2026-11-23T12:00:00.000+00:00", "Heartbeat interval": 600, "Health state": "missing",
    });
  });
});

describe("races", () => {
  it("concurrent heartbeats and cron runs for one analyzer end in the newest heartbeat's state, with no spurious alert", async () => {
    await recordHeartbeatHealth(henv, heartbeat("c1", "starting", T0), T0);
    const work: Promise<unknown>[] = [];
    for (let i = 1; i <= 20; i++) {
      work.push(recordHeartbeatHealth(henv, heartbeat("c1", "running", T0 + i * 1000, { messageid: `c1-${i}` }), T0 + i * 1000));
      work.push(runHealthCron(henv, T0 + i * 1000));
    }
    await Promise.all(work);
    expect(await readHealth(env.DB, "c1")).toMatchObject({ state: "online", lastMessageid: "c1-20", lastCreateMs: T0 + 20_000 });
    expect(await healthAlerts("c1")).toEqual([]);
  });

  it("a batch of heartbeats (one request) is folded oldest first into one commit", async () => {
    await recordHeartbeatHealth(henv, heartbeat("c2", "running", T0), T0);
    const events = await recordHeartbeatHealth(
      henv,
      [heartbeat("c2", "exiting", T0 + MIN), heartbeat("c2", "starting", T0 + 2 * MIN), heartbeat("c2", "failed", T0 + 3 * MIN)],
      T0 + 3 * MIN,
    );
    expect(events.map((e) => e.kind)).toEqual(["failed"]);
    expect(await readHealth(env.DB, "c2")).toMatchObject({ state: "failed", lastStatus: "failed" });
  });
});
