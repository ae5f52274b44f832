// The cron's housekeeping: expired nonces, heartbeat and alert retention, in chunks within a time
// budget; the database-size watch.
import { env } from "cloudflare:test";
import { beforeEach, expect, it } from "vitest";
import { runHealthCron } from "../../worker/src/health/cron.ts";
import { DELETE_CHUNK } from "../../worker/src/health/maintenance.ts";
import { healthEnv, T0 } from "./health-helpers.ts";

const DAY = 86_400_000;
const count = (table: string) => env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<number>("n");

beforeEach(async () => {
  await env.DB.batch(["seen_nonces", "heartbeats", "alerts", "analyzer_health"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
});

/** n rows into `table` via a recursive CTE, all received at `receivedAt`. */
async function seed(table: "heartbeats" | "alerts", n: number, receivedAt: number, prefix: string): Promise<void> {
  const cols =
    table === "heartbeats"
      ? "analyzerid, messageid, create_time, received_at, status, heartbeat_interval, message"
      : "analyzerid, messageid, detect_time, create_time, received_at, classification, message";
  const vals =
    table === "heartbeats"
      ? "'a', ?3 || i, ?2, ?2, 'running', 600, '{}'"
      : "'a', ?3 || i, ?2, ?2, ?2, 'c', '{}'";
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1) INSERT INTO ${table} (${cols}) SELECT ${vals} FROM n`,
  ).bind(n, receivedAt, prefix).run();
}

it("prunes nonces whose expiry has passed and keeps the others", async () => {
  await env.DB.batch([
    env.DB.prepare("INSERT INTO seen_nonces (key_id, nonce, expires_at) VALUES ('k', 'old', ?)").bind(T0 - 1),
    env.DB.prepare("INSERT INTO seen_nonces (key_id, nonce, expires_at) VALUES ('k', 'now', ?)").bind(T0),
    env.DB.prepare("INSERT INTO seen_nonces (key_id, nonce, expires_at) VALUES ('k', 'live', ?)").bind(T0 + 1),
  ]);
  expect(await runHealthCron(healthEnv(env.DB), T0)).toMatchObject({ noncesPruned: 2 });
  expect((await env.DB.prepare("SELECT nonce FROM seen_nonces").all()).results).toEqual([{ nonce: "live" }]);
});

it("applies HEARTBEAT_RETENTION_DAYS and ALERT_RETENTION_DAYS, in chunks; a backlog left by a spent budget drains over runs", async () => {
  // A budget spent at once: one chunk per table per run.
  const spent = { maintenanceBudget: { ms: 0, elapsed: () => 0 } };
  const backlog = DELETE_CHUNK + 250;
  await seed("heartbeats", backlog, T0 - 31 * DAY, "old-");
  await seed("heartbeats", 10, T0 - 29 * DAY, "recent-");
  await seed("alerts", 20, T0 - 8 * DAY, "old-");
  await seed("alerts", 5, T0 - 6 * DAY, "recent-");
  const henv = healthEnv(env.DB, { HEARTBEAT_RETENTION_DAYS: "30", ALERT_RETENTION_DAYS: "7" });

  const first = await runHealthCron(henv, T0, spent);
  expect(first).toMatchObject({ heartbeatsPruned: DELETE_CHUNK, alertsPruned: 20, pruneBacklog: true });
  expect(await count("heartbeats")).toBe(260);
  const second = await runHealthCron(henv, T0 + 60_000, spent);
  expect(second).toMatchObject({ heartbeatsPruned: 250, pruneBacklog: false });
  expect(await count("heartbeats")).toBe(10);
  expect(await count("alerts")).toBe(5);
});

it("0 days keeps forever", async () => {
  await seed("heartbeats", 5, T0 - 3650 * DAY, "ancient-");
  await seed("alerts", 5, T0 - 3650 * DAY, "ancient-");
  const r = await runHealthCron(healthEnv(env.DB, { HEARTBEAT_RETENTION_DAYS: "0", ALERT_RETENTION_DAYS: "0" }), T0);
  expect(r).toMatchObject({ heartbeatsPruned: 0, alertsPruned: 0 });
  expect(await count("heartbeats")).toBe(5);
  expect(await count("alerts")).toBe(5);
});

it("refuses a malformed setting loudly instead of guessing", async () => {
  await expect(runHealthCron(healthEnv(env.DB, { ALERT_RETENTION_DAYS: "seven" }), T0)).rejects.toThrow(/ALERT_RETENTION_DAYS/);
  await expect(runHealthCron(healthEnv(env.DB, { ALERT_WEBHOOK_URL: "ftp://x" }), T0)).rejects.toThrow(/ALERT_WEBHOOK_URL/);
  await expect(runHealthCron(healthEnv(env.DB, { DB_SIZE_ALERT_PERCENT: "0" }), T0)).rejects.toThrow(/DB_SIZE_ALERT_PERCENT/);
});

it("default retention keeps alerts 90 days and heartbeats 30", async () => {
  await seed("alerts", 3, T0 - 91 * DAY, "old-");
  await seed("alerts", 2, T0 - 89 * DAY, "kept-");
  await seed("heartbeats", 4, T0 - 31 * DAY, "old-");
  const defaults = healthEnv(env.DB, { ALERT_RETENTION_DAYS: undefined, HEARTBEAT_RETENTION_DAYS: undefined });
  expect(await runHealthCron(defaults, T0)).toMatchObject({ alertsPruned: 3, heartbeatsPruned: 4 });
  expect(await count("alerts")).toBe(2);
});

it("prunes 20,000 expired nonces in one run (a fleet of 1000 agents at one request per 5 s adds 12,000 a minute)", async () => {
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
     INSERT INTO seen_nonces (key_id, nonce, expires_at) SELECT 'k' || (i % 1000), 'n' || i, ?1 - i FROM n`,
  ).bind(T0).run();
  await env.DB.prepare("INSERT INTO seen_nonces (key_id, nonce, expires_at) VALUES ('k', 'live', ?)").bind(T0 + 1).run();
  const started = Date.now();
  const r = await runHealthCron(healthEnv(env.DB), T0);
  expect(r).toMatchObject({ noncesPruned: 20_000, pruneBacklog: false });
  expect(await count("seen_nonces")).toBe(1);
  console.log(`pruned 20,000 nonces in ${Date.now() - started} ms`);
});
