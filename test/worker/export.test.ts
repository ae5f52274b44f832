/**
 * 100,000 alerts over 60 days: after the cron, D1 holds the last 30 days and R2 the rest, and an
 * export of the 60 days gives back exactly the original set (same ids, same bytes) in order; the
 * archive listing and object download; a stream consumer following while the archive moves rows.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { gunzip, hourOf, parseLines } from "../../worker/src/archive/format.ts";
import { runHealthCron } from "../../worker/src/health/cron.ts";
import { makeClient, send, uniq, type TestClient } from "./helpers.ts";
import { DAY, makeAlert, noBudgetLimit, registered, seedAlerts, type Seeded } from "./archive-helpers.ts";
import { encodeBookmark } from "../../worker/src/stream/bookmark.ts";
import { streamPage } from "./stream-helpers.ts";

const NOW = Date.UTC(2027, 2, 1, 0, 30);
const N = 100_000;

interface ExportedAlert {
  analyzerid: string;
  messageid: string;
  detect_time: string;
  message: string;
}

async function exportAll(reader: TestClient, since: number, until: number, analyzerid?: string): Promise<ExportedAlert[]> {
  const out: ExportedAlert[] = [];
  let cursor: string | null = null;
  do {
    const q = new URLSearchParams({ since: String(since), until: String(until), limit: "5000" });
    if (cursor) q.set("cursor", cursor);
    if (analyzerid) q.set("analyzerid", analyzerid);
    const res = await send(reader, "GET", `/v1/export?${q}`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as { alerts: ExportedAlert[]; cursor: string | null };
    out.push(...page.alerts);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

const cmp = (a: { detect_time: number; analyzerid: string; messageid: string }, b: typeof a) =>
  a.detect_time - b.detect_time || (a.analyzerid < b.analyzerid ? -1 : a.analyzerid > b.analyzerid ? 1 : a.messageid < b.messageid ? -1 : a.messageid > b.messageid ? 1 : 0);

describe("history at scale", () => {
  it("100,000 alerts over 60 days: D1 keeps 30 days, R2 the rest, export returns exactly the original set in order", async () => {
    const analyzers = Array.from({ length: 50 }, () => uniq("host"));
    let x = 7;
    const rnd = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const since = NOW - 60 * DAY;
    const seeded: Seeded[] = Array.from({ length: N }, (_, i) => makeAlert(analyzers[i % 50], `m-${i}`, since + Math.floor(rnd() * 60 * DAY), i));
    await seedAlerts(seeded);
    const reader = await makeClient(["idmef:r"]);

    let runs = 0;
    const t0 = Date.now();
    for (;;) {
      const r = await runHealthCron(env, NOW, { history: { budget: noBudgetLimit } });
      runs++;
      expect(r.history).not.toBeNull();
      if (!r.history!.backlog) break;
    }
    const archiveMs = Date.now() - t0;
    const boundary = hourOf(NOW - 30 * DAY);
    const hot = await env.DB.prepare("SELECT count(*) AS n, min(detect_time) AS t FROM alerts WHERE analyzerid IN (SELECT value FROM json_each(?))")
      .bind(JSON.stringify(analyzers)).first<{ n: number; t: number }>();
    const objects = await registered();
    const archived = objects.reduce((n, o) => n + o.alerts, 0);
    expect(hot!.t).toBeGreaterThanOrEqual(boundary);
    expect(hot!.n).toBe(seeded.filter((a) => a.detect_time >= boundary).length);
    expect(archived).toBe(seeded.filter((a) => a.detect_time < boundary).length);
    for (const o of objects) expect(o.bytes).toBeLessThanOrEqual(8 * 1024 * 1024);

    const t1 = Date.now();
    const exported = await exportAll(reader, since, NOW + 1);
    const exportMs = Date.now() - t1;
    console.log(`100k alerts: archived ${archived} in ${objects.length} objects over ${runs} cron runs, ${archiveMs} ms; export ${exported.length} in ${exportMs} ms`);
    expect(exported.length).toBe(N);
    const expected = [...seeded].sort(cmp);
    for (let i = 0; i < N; i++) {
      const e = exported[i];
      const s = expected[i];
      if (e.messageid !== s.messageid || e.analyzerid !== s.analyzerid || e.message !== s.message) {
        throw new Error(`export position ${i}: got ${e.analyzerid}/${e.messageid}, expected ${s.analyzerid}/${s.messageid} (or bytes differ)`);
      }
    }
    // By analyzer: only its alerts, same order.
    const one = await exportAll(reader, since, NOW + 1, analyzers[3]);
    expect(one.map((a) => a.messageid)).toEqual(expected.filter((a) => a.analyzerid === analyzers[3]).map((a) => a.messageid));

    // The listing and one object through the API, as stored.
    const list = await send(reader, "GET", `/v1/archive?since=${since}&until=${since + DAY}&analyzerid=${analyzers[0]}`);
    const { objects: listed } = (await list.json()) as { objects: Array<{ key: string; alerts: number; sha256: string }> };
    expect(listed.length).toBeGreaterThan(0);
    const got = await send(reader, "GET", `/v1/archive/${listed[0].key}`);
    expect(got.status).toBe(200);
    expect(parseLines(await gunzip(got.body!)).length).toBe(listed[0].alerts);
    expect((await send(reader, "GET", "/v1/archive/alerts/2020/01/01/00/p0000-0000000000000000.ndjson.gz")).status).toBe(404);
    expect((await send(reader, "GET", "/v1/export?since=5&until=1")).status).toBe(400);
  }, 600_000);

  it("a consumer following the stream while the archive job moves rows receives every alert exactly once", async () => {
    const reader = await makeClient(["idmef:r"]);
    // From the current end of the log (draining 100,000 entries first would only cost time).
    let bookmark = encodeBookmark((await env.DB.prepare("SELECT max(seq) AS s FROM stream_log").first<{ s: number }>())!.s);
    const an = uniq("moving");
    const mine = Array.from({ length: 1500 }, (_, i) => makeAlert(an, uniq("mv"), NOW - 35 * DAY - i * 600_000, i));
    await seedAlerts(mine);
    const got: string[] = [];
    let more = true;
    while (more) {
      // One archive object per step, between the consumer's small pages.
      await runHealthCron(env, NOW + 60 * DAY, { history: { budget: noBudgetLimit, job: { maxObjects: 1 } } });
      const page = await streamPage(reader, bookmark, "&types=alert&limit=50");
      got.push(...page.messages.filter((m) => m.analyzerid === an).map((m) => m.messageid));
      bookmark = page.bookmark;
      more = page.more;
    }
    expect(got.length).toBe(mine.length);
    expect(new Set(got).size).toBe(mine.length);
  }, 600_000);
});
