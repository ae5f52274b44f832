/** The API the console stands on: counts by field, severity histogram, triage (single, bulk on a
 *  filter, who and when, append-only history), analyzer pages and heartbeat history. */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { alert, heartbeat, makeClient, postMessages, send, type TestClient } from "./helpers.ts";

let writer: TestClient;
let reader: TestClient;
let operator: TestClient;
const sent: ReturnType<typeof alert>[] = [];

beforeAll(async () => {
  writer = await makeClient(["idmef:w"]);
  reader = await makeClient(["idmef:r"], { analyzerId: null });
  operator = await makeClient(["idmef:r", "admin:w"], { analyzerId: null });
  const severities = ["info", "low", "medium", "high"];
  for (let i = 0; i < 24; i++) {
    sent.push(alert(writer.analyzerId!, i, { severity: severities[i % 4], classification: i % 3 ? "Failed login" : "Kernel module loaded" }));
  }
  expect((await postMessages(writer, sent)).status).toBe(200);
});

const getJson = async <T>(who: TestClient, path: string) => {
  const res = await send(who, "GET", path);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
};
const qs = (p: Record<string, string>) => new URLSearchParams({ analyzerid: writer.analyzerId!, ...p });
const triage = (who: TestClient, body: unknown) => send(who, "POST", "/v1/triage", { body: JSON.stringify(body) });

describe("GET /v1/alerts/counts", () => {
  it("counts per field value, largest first, with the filter's total", async () => {
    const r = await getJson<{ total: number; groups: Array<{ value: string; count: number }> }>(reader, `/v1/alerts/counts?${qs({ field: "classification" })}`);
    expect(r.total).toBe(24);
    expect(r.groups).toEqual([
      { value: "Failed login", count: 16 },
      { value: "Kernel module loaded", count: 8 },
    ]);
    const sev = await getJson<{ groups: Array<{ value: string; count: number }> }>(reader, `/v1/alerts/counts?${qs({ field: "severity", classification: "Kernel module loaded" })}`);
    expect(sev.groups.reduce((n, g) => n + g.count, 0)).toBe(8);
  });

  it("refuses an unknown field (no column name from the request reaches SQL)", async () => {
    const res = await send(reader, "GET", `/v1/alerts/counts?${qs({ field: "message" })}`);
    expect(res.status).toBe(400);
  });
});

describe("GET /v1/alerts/histogram", () => {
  it("stacks severities per bucket, every bucket present", async () => {
    const since = String(Date.UTC(2026, 10, 20, 12, 0, 0));
    const until = String(Date.UTC(2026, 10, 20, 12, 5, 0));
    const r = await getJson<{ bucket_ms: number; buckets: Array<Record<string, number>> }>(reader, `/v1/alerts/histogram?${qs({ since, until, bucket_ms: "60000" })}`);
    expect(r.bucket_ms).toBe(60_000);
    expect(r.buckets).toHaveLength(5);
    expect(r.buckets[0]).toEqual({ start: Number(since), info: 6, low: 6, medium: 6, high: 6, unknown: 0 });
    expect(r.buckets[1].high).toBe(0);
  });

  it("needs a range", async () => {
    expect((await send(reader, "GET", `/v1/alerts/histogram?${qs({})}`)).status).toBe(400);
  });
});

describe("POST /v1/triage", () => {
  const key = (i: number) => ({ analyzerid: writer.analyzerId!, messageid: sent[i].alert.messageid as string });

  it("needs admin:w: neither a reader nor the agent's idmef:w key may triage", async () => {
    expect((await triage(reader, { status: "acknowledged", alerts: [key(0)] })).status).toBe(403);
    expect((await triage(writer, { status: "acknowledged", alerts: [key(0)] })).status).toBe(403);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM triage_history").first<{ n: number }>())!.n).toBe(0);
  });

  it("records who and when, keeps every change, and the status filter hides what is done", async () => {
    let res = await triage(operator, { status: "acknowledged", alerts: [key(0), key(1), { analyzerid: "nope", messageid: "nope" }] });
    expect(await res.json()).toEqual({ changed: 2 });
    res = await triage(operator, { status: "closed", reason: "false_positive", note: "scanner <b>", alerts: [key(0)] });
    expect(await res.json()).toEqual({ changed: 1 });
    const h = await getJson<{ history: Array<Record<string, unknown>> }>(reader, `/v1/alerts/${key(0).analyzerid}/${key(0).messageid}/triage`);
    expect(h.history.map((e) => [e.status, e.reason, e.note, e.actor])).toEqual([
      ["acknowledged", null, null, `client:${operator.id}`],
      ["closed", "false_positive", "scanner <b>", `client:${operator.id}`],
    ]);
    const open = await getJson<{ alerts: unknown[] }>(reader, `/v1/alerts?${qs({ triage: "open", limit: "1000" })}`);
    expect(open.alerts).toHaveLength(22);
    const closedCount = await getJson<{ groups: Array<{ value: string; count: number }> }>(reader, `/v1/alerts/counts?${qs({ field: "triage" })}`);
    expect(closedCount.groups).toEqual([
      { value: "open", count: 22 },
      { value: "acknowledged", count: 1 },
      { value: "closed", count: 1 },
    ]);
  });

  it("closing needs a reason; a bulk change applies to the whole filter", async () => {
    expect((await triage(operator, { status: "closed", alerts: [key(2)] })).status).toBe(400);
    const res = await triage(operator, { status: "acknowledged", filter: { analyzerid: writer.analyzerId!, classification: "Kernel module loaded", triage: "open" } });
    expect(await res.json()).toEqual({ changed: 7 }); // 8 of that class, key(0) already closed
    const ack = await getJson<{ alerts: unknown[] }>(reader, `/v1/alerts?${qs({ triage: "acknowledged", limit: "1000" })}`);
    expect(ack.alerts).toHaveLength(8);
  });
});

describe("analyzers: pages and heartbeat history", () => {
  it("pages analyzers by id", async () => {
    const a = await makeClient(["idmef:w"], { analyzerId: "zz-page-1" });
    const b = await makeClient(["idmef:w"], { analyzerId: "zz-page-2" });
    await postMessages(a, [heartbeat("zz-page-1", "running", Date.now())]);
    await postMessages(b, [heartbeat("zz-page-2", "running", Date.now())]);
    const p1 = await getJson<{ analyzers: Array<{ analyzerid: string }>; next: string }>(reader, "/v1/analyzers?limit=1&after=zz-page-0");
    expect(p1.analyzers.map((x) => x.analyzerid)).toEqual(["zz-page-1"]);
    expect(p1.next).toBe("zz-page-1");
    const p2 = await getJson<{ analyzers: Array<{ analyzerid: string }>; next: string | null }>(reader, `/v1/analyzers?limit=5&after=${p1.next}`);
    expect(p2.analyzers.map((x) => x.analyzerid)).toEqual(["zz-page-2"]);
    expect(p2.next).toBeNull();
  });

  it("marks starts, clean stops, unexpected restarts and gaps", async () => {
    const t0 = Date.now() - 10 * 3_600_000;
    const m = 60_000;
    const beats = [
      heartbeat(writer.analyzerId!, "starting", t0),
      heartbeat(writer.analyzerId!, "running", t0 + 10 * m),
      heartbeat(writer.analyzerId!, "exiting", t0 + 15 * m),
      heartbeat(writer.analyzerId!, "starting", t0 + 60 * m),
      heartbeat(writer.analyzerId!, "running", t0 + 70 * m),
      heartbeat(writer.analyzerId!, "running", t0 + 120 * m), // 50 min after a 10-min interval: gap
      heartbeat(writer.analyzerId!, "starting", t0 + 121 * m), // no exiting before: unexpected
    ];
    expect((await postMessages(writer, beats)).status).toBe(200);
    const r = await getJson<{ heartbeats: Array<{ status: string; events: string[] }> }>(reader, `/v1/analyzers/${writer.analyzerId}/heartbeats?limit=100`);
    expect(r.heartbeats.map((h) => [h.status, h.events])).toEqual([
      ["starting", ["unexpected_restart"]],
      ["running", ["gap"]],
      ["running", []],
      ["starting", ["start"]],
      ["exiting", ["clean_stop"]],
      ["running", []],
      ["starting", ["start"]],
    ]);
    const page = await getJson<{ heartbeats: unknown[]; next: number }>(reader, `/v1/analyzers/${writer.analyzerId}/heartbeats?limit=2`);
    expect(page.heartbeats).toHaveLength(2);
    const rest = await getJson<{ heartbeats: Array<{ events: string[] }> }>(reader, `/v1/analyzers/${writer.analyzerId}/heartbeats?limit=100&before=${page.next}`);
    expect(rest.heartbeats).toHaveLength(5);
    expect(rest.heartbeats[0].events).toEqual([]);
  });
});
