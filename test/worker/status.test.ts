/** GET /v1/status: D1 size and share of the limit, rows, alerts per day, projection, archive. */
import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import type { CapacityReport } from "../../worker/src/status/capacity.ts";
import { makeClient, send, uniq } from "./helpers.ts";
import { DAY, makeAlert, seedAlerts } from "./archive-helpers.ts";

it("reports size, rows per table, the last week's rate and the day the database would fill", async () => {
  const an = uniq("cap");
  const now = Date.now();
  // 100 alerts a day received over the last 7 days.
  const rows = Array.from({ length: 700 }, (_, i) => {
    const a = makeAlert(an, uniq("c"), now - Math.floor(i / 100 + 1) * DAY + 1000, i);
    return { ...a, received_at: a.detect_time };
  });
  await seedAlerts(rows);
  const admin = await makeClient(["admin:r"]);
  const res = await send(admin, "GET", "/v1/status");
  expect(res.status).toBe(200);
  const r = (await res.json()) as CapacityReport;
  expect(r.database.size_bytes).toBeGreaterThan(100_000);
  expect(r.database.limit_bytes).toBe(10_000_000_000);
  expect(r.database.used_percent).toBeCloseTo((r.database.size_bytes / 1e10) * 100, 1);
  const count = await env.DB.prepare("SELECT count(*) AS n FROM alerts").first<number>("n");
  expect(r.database.rows.alerts).toBe(count);
  expect(r.database.rows.stream_log).toBeGreaterThanOrEqual(700);
  expect(r.alerts_per_day).toHaveLength(8);
  expect(r.alerts_per_day.slice(0, 7).every((d) => d.alerts >= 100)).toBe(true);
  expect(r.projection.alerts_per_day).toBeGreaterThanOrEqual(100);
  const daysLeft = (Date.parse(r.projection.full_on!) - now) / DAY;
  const expected = (r.database.limit_bytes - r.database.size_bytes) / r.projection.bytes_per_day!;
  expect(Math.abs(daysLeft - expected)).toBeLessThan(2);
  expect(r.archive.configured).toBe(true);
  expect((await send(await makeClient(["idmef:r"]), "GET", "/v1/status")).status).toBe(403);
});
