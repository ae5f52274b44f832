// SPEC 4.1 cost: a cron run reads O(analyzers that change state), not O(all analyzers).
// 100,000 analyzers are watched, 10 of them go silent; D1's own meta.rows_read is the measure.
import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { runHealthCron } from "../../worker/src/health/cron.ts";
import { healthEnv, MIN, T0 } from "./health-helpers.ts";

const ANALYZERS = 100_000;
const SILENT = 10;

it("a run where 10 of 100,000 analyzers go missing reads only those rows", async () => {
  // Healthy analyzers beat at T0 + 0..99 s with a 600 s interval: due long after the run below.
  // The SILENT ones last beat 20 min before T0.
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
     INSERT INTO analyzer_health (analyzerid, state, since, due_at, last_seen, last_create_ms, last_messageid,
       last_status, interval_s, drops, name, node)
     SELECT printf('scale-%06d', i), 'online', ?2, seen + 600000, seen, seen, 'hb-' || i, 'running', 600, 0,
       'agent ' || i, json_object('name', printf('host-%06d', i))
     FROM (SELECT i, CASE WHEN i % (?1 / ?3) = 0 THEN ?2 - 1200000 ELSE ?2 + (i % 100) * 1000 END AS seen FROM n)`,
  ).bind(ANALYZERS, T0, SILENT).run();
  expect(await env.DB.prepare("SELECT count(*) AS n FROM analyzer_health").first("n")).toBe(ANALYZERS);

  const report = await runHealthCron(healthEnv(env.DB), T0 + 2 * MIN);
  expect(report.missing).toBe(SILENT);
  expect(report.alertsRaised).toBe(SILENT);

  // The reference, measured in the same run: finding the same rows without the due_at index.
  const scan = await env.DB.prepare(
    `SELECT count(*) AS n FROM analyzer_health NOT INDEXED
     WHERE state = 'online' AND last_seen + interval_s * 1000 <= ?`,
  ).bind(T0 + 2 * MIN - 60_000).run<{ n: number }>();
  console.log(
    `health cron, ${ANALYZERS} analyzers, ${SILENT} changing: due scan + transitions read ${report.healthRowsRead} rows ` +
      `(whole run ${report.rowsRead}); a full scan reads ${scan.meta.rows_read}`,
  );
  // Each changing analyzer costs a handful of reads (index entry, row, compare-and-set, outbox
  // condition), independent of the 100,000 others.
  expect(report.healthRowsRead).toBeLessThanOrEqual(SILENT * 10);
  expect(report.rowsRead).toBeLessThan(1000);
  expect(scan.meta.rows_read).toBeGreaterThanOrEqual(ANALYZERS);

  // And the plan says why: a range on the partial index, no table scan.
  const plan = await env.DB.prepare(
    "EXPLAIN QUERY PLAN SELECT * FROM analyzer_health WHERE due_at <= ? ORDER BY due_at LIMIT 100",
  ).bind(T0).all<{ detail: string }>();
  expect(plan.results.map((r) => r.detail).join("; ")).toMatch(/SEARCH analyzer_health USING INDEX analyzer_health_due \(due_at<\?\)/);

  // The next run finds nothing due and reads (almost) nothing.
  const again = await runHealthCron(healthEnv(env.DB), T0 + 3 * MIN);
  expect(again.missing).toBe(0);
  expect(again.healthRowsRead).toBeLessThanOrEqual(1);
}, 120_000);
