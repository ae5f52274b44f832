import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { alert, counts, expectNothingStored, heartbeat, makeClient, postMessages, problem, send } from "./helpers.ts";

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

describe("POST /v1/messages refusals store nothing", () => {
  it("403 without idmef:w", async () => {
    const c = await makeClient(["idmef:r", "admin:r", "admin:w"]);
    const before = await counts();
    const res = await postMessages(c, [alert(c.analyzerId!)]);
    expect(res.status).toBe(403);
    expect((await problem(res)).detail).toContain("idmef:w");
    await expectNothingStored(before);
  });

  it("403 for the whole request when one message claims another analyzer", async () => {
    const c = await makeClient(["idmef:w"]);
    const before = await counts();
    const res = await postMessages(c, [alert(c.analyzerId!, 1), alert("someone-else", 2), alert(c.analyzerId!, 3)]);
    expect(res.status).toBe(403);
    const p = await problem(res);
    expect(p.detail).toContain("someone-else");
    expect(p).toMatchObject({ index: 1 });
    await expectNothingStored(before);
  });

  it("403 for a spoofed heartbeat", async () => {
    const c = await makeClient(["idmef:w"]);
    const before = await counts();
    expect((await postMessages(c, heartbeat("victim", "exiting", Date.now()))).status).toBe(403);
    await expectNothingStored(before);
  });

  it("403 when a client without an analyzer sends messages", async () => {
    const c = await makeClient(["idmef:w"], { analyzerId: null });
    const before = await counts();
    expect((await postMessages(c, [alert("any")])).status).toBe(403);
    await expectNothingStored(before);
  });

  it("400 when the body is not JSON", async () => {
    const c = await makeClient(["idmef:w"]);
    const before = await counts();
    const res = await send(c, "POST", "/v1/messages", { body: '{"version": "1.0", "alert": ' });
    expect(res.status).toBe(400);
    expect((await problem(res)).detail).toMatch(/not JSON/);
    await expectNothingStored(before);
  });

  it("400 when the body is not UTF-8", async () => {
    const c = await makeClient(["idmef:w"]);
    const before = await counts();
    const res = await send(c, "POST", "/v1/messages", { body: new Uint8Array([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]) });
    expect(res.status).toBe(400);
    expect((await problem(res)).detail).toContain("UTF-8");
    await expectNothingStored(before);
  });

  it("400 when the body is JSON but not an IDMEF message", async () => {
    const c = await makeClient(["idmef:w"]);
    const before = await counts();
    const res = await postMessages(c, { hello: "world" });
    expect(res.status).toBe(400);
    expect((await problem(res)).detail).toMatch(/alert.*heartbeat/);
    expect((await postMessages(c, 42)).status).toBe(400);
    expect((await postMessages(c, "alert")).status).toBe(400);
    await expectNothingStored(before);
  });

  it("400 for a lone message that fails the schema, with the path in the detail", async () => {
    const c = await makeClient(["idmef:w"]);
    const before = await counts();
    const bad = alert(c.analyzerId!, 1, { severity: "catastrophic" });
    const res = await postMessages(c, bad);
    expect(res.status).toBe(400);
    expect((await problem(res)).detail).toContain("$.alert.assessment.impact.severity");
    await expectNothingStored(before);
  });

  it("415 for a body that is not declared JSON", async () => {
    const c = await makeClient(["idmef:w"]);
    const before = await counts();
    const res = await send(c, "POST", "/v1/messages", { body: JSON.stringify(alert(c.analyzerId!)), contentType: "text/plain" });
    expect(res.status).toBe(415);
    await expectNothingStored(before);
  });

  it("413 for a body over 5 MB", async () => {
    const c = await makeClient(["idmef:w"]);
    const before = await counts();
    const big = alert(c.analyzerId!, 1);
    (big.alert.additional_data as unknown[]).push({ meaning: "pad", type: "string", data: "x".repeat(5 * 1024 * 1024) });
    const res = await postMessages(c, [big]);
    expect(res.status).toBe(413);
    expect((await problem(res)).detail).toContain("limit");
    await expectNothingStored(before);
  });

  it("413 for more than 1000 messages", async () => {
    const c = await makeClient(["idmef:w"]);
    const before = await counts();
    const res = await postMessages(c, Array.from({ length: 1001 }, (_, i) => alert(c.analyzerId!, i)));
    expect(res.status).toBe(413);
    expect((await problem(res)).detail).toContain("1001");
    await expectNothingStored(before);
  });

  it("lists invalid messages by index and stores the valid ones of the same batch", async () => {
    const c = await makeClient(["idmef:w"]);
    const before = await counts();
    const good = alert(c.analyzerId!, 1);
    const badSeverity = alert(c.analyzerId!, 2, { severity: "urgent" });
    const res = await postMessages(c, [good, badSeverity, { version: "1.0" }, "junk"]);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accepted: number; rejected: Array<{ index: number; messageid: string | null; error: string }> };
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r) => r.index)).toEqual([1, 2, 3]);
    expect(body.rejected[0].messageid).toBe(badSeverity.alert.messageid);
    expect(body.rejected[0].error).toContain("severity");
    expect((await counts()).alerts - before.alerts).toBe(1);
  });

  it("stores nothing when every message of a batch is invalid", async () => {
    const c = await makeClient(["idmef:w"]);
    const before = await counts();
    const res = await postMessages(c, [{ version: "1.0", alert: {} }, { version: "2.0", heartbeat: {} }]);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { rejected: unknown[] }).rejected).toHaveLength(2);
    await expectNothingStored(before);
  });

  it("accepts a lone message object and keeps it byte-for-byte as sent", async () => {
    const c = await makeClient(["idmef:w"]);
    const m = alert(c.analyzerId!, 7);
    expect(await (await postMessages(c, m)).json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const row = await env.DB.prepare("SELECT message FROM alerts WHERE analyzerid = ? AND messageid = ?").bind(c.analyzerId, m.alert.messageid).first<{ message: string }>();
    expect(JSON.parse(row!.message)).toEqual(m);
  });
});

describe("heartbeats", () => {
  it("a late re-send of an older heartbeat does not overwrite a newer status", async () => {
    const c = await makeClient(["idmef:w"]);
    const t = Date.now();
    const old = heartbeat(c.analyzerId!, "running", t - 60_000);
    const exiting = heartbeat(c.analyzerId!, "exiting", t - 1000);
    expect((await postMessages(c, [exiting])).status).toBe(200);
    expect(await (await postMessages(c, [old])).json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const a = await env.DB.prepare("SELECT status, last_heartbeat_messageid, heartbeats_received FROM analyzers WHERE analyzerid = ?")
      .bind(c.analyzerId)
      .first();
    expect(a).toEqual({ status: "exiting", last_heartbeat_messageid: exiting.heartbeat.messageid, heartbeats_received: 2 });
  });

  it("a duplicate heartbeat is counted as a duplicate and changes nothing", async () => {
    const c = await makeClient(["idmef:w"]);
    const hb = heartbeat(c.analyzerId!, "running", Date.now());
    await postMessages(c, [hb]);
    const before = await counts();
    expect(await (await postMessages(c, [hb, hb])).json()).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    await expectNothingStored(before);
  });

  it("alerts and heartbeats in one batch", async () => {
    const c = await makeClient(["idmef:w"]);
    const res = await postMessages(c, [heartbeat(c.analyzerId!, "starting", Date.now()), alert(c.analyzerId!, 1), alert(c.analyzerId!, 2)]);
    expect(await res.json()).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    const a = await env.DB.prepare("SELECT status, alerts_received, heartbeats_received FROM analyzers WHERE analyzerid = ?").bind(c.analyzerId).first();
    expect(a).toEqual({ status: "starting", alerts_received: 2, heartbeats_received: 1 });
  });
});

describe("D1 limits", () => {
  it("splits a large batch into several bulk statements (each bound JSON under 2 MB) and stores every message", async () => {
    const c = await makeClient(["idmef:w"]);
    const batch = Array.from({ length: 1000 }, (_, i) => {
      const m = alert(c.analyzerId!, i);
      (m.alert.additional_data as unknown[]).push({ meaning: "raw", type: "string", data: `${i} `.padEnd(3000, "x") });
      return m;
    });
    const body = JSON.stringify(batch);
    expect(body.length).toBeGreaterThan(3_000_000);
    const before = await counts();
    const res = await postMessages(c, batch);
    expect(await res.json()).toEqual({ accepted: 1000, duplicates: 0, rejected: [] });
    expect((await counts()).alerts - before.alerts).toBe(1000);
    const a = await env.DB.prepare("SELECT alerts_received FROM analyzers WHERE analyzerid = ?").bind(c.analyzerId).first();
    expect(a?.alerts_received).toBe(1000);
  });

  it("rejects a single message too large for a D1 row (and for MAX_MESSAGE_BYTES), stores the rest", async () => {
    const c = await makeClient(["idmef:w"]);
    const huge = alert(c.analyzerId!, 1);
    (huge.alert.additional_data as unknown[]).push({ meaning: "raw", type: "string", data: "é".repeat(600_000) });
    const res = await postMessages(c, [alert(c.analyzerId!, 0), huge]);
    const body = (await res.json()) as { accepted: number; rejected: Array<{ index: number; error: string }> };
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([{ index: 1, messageid: huge.alert.messageid, error: expect.stringContaining("bytes; the limit is 65536") }]);
  });
});
