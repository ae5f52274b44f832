// SPEC 4.1 cost: a cron run reads O(analyzers that change state), not O(all analyzers).
// 100,000 analyzers are watched; 10, then 100 of them go silent; D1's own meta.rows_read is the
// measure, against a full scan measured in the same run.
import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { runHealthCron } from "../../worker/src/health/cron.ts";
import { healthEnv, MIN, T0 } from "./health-helpers.ts";

const ANALYZERS = 100_000;
/** Per changing analyzer: its index entry and row, the compare-and-set lookup, the guarded alert
 * insert's lookup, json_each rows, index maintenance, the alert's stream entry: a small constant. */
const READS_PER_CHANGE = 12;

it("runs where 10 and then 100 of 100,000 analyzers go missing read only those rows", async () => {
  // Healthy: last beat at T0 + 0..99 s, 600 s interval, so due from T0 + 11 min (with the margin).
  // Group A (10 analyzers, i % 10000 = 0): silent since T0 - 20 min -> missing at the T0 + 2 min run.
  // Group B (100 analyzers, i % 1000 = 500): last beat T0 - 5 min -> missing at the T0 + 7 min run.
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
     INSERT INTO analyzer_health (analyzerid, state, since, due_at, last_seen, last_create_ms, last_messageid,
       last_status, interval_s, drops, name, node)
     SELECT printf('scale-%06d', i), 'online', ?2, seen + 600000, seen, seen, 'hb-' || i, 'running', 600, 0,
       'agent ' || i, json_object('name', printf('host-%06d', i))
     FROM (SELECT i, CASE WHEN i % 10000 = 0 THEN ?2 - 1200000 WHEN i % 1000 = 500 THEN ?2 - 300000
                          ELSE ?2 + (i % 100) * 1000 END AS seen FROM n)`,
  ).bind(ANALYZERS, T0).run();
  expect(await env.DB.prepare("SELECT count(*) AS n FROM analyzer_health").first("n")).toBe(ANALYZERS);

  const henv = healthEnv(env.DB);
  const runA = await runHealthCron(henv, T0 + 2 * MIN);
  expect(runA).toMatchObject({ missing: 10, alertsRaised: 10 });
  const runB = await runHealthCron(henv, T0 + 7 * MIN);
  expect(runB).toMatchObject({ missing: 100, alertsRaised: 100 });
  const idle = await runHealthCron(henv, T0 + 8 * MIN);
  expect(idle.missing).toBe(0);

  // The reference, measured in the same run: finding the due rows without the due_at index.
  const scan = await env.DB.prepare(
    `SELECT count(*) AS n FROM analyzer_health NOT INDEXED WHERE state = 'online' AND last_seen + interval_s * 1000 <= ?`,
  ).bind(T0 + 8 * MIN - 60_000).run<{ n: number }>();
  console.log(
    `health cron over ${ANALYZERS} analyzers, rows read (D1 meta.rows_read): 10 changing ${runA.healthRowsRead} ` +
      `(whole run ${runA.rowsRead}); 100 changing ${runB.healthRowsRead} (whole run ${runB.rowsRead}); ` +
      `0 changing ${idle.healthRowsRead}; reference full scan ${scan.meta.rows_read}`,
  );
  expect(runA.healthRowsRead).toBeLessThanOrEqual(10 * READS_PER_CHANGE);
  expect(runB.healthRowsRead).toBeLessThanOrEqual(100 * READS_PER_CHANGE);
  expect(idle.healthRowsRead).toBeLessThanOrEqual(1);
  expect(runA.rowsRead).toBeLessThan(1000);
  expect(scan.meta.rows_read).toBeGreaterThanOrEqual(ANALYZERS);

  // And the plan says why: a range on the partial index, no table scan.
  const plan = await env.DB.prepare(
    "EXPLAIN QUERY PLAN SELECT * FROM analyzer_health WHERE due_at <= ? ORDER BY due_at LIMIT 100",
  ).bind(T0).all<{ detail: string }>();
  expect(plan.results.map((r) => r.detail).join("; ")).toMatch(/SEARCH analyzer_health USING INDEX analyzer_health_due \(due_at<\?\)/);
}, 120_000);
