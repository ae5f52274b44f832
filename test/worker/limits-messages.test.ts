/** validate/: per-message size cap, JSON shape guard, the health monitor's reserved analyzer id. */
import { describe, expect, it } from "vitest";
import { scanJsonShape } from "../../worker/src/validate/body.ts";
import { alert, counts, expectNothingStored, heartbeat, makeClient, postMessages, problem, send } from "./helpers.ts";

function padded(analyzerId: string, i: number, bytes: number) {
  const m = alert(analyzerId, i);
  (m.alert.additional_data as unknown[]).push({ meaning: "pad", type: "string", data: "x".repeat(bytes) });
  return m;
}

describe("per-message size cap (MAX_MESSAGE_BYTES, 64 KB)", () => {
  it("rejects a 200 KB message by index and stores the rest of its batch", async () => {
    const c = await makeClient(["idmef:w"]);
    const before = await counts();
    const big = padded(c.analyzerId!, 1, 200 * 1024);
    const res = await postMessages(c, [alert(c.analyzerId!, 0), big, padded(c.analyzerId!, 2, 60 * 1024)]);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accepted: number; rejected: Array<{ index: number; messageid: string; error: string }> };
    expect(body.accepted).toBe(2);
    expect(body.rejected).toEqual([{ index: 1, messageid: big.alert.messageid, error: expect.stringContaining("the limit is 65536") }]);
    expect((await counts()).alerts - before.alerts).toBe(2);
  });

  it("a lone oversized message is listed in rejected too, and nothing is stored", async () => {
    const c = await makeClient(["idmef:w"]);
    const before = await counts();
    const res = await postMessages(c, padded(c.analyzerId!, 1, 200 * 1024));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 0, rejected: [{ index: 0 }] });
    await expectNothingStored(before);
  });

  it("counts UTF-8 bytes, not characters", async () => {
    const c = await makeClient(["idmef:w"]);
    const m = alert(c.analyzerId!, 1);
    (m.alert.additional_data as unknown[]).push({ meaning: "pad", type: "string", data: "€".repeat(22 * 1024) }); // 66 KB as UTF-8
    const res = await postMessages(c, [m]);
    expect(await res.json()).toMatchObject({ accepted: 0, rejected: [{ index: 0 }] });
  });
});

describe("deep or huge JSON answers 400, never 500", () => {
  it("100,000 nested arrays", async () => {
    const c = await makeClient(["idmef:w"]);
    const before = await counts();
    const res = await send(c, "POST", "/v1/messages", { body: "[".repeat(100_000) + "]".repeat(100_000) });
    expect(res.status).toBe(400);
    expect(await problem(res)).toMatchObject({ type: "urn:idmef-edge:problem:json-too-complex" });
    await expectNothingStored(before);
  });

  it("a deep object inside an otherwise valid alert", async () => {
    const c = await makeClient(["idmef:w"]);
    const m = JSON.stringify([alert(c.analyzerId!, 1)]);
    const deep = m.replace('"classification":', `"x":${'{"a":'.repeat(5000)}1${"}".repeat(5000)},"classification":`);
    const res = await send(c, "POST", "/v1/messages", { body: deep });
    expect(res.status).toBe(400);
    expect((await problem(res)).detail).toContain("deeper than 64");
  });

  it("a huge flat array of values", async () => {
    const c = await makeClient(["idmef:w"]);
    const before = await counts();
    const res = await send(c, "POST", "/v1/messages", { body: "[" + "0,".repeat(2_000_000) + "0]" });
    expect(res.status).toBe(400);
    expect((await problem(res)).detail).toMatch(/more than \d+ values/);
    await expectNothingStored(before);
  });

  it("deep JSON on /v1/clients too", async () => {
    const admin = await makeClient(["admin:w"], { analyzerId: null });
    const res = await send(admin, "POST", "/v1/clients", { body: "[".repeat(5000) + "]".repeat(5000) });
    expect(res.status).toBe(400);
  });

  it("the scan counts like jsmn and ignores brackets and quotes inside strings", () => {
    expect(scanJsonShape('{"a":[1,true,null,"x]"],"b":{}}', { maxDepth: 10, maxTokens: 100 })).toEqual({ depth: 2, tokens: 9 });
    expect(scanJsonShape('["a\\"[[[", "\\\\"]', { maxDepth: 1, maxTokens: 100 })).toEqual({ depth: 1, tokens: 3 });
    expect(scanJsonShape("[[[]]]", { maxDepth: 2, maxTokens: 100 })).toEqual({ exceeded: "depth" });
    expect(scanJsonShape("[1,2,3]", { maxDepth: 2, maxTokens: 3 })).toEqual({ exceeded: "tokens" });
  });
});

describe("the health monitor's analyzer id at ingest", () => {
  it("403 for an alert or heartbeat claiming it, even from a client bound to it", async () => {
    const bound = await makeClient(["idmef:w"], { analyzerId: "idmef-edge-health" }); // e.g. registered before the check existed
    const other = await makeClient(["idmef:w"]);
    const before = await counts();
    for (const res of [
      await postMessages(bound, [alert("idmef-edge-health", 1)]),
      await postMessages(bound, [heartbeat("idmef-edge-health", "failed", Date.now())]),
      await postMessages(other, [alert(other.analyzerId!, 1), alert("idmef-edge-health", 2)]),
    ]) {
      expect(res.status).toBe(403);
      expect(await problem(res)).toMatchObject({ type: "urn:idmef-edge:problem:analyzer-reserved" });
    }
    await expectNothingStored(before);
    expect((await postMessages(other, [alert(other.analyzerId!, 3)])).status).toBe(200);
  });
});
