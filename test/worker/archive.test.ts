/** The archive job on local D1 + miniflare R2: moves, verifies, survives a kill, stays bounded. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { HOUR_MS, hourOf, KEY_PATTERN } from "../../worker/src/archive/format.ts";
import { runHistoryMaintenance } from "../../worker/src/archive/index.ts";
import { runHealthCron } from "../../worker/src/health/cron.ts";
import { makeClient, send, uniq } from "./helpers.ts";
import { bucketKeys, DAY, hotAlerts, makeAlert, noBudgetLimit, objectLines, registered, seedAlerts, type Seeded } from "./archive-helpers.ts";
import { drain } from "./stream-helpers.ts";

const NOW = Date.UTC(2026, 10, 29, 12, 30);
const SMALL = 64 * 1024;

function spread(n: number, days: number, analyzers: string[]): Seeded[] {
  // Deterministic pseudo-random detect times over `days` days before NOW.
  let x = 12345;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: n }, (_, i) => makeAlert(analyzers[i % analyzers.length], uniq(`a${i}`), NOW - Math.floor(rnd() * days * DAY), i));
}

async function runUntilDone(opts: Parameters<typeof runHistoryMaintenance>[3] = {}) {
  let runs = 0;
  for (;;) {
    const r = await runHistoryMaintenance(env, NOW, 0, { budget: noBudgetLimit, maxObjectBytes: SMALL, ...opts });
    runs++;
    if (!r.backlog) return runs;
  }
}

/** Every alert of `mine` is either hot (in D1) or in exactly one registered object, with its exact bytes. */
async function expectEachOnce(mine: Seeded[]): Promise<{ hot: number; archived: number }> {
  const ids = new Set(mine.map((a) => `${a.analyzerid}/${a.messageid}`));
  const seen = new Map<string, string>();
  const hot = (await hotAlerts()).filter((a) => ids.has(`${a.analyzerid}/${a.messageid}`));
  for (const a of hot) seen.set(`${a.analyzerid}/${a.messageid}`, a.message);
  let archived = 0;
  for (const o of await registered()) {
    for (const line of await objectLines(o.key)) {
      const id = `${line.analyzerid}/${line.messageid}`;
      if (!ids.has(id)) continue;
      expect(seen.has(id), `${id} twice`).toBe(false);
      seen.set(id, line.message);
      archived++;
    }
  }
  expect(seen.size).toBe(mine.length);
  for (const a of mine) expect(seen.get(`${a.analyzerid}/${a.messageid}`)).toBe(a.message);
  return { hot: hot.length, archived };
}

describe("archive job", () => {
  it("the ARCHIVE binding comes from wrangler.toml", () => {
    expect(env.ARCHIVE).toBeDefined();
  });

  it("moves whole hours older than ALERT_HOT_DAYS to bounded, verified objects; D1 keeps the rest; the stream still has them all", async () => {
    const reader = await makeClient(["idmef:r"]);
    const start = (await drain(reader, "")).bookmark;
    const mine = spread(3000, 45, [uniq("an1"), uniq("an2")]);
    await seedAlerts(mine);
    await runUntilDone();
    const boundary = hourOf(NOW - 30 * DAY);
    const hot = (await hotAlerts()).filter((a) => mine.some((m) => m.messageid === a.messageid));
    expect(hot.every((a) => a.detect_time >= boundary)).toBe(true);
    const counts = await expectEachOnce(mine);
    expect(counts.hot).toBe(mine.filter((a) => a.detect_time >= boundary).length);
    expect(counts.archived).toBe(mine.filter((a) => a.detect_time < boundary).length);
    const objects = await registered();
    expect(objects.length).toBeGreaterThan(10);
    for (const o of objects) {
      expect(o.key).toMatch(KEY_PATTERN);
      expect(o.bytes).toBeLessThanOrEqual(SMALL);
      expect(o.raw_bytes).toBeLessThanOrEqual(SMALL);
      expect((await env.ARCHIVE!.head(o.key))!.size).toBe(o.bytes);
      // Lines are in key order and inside the object's hour.
      const lines = await objectLines(o.key);
      expect(lines.length).toBe(o.alerts);
      for (const l of lines) expect(hourOf(l.detect_time)).toBe(o.hour);
    }
    // No object in R2 that D1 does not know.
    expect(await bucketKeys()).toEqual(objects.map((o) => o.key).sort());
    // The stream spans hot and archived alerts: every one, once.
    const streamed = (await drain(reader, start, "&types=alert")).entries.map((e) => e.messageid);
    expect(streamed.sort()).toEqual(mine.map((a) => a.messageid).sort());
  }, 120_000);

  it("a run killed after the object write and before the D1 delete loses and duplicates nothing when run again", async () => {
    const mine = spread(600, 40, [uniq("kill")]).map((a) => ({ ...a, detect_time: a.detect_time - 20 * DAY }));
    // All older than the hot window; fresh hours so the first object is ours.
    const seeded = mine.map((a, i) => makeAlert(a.analyzerid, a.messageid, a.detect_time, i));
    await seedAlerts(seeded);
    const before = (await registered()).length;
    let writes = 0;
    await expect(
      runHistoryMaintenance(env, NOW, 0, {
        budget: noBudgetLimit,
        maxObjectBytes: SMALL,
        job: { afterWrite: () => { if (++writes === 2) throw new Error("killed"); } },
      }),
    ).rejects.toThrow("killed");
    // One object was written and not registered; its alerts are all still in D1.
    expect((await registered()).length).toBe(before + 1);
    expect((await bucketKeys()).length).toBe(before + 2);
    await runUntilDone();
    await expectEachOnce(seeded);
    const objects = await registered();
    // The rerun rewrote the same key: no stray object, no alert twice.
    expect(await bucketKeys()).toEqual(objects.map((o) => o.key).sort());
  }, 60_000);

  it("a late alert for an archived hour goes into a new part of that hour", async () => {
    const an = uniq("late");
    const hour = hourOf(NOW - 40 * DAY);
    const first = [0, 1, 2].map((i) => makeAlert(an, uniq("l"), hour + i * 60_000, i));
    await seedAlerts(first);
    await runUntilDone();
    const parts = (await registered()).filter((o) => o.hour === hour);
    const late = makeAlert(an, uniq("l"), hour + 30_000, 9);
    await seedAlerts([late]);
    await runUntilDone();
    const after = (await registered()).filter((o) => o.hour === hour);
    expect(after.length).toBe(parts.length + 1);
    expect(after[after.length - 1].part).toBe(parts.length);
    await expectEachOnce([...first, late]);
  });

  it("the cron archives instead of deleting at ALERT_RETENTION_DAYS, and expires archived hours and the stream at ARCHIVE_RETENTION_DAYS", async () => {
    const an = uniq("ret");
    const old = makeAlert(an, uniq("r"), NOW - 120 * DAY, 1); // past the 90-day ALERT_RETENTION_DAYS
    const ancient = makeAlert(an, uniq("r"), NOW - 400 * DAY, 2); // past ARCHIVE_RETENTION_DAYS (365)
    await seedAlerts([{ ...old, received_at: NOW - 1000 }, { ...ancient, received_at: NOW - 370 * DAY }]);
    const reader = await makeClient(["idmef:r"]);
    const report = await runHealthCron(env, NOW, { history: { budget: noBudgetLimit } });
    expect(report.history).not.toBeNull();
    expect(report.alertsPruned).toBe(0);
    expect(report.history!.objectsExpired).toBeGreaterThanOrEqual(1);
    expect(report.history!.streamPruned).toBeGreaterThanOrEqual(1);
    const objs = await registered();
    expect(objs.some((o) => o.hour === hourOf(old.detect_time))).toBe(true);
    expect(objs.some((o) => o.hour < NOW - 365 * DAY)).toBe(false);
    expect((await bucketKeys()).some((k) => k.includes(new Date(ancient.detect_time).toISOString().slice(0, 10).replaceAll("-", "/")))).toBe(false);
    // A consumer starting from the very beginning is told the start is gone.
    const res = await send(reader, "GET", "/v1/stream?after=");
    expect(res.status).toBe(200); // an empty bookmark means "the oldest there is", never 410
    const gone = await send(reader, "GET", "/v1/stream?after=s1.MQ");
    expect(gone.status).toBe(410);
  });

  it("keeps hours inside the hot window even when their first minutes are older", async () => {
    const an = uniq("edge");
    const boundary = hourOf(NOW - 30 * DAY);
    const inside = makeAlert(an, uniq("e"), boundary + 5, 1);
    const outside = makeAlert(an, uniq("e"), boundary - 5, 2);
    await seedAlerts([inside, outside]);
    await runUntilDone();
    const hot = (await hotAlerts()).map((a) => a.messageid);
    expect(hot).toContain(inside.messageid);
    expect(hot).not.toContain(outside.messageid);
    expect(HOUR_MS).toBe(3_600_000);
  });
});

describe("archive settings", () => {
  it("refuse an object bound too small for a stored alert and a retention inside the hot window", async () => {
    const { archiveConfig } = await import("../../worker/src/archive/config.ts");
    expect(archiveConfig({ DB: env.DB })).toMatchObject({ hotMs: 30 * DAY, retentionMs: 365 * DAY, maxObjectBytes: 8 * 1024 * 1024 });
    expect(() => archiveConfig({ DB: env.DB, ARCHIVE_OBJECT_MAX_BYTES: "65536" })).toThrow(/ARCHIVE_OBJECT_MAX_BYTES/);
    expect(() => archiveConfig({ DB: env.DB, ALERT_HOT_DAYS: "30", ARCHIVE_RETENTION_DAYS: "20" })).toThrow(/ARCHIVE_RETENTION_DAYS/);
    expect(() => archiveConfig({ DB: env.DB, ALERT_HOT_DAYS: "0" })).toThrow(/ALERT_HOT_DAYS/);
    expect(archiveConfig({ DB: env.DB, ARCHIVE_RETENTION_DAYS: "0" }).retentionMs).toBe(0);
  });
});
