/**
 * The isolate's cache of decoded archive objects (worker/src/archive/cache.ts): objects it holds
 * cost a stream page nothing against its R2 budget, it stays within its byte bound (least recently
 * used out first), and what it serves is what R2 holds.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ObjectCache } from "../../worker/src/archive/cache.ts";
import { ArchiveLookup } from "../../worker/src/archive/lookup.ts";
import { runHealthCron } from "../../worker/src/health/cron.ts";
import { uniq } from "./helpers.ts";
import { DAY, makeAlert, noBudgetLimit, registered, seedAlerts } from "./archive-helpers.ts";

const NOW = Date.UTC(2033, 6, 1, 0, 30);
const HOUR = 3_600_000;

describe("archive object cache", () => {
  it("cached objects cost a page nothing; the bound holds, least recently used out first", async () => {
    const an = uniq("cache");
    const h0 = Math.floor((NOW - 40 * DAY) / HOUR) * HOUR;
    const alerts = [0, 1, 2].map((h) => makeAlert(an, `m-${h}`, h0 + h * HOUR + 5, h));
    await seedAlerts(alerts);
    await runHealthCron(env, NOW, { history: { budget: noBudgetLimit } });
    const objects = (await registered()).filter((o) => o.hour >= h0 && o.hour < h0 + 3 * HOUR);
    expect(objects).toHaveLength(3);

    const cache = new ObjectCache(1024 * 1024);
    const times = alerts.map((a) => a.detect_time);
    // One R2 read per page: the first lookup gets the first hour only.
    const first = new ArchiveLookup(env.DB, env.ARCHIVE!, 1, 1 << 30, cache);
    await first.prepare(times);
    expect(first.find(times[0], an, "m-0")).toBe(alerts[0].message);
    expect(first.find(times[1], an, "m-1")).toBe("budget");
    // The next page has the first hour from the cache and spends its one read on the second.
    const second = new ArchiveLookup(env.DB, env.ARCHIVE!, 1, 1 << 30, cache);
    await second.prepare(times);
    expect(second.find(times[0], an, "m-0")).toBe(alerts[0].message);
    expect(second.find(times[1], an, "m-1")).toBe(alerts[1].message);
    expect(second.find(times[1], an, "not-there")).toBeNull();
    expect(second.find(times[2], an, "m-2")).toBe("budget");

    // A bound of two objects: loading the third drops the least recently used (hour 1, as hour 0 was used last).
    const sizes = objects.map((o) => o.raw_bytes);
    const small = new ObjectCache(sizes[0] + sizes[1] + Math.min(...sizes) - 1);
    for (const o of objects.slice(0, 2)) await small.load(env.ARCHIVE!, o.key, o.sha256, o.raw_bytes);
    expect(objects.slice(0, 2).map((o) => small.peek(o.key) !== undefined)).toEqual([true, true]);
    small.get(objects[0].key);
    await small.load(env.ARCHIVE!, objects[2].key, objects[2].sha256, objects[2].raw_bytes);
    expect(small.peek(objects[0].key)).toBeDefined();
    expect(small.peek(objects[1].key)).toBeUndefined();
    expect(small.peek(objects[2].key)?.get(`${an}\nm-2`)).toBe(alerts[2].message);
    // A digest that does not match is refused, not cached.
    await expect(small.load(env.ARCHIVE!, objects[1].key, "0".repeat(64), objects[1].raw_bytes)).rejects.toThrow(/digest/);
    expect(small.peek(objects[1].key)).toBeUndefined();
  });
});
