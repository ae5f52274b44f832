// Per-analyzer daily storage quota (worker/src/store/quota*.ts): one flooding client is refused
// with 429 `quota` and nothing of its request is stored, while the rest of the fleet is stored and
// listed in the same run; the day turns; one "Analyzer over quota" health alert per analyzer per day.
import { env } from "cloudflare:test";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { alert, heartbeat, makeClient, problem, type TestClient } from "./helpers.ts";
import { postWithVars, sendWithVars, type Vars } from "./app-helpers.ts";
import { quotaStatement } from "../../worker/src/store/quota.ts";
import { WEBHOOK_SECRET } from "./health-helpers.ts";

const HEALTH_ID = "quota-health-test";
const VARS: Vars = { QUOTA_MESSAGES_PER_DAY: "30", QUOTA_BYTES_PER_DAY: "10000000", HEALTH_ANALYZER_ID: HEALTH_ID };
const DAY = 86_400_000;

afterEach(() => vi.useRealTimers());

const batch = (c: TestClient, n: number, from = 0) => Array.from({ length: n }, (_, i) => alert(c.analyzerId!, from + i));

async function storedAlerts(analyzerid: string): Promise<number> {
  return (await env.DB.prepare("SELECT count(*) AS n FROM alerts WHERE analyzerid = ?").bind(analyzerid).first<{ n: number }>())!.n;
}

async function quotaAlerts(analyzerid: string): Promise<Array<{ message: string; detect_time: number }>> {
  const rows = await env.DB.prepare(
    `SELECT message, detect_time FROM alerts WHERE analyzerid = ? AND classification = 'Analyzer over quota'
     AND EXISTS (SELECT 1 FROM json_each(message, '$.alert.additional_data') AS d WHERE d.value ->> 'data' = ?)`,
  ).bind(HEALTH_ID, analyzerid).all<{ message: string; detect_time: number }>();
  return rows.results;
}

async function listed(reader: TestClient, analyzerid: string): Promise<string[]> {
  const res = await sendWithVars(VARS, reader, "GET", `/v1/alerts?analyzerid=${encodeURIComponent(analyzerid)}&limit=1000`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { alerts: Array<{ messageid: string }> }).alerts.map((a) => a.messageid);
}

describe("daily storage quota", () => {
  it("refuses a flooding analyzer with 429 quota, stores nothing of it, and keeps storing and listing the others", async () => {
    const flooder = await makeClient(["idmef:w"]);
    const honest = await makeClient(["idmef:w"]);
    const reader = await makeClient(["idmef:r"], { analyzerId: null });

    expect((await postWithVars(VARS, flooder, batch(flooder, 20))).status).toBe(200);
    for (let round = 0; round < 3; round++) {
      const res = await postWithVars(VARS, flooder, batch(flooder, 20, 100 * (round + 1)));
      expect(res.status).toBe(429);
      const p = await problem(res);
      expect(p).toMatchObject({ status: 429, type: "urn:idmef-edge:problem:quota", reason: "quota" });
      expect(p.detail).toContain(flooder.analyzerId!);
      const retryAfter = Number(res.headers.get("retry-after"));
      const untilMidnight = (Math.floor(Date.now() / DAY) + 1) * DAY - Date.now();
      expect(retryAfter).toBeGreaterThan(0);
      expect(Math.abs(retryAfter * 1000 - untilMidnight)).toBeLessThan(5000);

      // The rest of the fleet, in the same run: stored and listed.
      const mine = batch(honest, 5, 10 * round);
      const ok = await postWithVars(VARS, honest, mine);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ accepted: 5 });
      expect(await listed(reader, honest.analyzerId!)).toEqual(expect.arrayContaining(mine.map((m) => m.alert.messageid)));
    }
    expect(await storedAlerts(flooder.analyzerId!)).toBe(20);
    expect(await storedAlerts(honest.analyzerId!)).toBe(15);
    expect(await listed(reader, flooder.analyzerId!)).toHaveLength(20);
    // The refused requests counted nothing: 10 more still fit exactly, the 31st does not.
    expect((await postWithVars(VARS, flooder, batch(flooder, 10, 900))).status).toBe(200);
    expect((await postWithVars(VARS, flooder, batch(flooder, 1, 950))).status).toBe(429);
    expect(await storedAlerts(flooder.analyzerId!)).toBe(30);
  });

  it("counts bytes too: one oversized day refuses the request that would pass the byte limit", async () => {
    const c = await makeClient(["idmef:w"]);
    const one = JSON.stringify(alert(c.analyzerId!, 0)).length;
    const vars = { ...VARS, QUOTA_MESSAGES_PER_DAY: "1000", QUOTA_BYTES_PER_DAY: String(one * 10 + 50) };
    expect((await postWithVars(vars, c, batch(c, 10))).status).toBe(200);
    const res = await postWithVars(vars, c, batch(c, 1, 500));
    expect(res.status).toBe(429);
    expect((await problem(res)).reason).toBe("quota");
    expect(await storedAlerts(c.analyzerId!)).toBe(10);
  });

  it("lets concurrent requests through only up to the quota (no check-then-write race)", async () => {
    const c = await makeClient(["idmef:w"]);
    const results = await Promise.all(Array.from({ length: 8 }, (_, k) => postWithVars(VARS, c, batch(c, 7, 10 * k))));
    const statuses = results.map((r) => r.status).sort();
    // 30 per day, 7 per request: exactly 4 fit.
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429, 429]);
    expect(await storedAlerts(c.analyzerId!)).toBe(28);
    const row = await env.DB.prepare("SELECT messages FROM analyzer_quota WHERE analyzerid = ?").bind(c.analyzerId).first<{ messages: number }>();
    expect(row!.messages).toBe(28);
  });

  it("keeps taking heartbeats from an analyzer whose alerts are over quota, within a bounded headroom", async () => {
    const c = await makeClient(["idmef:w"]);
    expect((await postWithVars(VARS, c, batch(c, 30))).status).toBe(200);
    expect((await postWithVars(VARS, c, batch(c, 1, 99))).status).toBe(429);
    const hb = await postWithVars(VARS, c, [heartbeat(c.analyzerId!, "running", Date.now())]);
    expect(hb.status).toBe(200);
    // Mixed with an alert, the same heartbeat is refused: alerts never use the headroom.
    const mixed = await postWithVars(VARS, c, [heartbeat(c.analyzerId!, "running", Date.now()), alert(c.analyzerId!, 98)]);
    expect(mixed.status).toBe(429);
    // A heartbeat flood runs out of headroom too (1,440 a day).
    const flood = Array.from({ length: 1000 }, () => heartbeat(c.analyzerId!, "running", Date.now()));
    expect((await postWithVars(VARS, c, flood)).status).toBe(200);
    expect((await postWithVars(VARS, c, flood.map(() => heartbeat(c.analyzerId!, "running", Date.now())))).status).toBe(429);
  });

  it("raises one 'Analyzer over quota' health alert per analyzer per day, naming the analyzer and its client", async () => {
    const a = await makeClient(["idmef:w"]);
    const b = await makeClient(["idmef:w"]);
    const hook = `quota-${a.analyzerId}`;
    const vars = { ...VARS, ALERT_WEBHOOK_URL: `${inject("healthWebhookBase")}/hook/${hook}`, ALERT_WEBHOOK_SECRET: WEBHOOK_SECRET };
    expect((await postWithVars(vars, a, batch(a, 30))).status).toBe(200);
    expect(await quotaAlerts(a.analyzerId!)).toHaveLength(0);
    // Refused again and again, some at once.
    for (let i = 0; i < 3; i++) expect((await postWithVars(vars, a, batch(a, 5, 100 + 10 * i))).status).toBe(429);
    const burst = await Promise.all(Array.from({ length: 4 }, (_, i) => postWithVars(vars, a, batch(a, 5, 200 + 10 * i))));
    expect(burst.map((r) => r.status)).toEqual([429, 429, 429, 429]);

    const raised = await quotaAlerts(a.analyzerId!);
    expect(raised).toHaveLength(1);
    const msg = JSON.parse(raised[0].message);
    expect(msg.alert.assessment.impact.severity).toBe("high");
    expect(msg.alert.target[0].node.name).toBe("test"); // the client's registered name
    const data = Object.fromEntries(msg.alert.additional_data.map((d: { meaning: string; data: unknown }) => [d.meaning, d.data]));
    expect(data).toMatchObject({ "Analyzer ID": a.analyzerId, "Client ID": a.id, "Client name": "test", "Stored today, messages": 30, "Quota, messages per day": 30 });
    expect(msg.alert.assessment.impact.description).toContain(a.id);
    // POSTed to the webhook once (queued in the outbox, delivered, deleted).
    const posts = (await (await fetch(`${inject("healthWebhookBase")}/log/${hook}`)).json()) as Array<{ body: string }>;
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0].body).alert.messageid).toBe(msg.alert.messageid);
    const outbox = await env.DB.prepare("SELECT count(*) AS n FROM health_outbox WHERE kind = 'quota' AND analyzerid = ?").bind(a.analyzerId).first<{ n: number }>();
    expect(outbox!.n).toBe(0);
    // Another analyzer's refusal is its own alert.
    expect((await postWithVars(vars, b, batch(b, 31))).status).toBe(429);
    expect(await quotaAlerts(b.analyzerId!)).toHaveLength(1);
    expect(await quotaAlerts(a.analyzerId!)).toHaveLength(1);
  });

  it("starts counting again when the UTC day turns (clock injected), and alerts again on the new day", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const day = Date.UTC(2031, 4, 6);
    vi.setSystemTime(day - 60_000); // 23:59:00
    const c = await makeClient(["idmef:w"]);
    expect((await postWithVars(VARS, c, batch(c, 30))).status).toBe(200);
    const refused = await postWithVars(VARS, c, batch(c, 3, 100));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(await quotaAlerts(c.analyzerId!)).toHaveLength(1);

    vi.setSystemTime(day + 5_000); // 00:00:05 the next day: the same batch is taken
    const again = await postWithVars(VARS, c, batch(c, 3, 100));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ accepted: 3 });
    expect((await postWithVars(VARS, c, batch(c, 27, 200))).status).toBe(200);
    const next = await postWithVars(VARS, c, batch(c, 1, 300));
    expect(next.status).toBe(429);
    expect(Number(next.headers.get("retry-after"))).toBe(86_400 - 5);
    expect(await storedAlerts(c.analyzerId!)).toBe(60);
    // One row per analyzer, restarted in place: the table does not grow by a row a day.
    const rows = await env.DB.prepare("SELECT day, messages FROM analyzer_quota WHERE analyzerid = ?").bind(c.analyzerId).all();
    expect(rows.results).toEqual([{ day: day / DAY, messages: 30 }]);
    const alerts = await quotaAlerts(c.analyzerId!);
    expect(alerts).toHaveLength(2);
    expect(alerts.map((a) => JSON.parse(a.message).alert.additional_data.find((d: { meaning: string }) => d.meaning === "Quota day").data).sort())
      .toEqual(["2031-05-05", "2031-05-06"]);
  });

  it("raising the quota var takes effect on the next request", async () => {
    const c = await makeClient(["idmef:w"]);
    expect((await postWithVars(VARS, c, batch(c, 30))).status).toBe(200);
    expect((await postWithVars(VARS, c, batch(c, 10, 100))).status).toBe(429);
    expect((await postWithVars({ ...VARS, QUOTA_MESSAGES_PER_DAY: "40" }, c, batch(c, 10, 100))).status).toBe(200);
    expect(await storedAlerts(c.analyzerId!)).toBe(40);
  });

  it("never turns a row back a day: a request stamped before midnight that commits after it counts towards the new day", async () => {
    const id = `late-${Date.now()}`;
    const q = { messages: 100, bytes: 1_000_000 };
    const midnight = Date.UTC(2031, 0, 2);
    const run = (n: number, at: number) => quotaStatement(env.DB, id, { messages: n, bytes: n }, q, false, at).run();
    await run(60, midnight - 1000);
    await run(5, midnight + 1000); // the new day restarts the count
    await run(7, midnight - 500); // late commit of an earlier request
    const row = await env.DB.prepare("SELECT day, messages, bytes FROM analyzer_quota WHERE analyzerid = ?").bind(id).first();
    expect(row).toEqual({ day: midnight / DAY, messages: 12, bytes: 12 });
    await expect(run(89, midnight + 2000)).rejects.toThrow(/analyzer_quota_exceeded/);
    await run(88, midnight + 2000);
  });
});
