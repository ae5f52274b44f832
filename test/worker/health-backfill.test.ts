// 0003_health_backfill.sql: analyzers that existed before health get a row, and a silent one is
// declared missing by the next cron run. 0006 then names each by the client that last wrote for it
// and caps intervals too long to ever be missed.
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
    env.DB.prepare("INSERT INTO clients (id, name, public_key, analyzer_id, created_at) VALUES ('bf-client', 'silent host', 'k', 'bf-silent', 1)"),
    ins.bind("bf-silent", "agent s", "s.example", "running", 60, T0 - 30 * MIN, "m-s", '{"dropped messages":3,"records":9}'),
    ins.bind("bf-live", "agent l", "l.example", "running", 600, T0, "m-l", "{}"),
    ins.bind("bf-stopped", "agent x", null, "exiting", 600, T0 - 60 * MIN, "m-x", null),
    ins.bind("bf-never", "agent n", null, "running", 2 ** 32, T0 - 2 * 86_400_000, "m-n", null),
    env.DB.prepare("INSERT INTO analyzers (analyzerid, first_seen_at, updated_at) VALUES ('bf-alerts-only', 1, 1)"),
  ]);
  // Replay the upgrade on this already-migrated database: 0003's backfill, then the data steps of
  // 0004 and 0006 (their ALTER TABLE and CREATE TABLE already ran).
  await env.DB.prepare("UPDATE analyzers SET client_id = 'bf-client' WHERE analyzerid = 'bf-silent'").run();
  const queries = env.TEST_MIGRATIONS.filter((m) => /^000[346]_/.test(m.name))
    .flatMap((m) => m.queries)
    .filter((q) => !/^\s*(ALTER|CREATE) TABLE/i.test(q.replace(/^(\s*--.*\n)*/, "")));
  expect(queries.length).toBeGreaterThanOrEqual(4);
  for (const q of queries) await env.DB.prepare(q).run();

  expect(await readHealth(env.DB, "bf-silent")).toMatchObject({ state: "online", lastSeen: T0 - 30 * MIN, intervalS: 60, drops: 3, dropsNew: 3, node: { name: "s.example" } });
  expect(await readHealth(env.DB, "bf-stopped")).toMatchObject({ state: "offline", node: null });
  expect(await readHealth(env.DB, "bf-alerts-only")).toBeNull();
  expect(await readHealth(env.DB, "bf-silent")).toMatchObject({ clientId: "bf-client", clientName: "silent host" });
  expect(await readHealth(env.DB, "bf-never")).toMatchObject({ intervalS: 86_400, clientId: null });

  const r = await runHealthCron(healthEnv(env.DB), T0 + MIN);
  expect(r.missing).toBe(2); // bf-silent, and bf-never: silent for 2 days, its 2^32 s interval capped to one
  expect(await readHealth(env.DB, "bf-silent")).toMatchObject({ state: "missing" });
  expect(await readHealth(env.DB, "bf-live")).toMatchObject({ state: "online" });
  const alerts = await env.DB.prepare("SELECT severity, target_node FROM alerts WHERE analyzerid = 'health-test' ORDER BY target_node").all();
  // bf-silent: drops before the silence; named by its client's registration, not the node it claimed.
  expect(alerts.results).toEqual([{ severity: "medium", target_node: "bf-never" }, { severity: "high", target_node: "silent host" }]);
});
