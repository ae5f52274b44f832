// 0003_health_backfill.sql: analyzers that existed before health get a row, and a silent one is
// declared missing by the next cron run.
import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { runHealthCron } from "../../worker/src/health/cron.ts";
import { readHealth } from "../../worker/src/health/store.ts";
import { healthEnv, MIN, T0 } from "./health-helpers.ts";

it("derives health rows from the analyzers table", async () => {
  const ins = env.DB.prepare(
    `INSERT INTO analyzers (analyzerid, name, node_name, status, heartbeat_interval, last_heartbeat_at,
       last_heartbeat_create_ms, last_heartbeat_messageid, counters, first_seen_at, updated_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?8, ?6, ?6)`,
  );
  await env.DB.batch([
    ins.bind("bf-silent", "agent s", "s.example", "running", 60, T0 - 30 * MIN, "m-s", '{"dropped messages":3,"records":9}'),
    ins.bind("bf-live", "agent l", "l.example", "running", 600, T0, "m-l", "{}"),
    ins.bind("bf-stopped", "agent x", null, "exiting", 600, T0 - 60 * MIN, "m-x", null),
    env.DB.prepare("INSERT INTO analyzers (analyzerid, first_seen_at, updated_at) VALUES ('bf-alerts-only', 1, 1)"),
  ]);
  // Replay the upgrade on this already-migrated database: 0003's backfill, then 0004's data step
  // (its ALTER TABLE already ran).
  const queries = env.TEST_MIGRATIONS.filter((m) => m.name.startsWith("0003_") || m.name.startsWith("0004_"))
    .flatMap((m) => m.queries)
    .filter((q) => !/^\s*ALTER TABLE/i.test(q.replace(/^(\s*--.*\n)*/, "")));
  expect(queries.length).toBeGreaterThanOrEqual(2);
  for (const q of queries) await env.DB.prepare(q).run();

  expect(await readHealth(env.DB, "bf-silent")).toMatchObject({ state: "online", lastSeen: T0 - 30 * MIN, intervalS: 60, drops: 3, dropsNew: 3, node: { name: "s.example" } });
  expect(await readHealth(env.DB, "bf-stopped")).toMatchObject({ state: "offline", node: null });
  expect(await readHealth(env.DB, "bf-alerts-only")).toBeNull();

  const r = await runHealthCron(healthEnv(env.DB), T0 + MIN);
  expect(r.missing).toBe(1);
  expect(await readHealth(env.DB, "bf-silent")).toMatchObject({ state: "missing" });
  expect(await readHealth(env.DB, "bf-live")).toMatchObject({ state: "online" });
  const alert = await env.DB.prepare("SELECT severity, target_node FROM alerts WHERE analyzerid = 'health-test'").first();
  expect(alert).toEqual({ severity: "high", target_node: "s.example" }); // drops before the silence
});
