// Time sanity and bounded pages for GET /v1/alerts: a sender's future detect_time is clamped to
// when the alert arrived (the claim is kept and shown), so it cannot pin itself on top of the
// list; and a page stops at ~2 MB of messages as well as at `limit` rows.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { alertRow, chunkRows, INSERT_ALERTS_SQL } from "../../worker/src/store/alert-rows.ts";
import { PAGE_BYTE_BUDGET, searchAlerts } from "../../worker/src/store/queries.ts";
import { alert, makeClient, postMessages, send, uniq, type TestClient } from "./helpers.ts";

type View = { analyzerid: string; messageid: string; detect_time: string; claimed_detect_time?: string; received_at: string; message: unknown };
type Page = { alerts: View[]; cursor: string | null };

let reader: TestClient;
beforeAll(async () => {
  reader = await makeClient(["idmef:r"], { analyzerId: null });
});

const list = async (params: Record<string, string> = {}): Promise<Page> => {
  const res = await send(reader, "GET", `/v1/alerts?${new URLSearchParams(params)}`);
  expect(res.status).toBe(200);
  return res.json();
};

describe("clamped detect_time", () => {
  it("does not put a 9999-dated alert first in the default list, and shows what it claimed", async () => {
    const w = await makeClient(["idmef:w"]);
    const now = new Date().toISOString();
    const honest = [alert(w.analyzerId!, 1), alert(w.analyzerId!, 2)].map((m) => ({ ...m, alert: { ...m.alert, detect_time: now, create_time: now } }));
    const pinned = alert(w.analyzerId!, 3);
    pinned.alert.detect_time = "9999-12-31T23:59:59+00:00";
    const undated = alert(w.analyzerId!, 4); // no detect_time: create_time stands in, clamped as well
    delete (undated.alert as { detect_time?: string }).detect_time;
    undated.alert.create_time = "2999-01-01T00:00:00Z";
    expect((await postMessages(w, [...honest, pinned, undated])).status).toBe(200);
    const honestLater = alert(w.analyzerId!, 5);
    honestLater.alert.detect_time = honestLater.alert.create_time = new Date().toISOString();
    expect((await postMessages(w, [honestLater])).status).toBe(200);

    const first = (await list({ limit: "1" })).alerts[0];
    expect(first.messageid).not.toBe(pinned.alert.messageid);
    expect(first.messageid).toBe(honestLater.alert.messageid);

    const mine = (await list({ analyzerid: w.analyzerId!, limit: "10" })).alerts;
    const p = mine.find((a) => a.messageid === pinned.alert.messageid)!;
    expect(p.detect_time).toBe(p.received_at);
    expect(p.claimed_detect_time).toBe("9999-12-31T23:59:59.000Z");
    expect((p.message as typeof pinned).alert.detect_time).toBe("9999-12-31T23:59:59+00:00");
    const u = mine.find((a) => a.messageid === undated.alert.messageid)!;
    expect(u.detect_time).toBe(u.received_at);
    expect(u.claimed_detect_time).toBe("2999-01-01T00:00:00.000Z");
    // An honest alert carries no claim of its own.
    expect(mine.find((a) => a.messageid === honest[0].alert.messageid)).not.toHaveProperty("claimed_detect_time");
    // Filters use the clamped time: nothing of it is "in the future".
    expect((await list({ analyzerid: w.analyzerId!, since: String(Date.now() + 60_000) })).alerts).toHaveLength(0);
    // The stored message is the one sent.
    const one = await send(reader, "GET", `/v1/alerts/${w.analyzerId}/${encodeURIComponent(pinned.alert.messageid as string)}`);
    expect(await one.json()).toEqual(pinned);
  });

  it("migration 0005 clamps rows stored before it", async () => {
    const id = uniq("legacy");
    await env.DB.prepare(
      `INSERT INTO alerts (analyzerid, messageid, detect_time, create_time, received_at, classification, message)
       VALUES (?, 'm1', 253402300799000, 253402300799000, 1795400000000, 'x', '{}'), (?, 'm2', 1795300000000, 1795300000000, 1795400000000, 'x', '{}')`,
    ).bind(id, id).run();
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0005_"))!;
    const update = migration.queries.find((q) => q.includes("UPDATE alerts SET detect_time"))!;
    expect(update).toBeDefined();
    await env.DB.prepare(update).run();
    const rows = await env.DB.prepare("SELECT messageid, detect_time FROM alerts WHERE analyzerid = ? ORDER BY messageid").bind(id).all();
    expect(rows.results).toEqual([{ messageid: "m1", detect_time: 1795400000000 }, { messageid: "m2", detect_time: 1795300000000 }]);
  });
});

describe("byte-budget pages", () => {
  /** Stored as ingestion stores them, but bypassing the per-message size cap: rows of this size
   *  can exist from before it, and are what a page must not load a hundred of. */
  async function storeBig(analyzerid: string, sizes: number[]): Promise<string[]> {
    const now = Date.now();
    const rows = sizes.map((size, i) => {
      const m = alert(analyzerid, i);
      m.alert.additional_data = [{ meaning: "padding", type: "string", data: "x".repeat(size) } as never];
      m.alert.detect_time = m.alert.create_time = new Date(now - 60_000 + i).toISOString();
      return alertRow(m.alert as never, JSON.stringify(m));
    });
    for (const chunk of chunkRows(rows)) await env.DB.prepare(INSERT_ALERTS_SQL).bind(analyzerid, chunk, now).run();
    return rows.map((r) => r[0]).reverse(); // newest first
  }

  it("stops a page near 2 MB of messages, always with at least one row, and the cursor continues", async () => {
    const id = uniq("big");
    const sizes = [5_000, 700_000, 700_000, 700_000, 1_500_000, 700_000, 10_000, 700_000, 700_000, 3_000];
    const expected = await storeBig(id, sizes);
    const pages: View[][] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list({ analyzerid: id, limit: "1000", ...(cursor ? { cursor } : {}) });
      pages.push(page.alerts);
      cursor = page.cursor;
    } while (cursor && pages.length < 20);
    expect(pages.flat().map((a) => a.messageid)).toEqual(expected);
    for (const p of pages) {
      expect(p.length).toBeGreaterThan(0);
      const bytes = p.reduce((n, a) => n + new TextEncoder().encode(JSON.stringify(a.message)).length, 0);
      if (p.length > 1) expect(bytes).toBeLessThanOrEqual(PAGE_BYTE_BUDGET);
    }
    // 10 rows, ~6.9 MB: more than 3 pages, each a few rows, none of them all 10.
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...pages.map((p) => p.length))).toBeLessThan(sizes.length);
    // The row limit still applies on small rows.
    expect((await list({ analyzerid: id, limit: "1" })).alerts).toHaveLength(1);
  });

  it("returns one row per page when every message is over the budget", async () => {
    const id = uniq("over");
    const expected = await storeBig(id, [2_000, 3_000, 4_000]);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchAlerts(env.DB, { analyzerid: id, limit: 100, cursor, byteBudget: 1_000 });
      expect(page.alerts).toHaveLength(1);
      seen.push(page.alerts[0].messageid);
      cursor = page.cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(expected);
  });
});
