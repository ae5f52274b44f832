/**
 * Heartbeat roll-up (migration 0010): per analyzer and hour, the same counts GET
 * /v1/analyzers/{id}/heartbeats derives heartbeat by heartbeat; idempotent when a run is retried;
 * late heartbeats recompute their hour; retention deletes raw heartbeats (and their stream
 * entries) but the roll-up stays and is served by .../heartbeats/hourly.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { runHealthCron } from "../../worker/src/health/cron.ts";
import { rollupCutoff, runHeartbeatRollup, ROLLUP_WATERMARK } from "../../worker/src/rollup/heartbeats.ts";
import { heartbeatEvents } from "../../worker/src/store/fleet.ts";
import { STREAM_NEW_HEARTBEATS_SQL } from "../../worker/src/stream/log.ts";
import { makeClient, send, uniq } from "./helpers.ts";
import { DAY, makeAlert, noBudgetLimit, seedAlerts } from "./archive-helpers.ts";
import { drain } from "./stream-helpers.ts";

const HOUR = 3_600_000;
const MARGIN = 60_000;
const NOW = Date.UTC(2032, 0, 10, 0, 30);

interface Hb {
  analyzerid: string;
  messageid: string;
  create_time: number;
  received_at: number;
  status: string | null;
  heartbeat_interval: number | null;
}

async function seedHeartbeats(rows: Hb[]): Promise<void> {
  const insert = env.DB.prepare(`INSERT OR IGNORE INTO heartbeats (analyzerid, messageid, create_time, received_at, status, heartbeat_interval, message)
    SELECT r.value ->> 0, r.value ->> 1, r.value ->> 2, r.value ->> 3, r.value ->> 4, r.value ->> 5, r.value ->> 6 FROM json_each(?1) AS r`);
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500).map((h) => [h.analyzerid, h.messageid, h.create_time, h.received_at, h.status, h.heartbeat_interval,
      JSON.stringify({ version: "1.0", heartbeat: { messageid: h.messageid, analyzer: { analyzerid: h.analyzerid }, create_time: new Date(h.create_time).toISOString() } })]);
    await env.DB.batch([insert.bind(JSON.stringify(chunk)), env.DB.prepare(STREAM_NEW_HEARTBEATS_SQL)]);
  }
}

/** Three hours of one analyzer's life: starts, a gap, an unexpected restart, a clean stop and restart, fast beats. */
function lifeOf(analyzerid: string, start: number): Hb[] {
  const out: Hb[] = [];
  let t = start + 5_000;
  const beat = (status: string, interval = 60) => {
    out.push({ analyzerid, messageid: uniq("hb"), create_time: t, received_at: t + 400, status, heartbeat_interval: interval });
  };
  beat("starting");
  for (let i = 0; i < 40; i++) (t += 60_000), beat("running");
  t += 15 * 60_000; // a 15-minute silence
  beat("running");
  for (let i = 0; i < 20; i++) (t += 60_000), beat("running");
  t += 30_000;
  beat("starting"); // no stop before it: unexpected restart
  for (let i = 0; i < 30; i++) (t += 60_000), beat("running");
  for (let i = 0; i < 5; i++) (t += 10_000), beat("running"); // under half the interval
  t += 60_000;
  beat("exiting");
  t += 20 * 60_000;
  beat("starting"); // after a clean stop: a start, not a gap
  for (let i = 0; i < 25; i++) (t += 60_000), beat("running");
  t += 60_000;
  beat("failed");
  return out;
}

/** What the per-heartbeat history says, counted per hour. */
function expectedHours(rows: Hb[]) {
  const sorted = [...rows].sort((a, b) => a.create_time - b.create_time);
  const events = heartbeatEvents(sorted, MARGIN);
  const hours = new Map<number, Record<string, number | null>>();
  sorted.forEach((r, i) => {
    const hour = Math.floor(r.create_time / HOUR) * HOUR;
    const h = hours.get(hour) ?? { heartbeats: 0, starts: 0, restarts: 0, clean_stops: 0, failures: 0, gaps: 0, abnormal_intervals: 0, longest_gap_ms: null };
    h.heartbeats!++;
    for (const e of events[i]) {
      const col = ({ start: "starts", unexpected_restart: "restarts", clean_stop: "clean_stops", failed: "failures", gap: "gaps", abnormal_interval: "abnormal_intervals" } as const)[e];
      h[col]!++;
      if (e === "gap") h.longest_gap_ms = Math.max(h.longest_gap_ms ?? 0, r.create_time - sorted[i - 1].create_time);
    }
    hours.set(hour, h);
  });
  return [...hours].sort((a, b) => a[0] - b[0]).map(([hour, h]): Record<string, number | null> => ({ hour, ...h }));
}

async function rolled(analyzerid: string) {
  return (await env.DB.prepare(`SELECT hour, heartbeats, starts, restarts, clean_stops, failures, gaps, abnormal_intervals, longest_gap_ms
    FROM heartbeat_rollup_hourly WHERE analyzerid = ? ORDER BY hour`).bind(analyzerid).all()).results;
}

describe("heartbeat roll-up", () => {
  it("counts per hour what the per-heartbeat history shows; a retried run counts nothing twice; late heartbeats recompute their hour", async () => {
    const an = uniq("roll");
    const start = Date.UTC(2031, 10, 1, 10); // before the second test's data (one database per file)
    const life = lifeOf(an, start);
    await seedHeartbeats(life);
    const now = start + 6 * HOUR;
    const first = await runHeartbeatRollup(env.DB, now, MARGIN, 0, noBudgetLimit);
    expect(first.through).toBe(rollupCutoff(now));
    const want = expectedHours(life);
    expect(want.length).toBeGreaterThanOrEqual(3);
    expect(want.reduce((n, h) => n + (h.gaps as number), 0)).toBeGreaterThan(0);
    expect(await rolled(an)).toEqual(want);

    // A retried run (the watermark set back, as if its commit had been lost) recomputes the same values.
    await env.DB.prepare("UPDATE archive_state SET value = ? WHERE name = ?").bind(start, ROLLUP_WATERMARK).run();
    await runHeartbeatRollup(env.DB, now, MARGIN, 0, noBudgetLimit);
    expect(await rolled(an)).toEqual(want);
    // Nothing new: nothing changes.
    expect((await runHeartbeatRollup(env.DB, now + 1, MARGIN, 0, noBudgetLimit)).steps).toBe(0);

    // A spooled heartbeat of the first hour, delivered two hours later.
    const late: Hb = { analyzerid: an, messageid: uniq("late"), create_time: start + 50 * 60_000 + 1, received_at: now + 10 * 60_000, status: "running", heartbeat_interval: 60 };
    await seedHeartbeats([late]);
    await runHeartbeatRollup(env.DB, now + 2 * HOUR, MARGIN, 0, noBudgetLimit);
    expect(await rolled(an)).toEqual(expectedHours([...life, late]));
  });

  it("retention deletes raw heartbeats and their stream entries; the roll-up stays and is served hourly", async () => {
    const an = uniq("old");
    const start = NOW - 40 * DAY;
    const life = lifeOf(an, start);
    await seedHeartbeats(life);
    const alertAn = uniq("alerts");
    await seedAlerts([makeAlert(alertAn, "a-old", start + 1000, 1), makeAlert(alertAn, "a-new", NOW - DAY, 2)]);
    const reader = await makeClient(["idmef:r"]);
    const beforeStream = await drain(reader, "", "&types=heartbeat");
    expect(beforeStream.entries.filter((e) => e.analyzerid === an)).toHaveLength(life.length);

    const r = await runHealthCron(env, NOW, { maintenanceBudget: noBudgetLimit, history: { budget: noBudgetLimit } });
    expect(r.heartbeatRollup!.through).toBe(rollupCutoff(NOW));
    expect(r.heartbeatsPruned).toBeGreaterThanOrEqual(life.length);
    expect(r.history!.streamHeartbeatsPruned).toBeGreaterThanOrEqual(life.length);
    const raw = await env.DB.prepare("SELECT count(*) AS n FROM heartbeats WHERE analyzerid = ?").bind(an).first<{ n: number }>();
    expect(raw!.n).toBe(0);
    const entries = await env.DB.prepare("SELECT kind, count(*) AS n FROM stream_log WHERE analyzerid IN (?, ?) GROUP BY kind ORDER BY kind").bind(an, alertAn).all();
    // The alert entries stay (the old alert is archived, and streamed from R2); no heartbeat entry is left pointing at nothing.
    expect(entries.results).toEqual([{ kind: "alert", n: 2 }]);
    const after = await drain(reader, "", "&types=heartbeat,alert");
    expect(after.entries.filter((e) => e.analyzerid === an)).toHaveLength(0);
    expect(after.entries.filter((e) => e.analyzerid === alertAn).map((e) => e.messageid)).toEqual(["a-old", "a-new"]);

    const res = await send(reader, "GET", `/v1/analyzers/${an}/heartbeats/hourly?limit=2`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as { hours: Array<{ hour: string; heartbeats: number }>; next: number | null };
    const want = expectedHours(life).reverse();
    expect(page.hours.map((h) => h.hour)).toEqual(want.slice(0, 2).map((h) => new Date(h.hour!).toISOString()));
    expect(page.hours[0]).toMatchObject({ ...want[0], hour: new Date(want[0].hour!).toISOString() });
    const rest = (await (await send(reader, "GET", `/v1/analyzers/${an}/heartbeats/hourly?before=${page.next}`)).json()) as { hours: unknown[]; next: null };
    expect(rest.hours).toHaveLength(want.length - 2);
    expect(rest.next).toBeNull();
    // Raw history is gone, as retention says.
    const rawPage = (await (await send(reader, "GET", `/v1/analyzers/${an}/heartbeats`)).json()) as { heartbeats: unknown[] };
    expect(rawPage.heartbeats).toHaveLength(0);
  });
});
