import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { alert, counts, heartbeat, makeClient, postMessages } from "./helpers.ts";

describe("POST /v1/messages", () => {
  it("stores a batch of alerts once and counts re-sends as duplicates", async () => {
    const c = await makeClient(["idmef:w"]);
    const batch = [alert(c.analyzerId!, 1), alert(c.analyzerId!, 2), alert(c.analyzerId!, 3)];
    const res = await postMessages(c, batch);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    const again = await postMessages(c, batch);
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 3, rejected: [] });
    const row = await env.DB.prepare("SELECT * FROM alerts WHERE analyzerid = ? ORDER BY messageid").bind(c.analyzerId).all();
    expect(row.results).toHaveLength(3);
    const a = await env.DB.prepare("SELECT alerts_received FROM analyzers WHERE analyzerid = ?").bind(c.analyzerId).first();
    expect(a?.alerts_received).toBe(3);
  });

  it("accepts 1000 messages in one request", async () => {
    const c = await makeClient(["idmef:w"]);
    const batch = Array.from({ length: 1000 }, (_, i) => alert(c.analyzerId!, i));
    const before = await counts();
    const res = await postMessages(c, batch);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 1000, duplicates: 0, rejected: [] });
    expect((await counts()).alerts - before.alerts).toBe(1000);
  });

  it("updates the analyzer from heartbeats", async () => {
    const c = await makeClient(["idmef:w"]);
    const t = Date.now();
    const res = await postMessages(c, [heartbeat(c.analyzerId!, "starting", t - 2000), heartbeat(c.analyzerId!, "running", t - 1000, { records: 5 })]);
    expect(await res.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const a = await env.DB.prepare("SELECT * FROM analyzers WHERE analyzerid = ?").bind(c.analyzerId).first();
    expect(a).toMatchObject({ status: "running", heartbeat_interval: 600, heartbeats_received: 2, counters: '{"records":5}' });
  });
});
