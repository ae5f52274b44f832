/** The hourly counts (0009): written by the ingest batch for exactly the alerts it stores, and the
 *  aggregates read from them give the same answers as the row scan, whatever the range's edges,
 *  archived hours and the Worker's own health alerts. */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { countsContext, HOUR_MS, type CountsContext } from "../../worker/src/store/alert-counts.ts";
import { countBy, severityHistogram, type AggregateFilter } from "../../worker/src/store/aggregate.ts";
import { alert, makeClient, postMessages } from "./helpers.ts";

const BASE = Date.UTC(2026, 10, 20, 0, 0, 0);
const NOW = BASE + 3 * 86_400_000;
let ctx: CountsContext;

function at(a: ReturnType<typeof alert>, t: number, severity?: string | null) {
  const iso = new Date(t).toISOString();
  Object.assign(a.alert, { create_time: iso, detect_time: iso });
  if (severity === null) delete (a.alert as Record<string, unknown>).assessment;
  return a;
}

beforeAll(async () => {
  ctx = countsContext(env, NOW);
  const w1 = await makeClient(["idmef:w"]);
  const w2 = await makeClient(["idmef:w"]);
  const sevs = ["info", "low", "medium", "high", null];
  const batch = (w: typeof w1, n: number, k: number) =>
    Array.from({ length: n }, (_, i) => at(alert(w.analyzerId!, i, { classification: ["Failed login", "Kernel module loaded", "Shell"][(i + k) % 3] }), BASE + ((i * 7919 + k) % 60) * 1_100_000, sevs[(i + k) % 5]));
  const b1 = batch(w1, 120, 0);
  const b2 = batch(w2, 80, 1);
  // A duplicate inside the batch and the whole batch sent again: counted once.
  expect((await postMessages(w1, [...b1, b1[3]])).status).toBe(200);
  expect((await postMessages(w1, b1)).status).toBe(200);
  expect((await postMessages(w2, b2)).status).toBe(200);
  // The health monitor's own alerts are stored outside the ingest batch (health/): not counted.
  await env.DB.prepare(
    `INSERT INTO alerts (analyzerid, messageid, detect_time, create_time, received_at, classification, severity, message)
     VALUES (?1, 'h1', ?2, ?2, ?3, 'Analyzer missing', 'high', '{}'), (?1, 'h2', ?4, ?4, ?3, 'Analyzer missing', 'high', '{}')`,
  ).bind(ctx.healthAnalyzerId, BASE + 5 * HOUR_MS + 123, Date.now() + 1, BASE + 17 * HOUR_MS + 5).run();
});

const sums = async () =>
  env.DB.prepare(`SELECT (SELECT sum(n) FROM alert_counts_hourly) AS counted, (SELECT count(*) FROM alerts WHERE analyzerid <> ?) AS stored`)
    .bind(ctx.healthAnalyzerId)
    .first<{ counted: number; stored: number }>();

const filters: Array<[string, AggregateFilter & { since: number; until: number }]> = [
  ["whole range", { since: BASE - HOUR_MS, until: BASE + 20 * HOUR_MS }],
  ["ragged edges", { since: BASE + 1_234_567, until: BASE + 15 * HOUR_MS + 999 }],
  ["severity", { since: BASE + 1_000, until: BASE + 19 * HOUR_MS, severity: ["high", "low"] }],
  ["classification", { since: BASE, until: BASE + 19 * HOUR_MS + 1, classification: "Shell" }],
  ["analyzer (scan only)", { since: BASE, until: BASE + 19 * HOUR_MS, analyzerid: "nobody" }],
];

describe("alert_counts_hourly", () => {
  it("counts a future-dated alert in the hour of its clamped detect time (its receipt), like the list", async () => {
    const w = await makeClient(["idmef:w"]);
    const future = at(alert(w.analyzerId!, 0, { classification: "From the future" }), Date.UTC(9999, 11, 31));
    expect((await postMessages(w, [future])).status).toBe(200);
    const row = await env.DB.prepare("SELECT detect_time FROM alerts WHERE analyzerid = ?").bind(w.analyzerId).first<{ detect_time: number }>();
    const hours = await env.DB.prepare("SELECT hour FROM alert_counts_hourly WHERE classification = 'From the future'").all<{ hour: number }>();
    expect(hours.results.map((h) => h.hour)).toEqual([Math.floor(row!.detect_time / HOUR_MS) * HOUR_MS]);
    await env.DB.prepare("DELETE FROM alerts WHERE analyzerid = ?").bind(w.analyzerId).run();
    await env.DB.prepare("DELETE FROM alert_counts_hourly WHERE classification = 'From the future'").run();
  });

  it("counts each stored alert once (duplicates and re-sent batches not)", async () => {
    const s = await sums();
    expect(s!.stored).toBe(200);
    expect(s!.counted).toBe(200);
  });

  it.each(filters)("answers like the row scan: %s", async (_name, f) => {
    for (const field of ["severity", "classification", "analyzerid"] as const) {
      expect(await countBy(env.DB, field, f, 100, ctx)).toEqual(await countBy(env.DB, field, f, 100));
    }
    for (const bucket of [HOUR_MS, 3 * HOUR_MS, 86_400_000]) {
      expect(await severityHistogram(env.DB, f, bucket, ctx)).toEqual(await severityHistogram(env.DB, f, bucket));
    }
  });

  it("leaves archived hours to the scan: counts are never decremented", async () => {
    // What the archive does (worker/src/archive/job.ts): register the hour, delete its rows.
    const hour = BASE + 2 * HOUR_MS;
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO archive_objects (key, hour, part, alerts, bytes, raw_bytes, sha256, first_key, last_key, analyzers, created_at)
         VALUES ('t', ?1, 0, 0, 0, 0, '', '[]', '[]', NULL, 0)`,
      ).bind(hour),
      env.DB.prepare("DELETE FROM alerts WHERE detect_time >= ? AND detect_time < ?").bind(BASE, hour + HOUR_MS),
    ]);
    const f = { since: BASE, until: BASE + 20 * HOUR_MS };
    const scan = await countBy(env.DB, "severity", f, 100);
    expect(await countBy(env.DB, "severity", f, 100, ctx)).toEqual(scan);
    expect(scan.total).toBeLessThan(200);
    expect(await severityHistogram(env.DB, f, 3 * HOUR_MS, ctx)).toEqual(await severityHistogram(env.DB, f, 3 * HOUR_MS));
  });
});
