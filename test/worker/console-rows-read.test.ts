// Issue 10: no console query reads more than O(page + groups) rows where an index can make it so.
// 200,000 alerts over 30 days (1,000 analyzers, skewed; 7 classifications) and 10,000 analyzers; D1's own
// meta.rows_read of every statement each console query runs, summed per query and printed.
import { env } from "cloudflare:test";
import { beforeAll, expect, it } from "vitest";
import { REBUILD_COUNTS_SQL } from "../../worker/src/store/alert-counts-sql.ts";
import { countsContext, type CountsContext } from "../../worker/src/store/alert-counts.ts";
import { bucketFor, countBy, severityHistogram } from "../../worker/src/store/aggregate.ts";
import { healthCounts, listAnalyzersPage, severityCountsByAnalyzer } from "../../worker/src/store/fleet.ts";
import { searchAlerts, type AlertFilter } from "../../worker/src/store/queries.ts";

const ALERTS = 200_000;
const ANALYZERS = 10_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 29, 12, 34, 56, 789);
const PAGE = 50;

/** A D1Database that adds up meta.rows_read of every statement it runs. */
function metered(db: D1Database): { db: D1Database; read: () => number } {
  let rows = 0;
  const note = (r: D1Result) => ((rows += r.meta.rows_read ?? NaN), r);
  const wrap = (s: D1PreparedStatement): D1PreparedStatement =>
    ({
      bind: (...v: unknown[]) => wrap(s.bind(...v)),
      all: async () => note(await s.all()),
      run: async () => note(await s.run()),
      first: async (col?: string) => {
        const r = note(await s.all<Record<string, unknown>>()).results[0] ?? null;
        return col === undefined || r === null ? r : (r as Record<string, unknown>)[col];
      },
      raw: s.raw.bind(s),
      inner: s,
    }) as unknown as D1PreparedStatement;
  const m = {
    prepare: (sql: string) => wrap(db.prepare(sql)),
    batch: async (list: D1PreparedStatement[]) => (await db.batch(list.map((s) => (s as unknown as { inner: D1PreparedStatement }).inner))).map(note),
  } as unknown as D1Database;
  return { db: m, read: () => rows };
}

let ctx: CountsContext;
let sample: Record<string, string>;

beforeAll(async () => {
  // Newest first over 30 days; analyzers skewed as in bench/console.ts (a few busy, a long tail).
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?1 - 1)
     INSERT INTO alerts (analyzerid, messageid, detect_time, create_time, received_at, classification, severity, completion,
       source_node, target_node, target_user, target_process, target_file, message)
     SELECT an, 'm' || i, t, t, t + 50, 'class-' || (i % 7), CASE i % 5 WHEN 0 THEN NULL WHEN 1 THEN 'info' WHEN 2 THEN 'low' WHEN 3 THEN 'medium' ELSE 'high' END,
       CASE i % 3 WHEN 0 THEN 'failed' ELSE 'succeeded' END, 'src-' || (i % 97), 'host-' || (i % 101), 'user-' || (i % 31),
       '/usr/bin/p' || (i % 17), '/etc/f' || (i % 211), '{"version":"1.0","alert":{"messageid":"m' || i || '"}}'
     FROM (SELECT i, ?2 - (i * 30 * ${DAY}) / ?1 - (i % 997) AS t,
                  printf('an-%05d', CAST(1000 * (((i * 7919) % 10007) / 10007.0) * (((i * 7919) % 10007) / 10007.0) AS INTEGER)) AS an FROM n)`,
  ).bind(ALERTS, NOW).run();
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?1 - 1)
     INSERT INTO analyzers (analyzerid, name, model, node_name, status, heartbeat_interval, last_heartbeat_at, first_seen_at, updated_at)
     SELECT printf('an-%05d', i), 'agent ' || i, 'idmef-edge agent', 'host-' || i, 'running', 600, ?2 - 60000, ?2 - 40 * ${DAY}, ?2 FROM n`,
  ).bind(ANALYZERS, NOW).run();
  for (const sql of REBUILD_COUNTS_SQL.split(";").map((s) => s.trim()).filter(Boolean)) await env.DB.prepare(sql).run();
  await env.DB.prepare("ANALYZE").run();
  ctx = countsContext(env, NOW);
  const pick = async (col: string) =>
    (await env.DB.prepare(`SELECT ${col} AS v FROM alerts WHERE detect_time >= ? GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`).bind(NOW - DAY).first<{ v: string }>())!.v;
  sample = {};
  for (const c of ["classification", "analyzerid", "source_node", "target_user", "target_process"]) sample[c] = await pick(c);
}, 120_000);

const day = { since: NOW - DAY, until: NOW + 1 };
const week = { since: NOW - 7 * DAY, until: NOW + 1 };
const month = { since: NOW - 30 * DAY, until: NOW + 1 };

it("every console query reads O(page + groups) rows (D1 meta.rows_read)", async () => {
  const rangeRows = async (r: { since: number; until: number }) =>
    (await env.DB.prepare("SELECT count(*) AS n FROM alerts WHERE detect_time >= ? AND detect_time < ?").bind(r.since, r.until).first<{ n: number }>())!.n;
  const measured: Array<[string, number, number]> = [];
  const measure = async (name: string, bound: number, q: (db: D1Database) => Promise<unknown>) => {
    const m = metered(env.DB);
    await q(m.db);
    measured.push([name, m.read(), bound]);
  };
  const page = (extra: Partial<AlertFilter>) => (db: D1Database) => searchAlerts(db, { limit: PAGE, triage: ["open"], ...day, ...extra });
  // A page reads its keys from the driving index and its rows: a few reads per row of the page. The
  // filters without an index of their own (source, target user/process) are checked on the rows the
  // time index gives, so they read until a page matches: page / selectivity (1/97, 1/31, 1/17 here).
  const PAGE_READS = 8 * (PAGE + 1);
  await measure("first page, 24 h", PAGE_READS, page({}));
  await measure("severity=high", PAGE_READS, page({ severity: ["high"] }));
  await measure("classification", PAGE_READS, page({ classification: sample.classification }));
  await measure("analyzer", PAGE_READS, page({ analyzerid: sample.analyzerid }));
  await measure("completion=failed", PAGE_READS, page({ completion: "failed" }));
  await measure("source (1 in 97, row check)", 4 * 97 * (PAGE + 1), page({ source_node: sample.source_node }));
  await measure("target user (1 in 31, row check)", 4 * 31 * (PAGE + 1), page({ target_user: sample.target_user }));
  await measure("target process (1 in 17, row check)", 4 * 17 * (PAGE + 1), page({ target_process: sample.target_process }));
  // From the hourly counts: their rows over the whole hours of the range (hours × groups), plus
  // the alerts of the two partial hours at the ends, by the row scan.
  const HOUR = 3_600_000;
  const countRows = async (r: { since: number; until: number }) =>
    (await env.DB.prepare("SELECT count(*) AS n FROM alert_counts_hourly WHERE hour >= ? AND hour < ?")
      .bind(Math.ceil(r.since / HOUR) * HOUR, Math.floor(r.until / HOUR) * HOUR).first<{ n: number }>())!.n;
  const edgeAlerts = async (r: { since: number; until: number }) =>
    (await rangeRows({ since: r.since, until: Math.ceil(r.since / HOUR) * HOUR })) + (await rangeRows({ since: Math.floor(r.until / HOUR) * HOUR, until: r.until }));
  const aggregateBound = async (r: { since: number; until: number }, statements: number) => statements * (2 * (await countRows(r)) + 3 * (await edgeAlerts(r)) + 10);
  for (const [label, r] of [["24 h", day], ["7 d", week], ["30 d", month]] as const) {
    await measure(`histogram ${label}`, await aggregateBound(r, 1), (db) => severityHistogram(db, r, bucketFor(r.until - r.since), ctx));
    // Total and groups: two reads of the counts.
    await measure(`group-by classification ${label}`, await aggregateBound(r, 2), (db) => countBy(db, "classification", r, 100, ctx));
  }
  await measure("header summary (severity counts 24 h)", await aggregateBound(day, 2), (db) => countBy(db, "severity", day, 10, ctx));
  const ids = (await listAnalyzersPage(env.DB, { limit: 100 })).analyzers.map((a) => a.analyzerid);
  await measure("analyzers page (100 of 10,000)", 10 * 101, (db) => listAnalyzersPage(db, { limit: 100 }));
  // Each listed analyzer's alerts of the last 24 h (by its index), whatever the rest of the fleet has.
  const listedAlerts = (await env.DB.prepare("SELECT count(*) AS n FROM alerts WHERE analyzerid IN (SELECT value FROM json_each(?)) AND detect_time >= ?").bind(JSON.stringify(ids), NOW - DAY).first<{ n: number }>())!.n;
  await measure("analyzers page severity counts", 3 * (listedAlerts + 100), (db) => severityCountsByAnalyzer(db, ids, NOW - DAY));
  // Counts per health state read every analyzer (O(fleet)): no index makes a count by state cheaper.
  await measure("health counts (O(analyzers))", 3 * ANALYZERS, (db) => healthCounts(db));

  const reference = { "24 h": await rangeRows(day), "7 d": await rangeRows(week) };
  console.log(
    `console rows_read, ${ALERTS} alerts / ${ANALYZERS} analyzers (alerts in 24 h: ${reference["24 h"]}, in 7 d: ${reference["7 d"]}):\n` +
      measured.map(([n, r, b]) => `  ${n.padEnd(40)} ${String(r).padStart(7)}  (bound ${b})`).join("\n"),
  );
  for (const [name, read, bound] of measured) {
    expect(read, name).toBeGreaterThan(0);
    expect(read, name).toBeLessThanOrEqual(bound);
  }
  // The aggregates read far fewer rows than the range holds (the week: every alert's index entry before).
  const histWeek = measured.find(([n]) => n === "histogram 7 d")![1];
  expect(histWeek * 3).toBeLessThan(reference["7 d"]);
}, 120_000);
