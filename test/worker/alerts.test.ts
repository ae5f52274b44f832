import { beforeAll, describe, expect, it } from "vitest";
import { alert, counts, expectNothingStored, makeClient, postMessages, problem, send, type TestClient } from "./helpers.ts";

type Page = { alerts: Array<Record<string, unknown> & { messageid: string; message: unknown }>; cursor: string | null };

let writer: TestClient;
let reader: TestClient;
const sent: ReturnType<typeof alert>[] = [];

beforeAll(async () => {
  writer = await makeClient(["idmef:w"]);
  reader = await makeClient(["idmef:r"], { analyzerId: null });
  const severities = ["info", "low", "medium", "high"];
  for (let i = 0; i < 40; i++) {
    sent.push(alert(writer.analyzerId!, i, { severity: severities[i % 4], classification: i % 2 ? "Failed login" : "Kernel module loaded" }));
  }
  expect((await postMessages(writer, sent)).status).toBe(200);
});

const get = async (path: string) => {
  const res = await send(reader, "GET", path);
  return { res, body: res.status === 200 ? ((await res.json()) as Page) : null };
};
const q = (params: Record<string, string>) => `/v1/alerts?${new URLSearchParams({ analyzerid: writer.analyzerId!, ...params })}`;

describe("GET /v1/alerts", () => {
  it("returns the stored alerts with their summary columns and the message", async () => {
    const { body } = await get(q({ limit: "1000" }));
    expect(body!.alerts).toHaveLength(40);
    expect(body!.cursor).toBeNull();
    const a = body!.alerts.find((x) => x.messageid === sent[3].alert.messageid)!;
    expect(a).toMatchObject({
      analyzerid: writer.analyzerId,
      classification: "Failed login",
      severity: "high",
      completion: "failed",
      source_node: "203.0.113.7",
      target_node: "host-a",
      target_user: "root",
      target_process: "/usr/sbin/sshd",
      target_file: "/etc/shadow",
      detect_time: "2026-11-20T12:00:03.000Z",
    });
    expect(a.message).toEqual(sent[3]);
  });

  it("filters by classification, severity (list) and completion", async () => {
    expect((await get(q({ classification: "Failed login" }))).body!.alerts).toHaveLength(20);
    const { body } = await get(q({ severity: "high,medium" }));
    expect(body!.alerts).toHaveLength(20);
    expect(new Set(body!.alerts.map((a) => a.severity))).toEqual(new Set(["high", "medium"]));
    expect((await get(q({ completion: "succeeded" }))).body!.alerts).toHaveLength(0);
    expect((await get(q({ completion: "failed", severity: "info" }))).body!.alerts).toHaveLength(10);
  });

  it("filters by time range (RFC 3339 and epoch ms), since inclusive, until exclusive", async () => {
    const { body } = await get(q({ since: "2026-11-20T12:00:10+00:00", until: "2026-11-20T12:00:20Z" }));
    expect(body!.alerts).toHaveLength(10);
    const ms = String(Date.UTC(2026, 10, 20, 12, 0, 30));
    expect((await get(q({ since: ms }))).body!.alerts).toHaveLength(10);
  });

  it("pages with an opaque cursor, newest first, without gaps or repeats", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { body }: { body: Page | null } = await get(q({ limit: "7", ...(cursor ? { cursor } : {}) }));
      seen.push(...body!.alerts.map((a) => a.messageid));
      cursor = body!.cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(6);
    expect(new Set(seen).size).toBe(40);
    expect(seen).toEqual([...sent].reverse().map((m) => m.alert.messageid));
  });

  it("400 for a limit over 1000, an unknown filter, a bad severity or a forged cursor", async () => {
    const bad: Record<string, string>[] = [{ limit: "1001" }, { limit: "0" }, { colour: "red" }, { severity: "urgent" }, { cursor: "bm90LWEtY3Vyc29y" }, { since: "yesterday" }];
    for (const params of bad) {
      const { res } = await get(q(params));
      expect(res.status, JSON.stringify(params)).toBe(400);
      expect((await problem(res)).detail).toBeTruthy();
    }
  });

  it("treats injection strings in filters as plain values", async () => {
    const before = await counts();
    const attempts = [
      "' OR '1'='1",
      "x'; DROP TABLE alerts; --",
      '" OR 1=1 --',
      "%' UNION SELECT * FROM clients --",
      "Failed login' --",
    ];
    for (const s of attempts) {
      for (const key of ["classification", "analyzerid"]) {
        const { res, body } = await get(`/v1/alerts?${new URLSearchParams({ [key]: s })}`);
        expect(res.status).toBe(200);
        expect(body!.alerts).toHaveLength(0);
      }
      const { res } = await get(q({ severity: s }));
      expect(res.status).toBe(400);
      // A cursor is two integers: one carrying the string is refused, not interpreted.
      const cursor = btoa(JSON.stringify([8e12, s])).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
      expect((await get(q({ cursor, limit: "1000" }))).res.status).toBe(400);
      const page = await get(q({ cursor: btoa(JSON.stringify([8e12, 2 ** 53 - 1])).replace(/=+$/, ""), limit: "1000" }));
      expect(page.res.status).toBe(200);
      expect(page.body!.alerts).toHaveLength(40);
    }
    await expectNothingStored(before);
    expect((await get(q({ limit: "1000" }))).body!.alerts).toHaveLength(40);
  });
});

describe("GET /v1/alerts/:analyzerid/:messageid", () => {
  it("returns the stored IDMEF message", async () => {
    const m = sent[5];
    const res = await send(reader, "GET", `/v1/alerts/${encodeURIComponent(writer.analyzerId!)}/${encodeURIComponent(m.alert.messageid as string)}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(m);
  });

  it("404 problem for an unknown alert", async () => {
    const res = await send(reader, "GET", `/v1/alerts/${writer.analyzerId}/nope`);
    expect(res.status).toBe(404);
    expect((await problem(res)).detail).toContain("nope");
  });
});
