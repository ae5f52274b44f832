/**
 * `npm run bench:console`: every query the console makes, at fleet size, ONE run.
 *
 * Seeds local D1 (wrangler's own SQLite file, migrations applied) with BENCH_ALERTS (2,000,000)
 * real corpus alerts (`idmef-agent replay` of the live corpus) spread over 1,000 analyzers and 30
 * days, plus 10,000 analyzers with health rows. Then, for each console query: p50/p95 through the
 * local Worker (signed /v1 requests, wrangler dev) and through the SAME store functions run on
 * node:sqlite over the same file (a minimal D1 shim: identical SQL text and parameters), and the
 * query plan of that SQL (local D1 reports no rows_read). Goal: p95 ≤ 150 ms via the Worker.
 * Holds /tmp/bench.lock for the whole run.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import { exportPublicKeyRaw, generateKeyPair, signRequest } from "../schema/signature.ts";
import type { Alert } from "../schema/idmef.ts";
import { applyLocalMigrations, startLocalWorker } from "../scripts/lib/local-worker.ts";
import { holdBenchLock } from "./lock.ts";
import { alertRow } from "../worker/src/store/alert-rows.ts";
import { bucketFor, countBy, severityHistogram } from "../worker/src/store/aggregate.ts";
import { REBUILD_COUNTS_SQL } from "../worker/src/store/alert-counts-sql.ts";
import type { CountsContext } from "../worker/src/store/alert-counts.ts";
import { DEFAULT_ALERT_RETENTION_DAYS, DEFAULT_HEALTH_ANALYZER_ID } from "../worker/src/health/config.ts";
import { listAnalyzersPage } from "../worker/src/store/fleet.ts";
import { searchAlerts, type AlertFilter } from "../worker/src/store/queries.ts";

holdBenchLock();

const ROOT = resolve(import.meta.dirname, "..");
const LIVE = resolve(ROOT, "../shared/corpus/live");
const N = Number(process.env.BENCH_ALERTS ?? 2_000_000);
const ANALYZERS = 10_000;
const ALERTING_ANALYZERS = 1_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const DAY = 86_400_000;
const NOW = Date.now();
const say = (s: string) => process.stdout.write(s + "\n");

// --- seed -------------------------------------------------------------------------------------
function corpusAlerts(): Array<{ alert: Alert; json: string }> {
  const out: Array<{ alert: Alert; json: string }> = [];
  for (const f of readdirSync(LIVE).filter((n) => n.endsWith(".log")).sort()) {
    const text = execFileSync(process.execPath, [join(ROOT, "agent/bin/idmef-agent.mjs"), "replay", join(LIVE, f)], { encoding: "utf8", maxBuffer: 1 << 28 });
    for (const line of text.split("\n")) {
      if (!line.startsWith("{")) continue;
      const m = JSON.parse(line) as { alert?: Alert };
      if (m.alert) out.push({ alert: m.alert, json: line });
    }
  }
  return out;
}

const analyzerId = (i: number) => `bench-a-${String(i).padStart(5, "0")}`;

function seed(file: string, templates: Array<{ alert: Alert; json: string }>): void {
  const db = new DatabaseSync(file);
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;");
  const ins = db.prepare(`INSERT INTO alerts (analyzerid, messageid, detect_time, create_time, received_at, classification, severity, completion,
    source_node, target_node, target_user, target_process, target_file, message) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  const rows = templates.map((t) => alertRow(t.alert, t.json));
  const t0 = performance.now();
  db.exec("BEGIN");
  for (let i = 0; i < N; i++) {
    const r = rows[i % rows.length];
    // Newest first over 30 days; analyzers skewed (a few busy hosts, a long tail).
    const t = NOW - Math.floor((i / N) * 30 * DAY) - (i % 997);
    const a = analyzerId(Math.floor(ALERTING_ANALYZERS * Math.pow((i * 7919) % 10007 / 10007, 2)));
    ins.run(a, `m${i}`, t, t, t + 50, r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11]);
    if (i % 50_000 === 49_999) {
      db.exec("COMMIT; BEGIN");
      if (i % 500_000 === 499_999) say(`  seeded ${i + 1} alerts (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
  }
  db.exec("COMMIT");
  const an = db.prepare(`INSERT INTO analyzers (analyzerid, name, model, node_name, status, heartbeat_interval, last_heartbeat_at, counters, first_seen_at, updated_at)
    VALUES (?, ?, 'idmef-edge agent', ?, 'running', 600, ?, '{"records":1000,"events":900,"lost":0,"spool depth":0}', ?, ?)`);
  const h = db.prepare(`INSERT INTO analyzer_health (analyzerid, state, since, due_at, last_seen, last_create_ms, last_messageid, last_status, interval_s)
    VALUES (?, ?, ?, ?, ?, ?, 'hb', 'running', 600)`);
  db.exec("BEGIN");
  for (let i = 0; i < ANALYZERS; i++) {
    const seen = NOW - (i % 7 === 0 ? 2 * 3_600_000 : 60_000);
    an.run(analyzerId(i), `host-${i} agent`, `host-${i}`, seen, NOW - 40 * DAY, seen);
    h.run(analyzerId(i), i % 7 === 0 ? "missing" : "online", seen, i % 7 === 0 ? null : seen + 600_000, seen, seen);
  }
  // The hourly counts ingest would have kept (the seed bypasses ingest): migration 0009's backfill.
  db.exec(REBUILD_COUNTS_SQL);
  db.exec("COMMIT; ANALYZE;");
  say(`seeded ${N} alerts and ${ANALYZERS} analyzers in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  db.close();
}

// --- node:sqlite as a D1Database, for the reference side (same store functions, same SQL) -------
interface Captured {
  sql: string;
  params: unknown[];
}
const bindable = (v: unknown) => (typeof v === "boolean" ? Number(v) : v) as SQLInputValue;

function sqliteD1(db: DatabaseSync, log?: Captured[]): D1Database {
  const stmt = (sql: string, params: unknown[] = []) => ({
    bind: (...p: unknown[]) => stmt(sql, p),
    async all() {
      log?.push({ sql, params });
      return { results: db.prepare(sql).all(...params.map(bindable)), success: true, meta: {} };
    },
    async first() {
      log?.push({ sql, params });
      return db.prepare(sql).get(...params.map(bindable)) ?? null;
    },
  });
  return {
    prepare: (sql: string) => stmt(sql),
    batch: async (list: Array<{ all(): Promise<unknown> }>) => Promise.all(list.map((s) => s.all())),
  } as unknown as D1Database;
}

// --- the queries the console makes --------------------------------------------------------------
interface Query {
  name: string;
  /** Path + query of the /v1 request. */
  path: string;
  /** The same through the store functions. */
  run(db: D1Database): Promise<unknown>;
}

function queries(sample: { classification: string; analyzerid: string; source: string; user: string; process: string }): Query[] {
  const day = { since: NOW - DAY, until: NOW };
  // The Worker's defaults (its own clock at each request; the bound moves by an hour at most).
  const ctx: CountsContext = { healthAnalyzerId: DEFAULT_HEALTH_ANALYZER_ID, retentionMs: DEFAULT_ALERT_RETENTION_DAYS * DAY, now: NOW };
  const week = { since: NOW - 7 * DAY, until: NOW };
  const list = (name: string, extra: Record<string, string>, f: Partial<AlertFilter>): Query => ({
    name,
    path: `/v1/alerts?${new URLSearchParams({ limit: "50", triage: "open", since: String(day.since), until: String(day.until), ...extra })}`,
    run: (db) => searchAlerts(db, { limit: 50, triage: ["open"], ...day, ...f }),
  });
  return [
    list("first page, 24 h", {}, {}),
    list("severity=high", { severity: "high" }, { severity: ["high"] }),
    list("classification", { classification: sample.classification }, { classification: sample.classification }),
    list("analyzer", { analyzerid: sample.analyzerid }, { analyzerid: sample.analyzerid }),
    list("source", { source_node: sample.source }, { source_node: sample.source }),
    list("target user", { target_user: sample.user }, { target_user: sample.user }),
    list("target process", { target_process: sample.process }, { target_process: sample.process }),
    list("completion=failed", { completion: "failed" }, { completion: "failed" }),
    ...([["24 h", day], ["7 d", week], ["30 d", { since: NOW - 30 * DAY, until: NOW }]] as const).flatMap(([label, r]) => [
      {
        name: `group-by classification ${label}`,
        path: `/v1/alerts/counts?${new URLSearchParams({ field: "classification", since: String(r.since), until: String(r.until) })}`,
        run: (db: D1Database) => countBy(db, "classification", r, 100, ctx),
      },
      {
        name: `histogram ${label}`,
        path: `/v1/alerts/histogram?${new URLSearchParams({ since: String(r.since), until: String(r.until) })}`,
        run: (db: D1Database) => severityHistogram(db, r, bucketFor(r.until - r.since), ctx),
      },
    ]),
    {
      name: "header summary (severity counts 24 h)",
      path: `/v1/alerts/counts?${new URLSearchParams({ field: "severity", since: String(day.since), until: String(day.until), limit: "10" })}`,
      run: (db) => countBy(db, "severity", day, 10, ctx),
    },
    { name: "analyzers page (10,000)", path: "/v1/analyzers?limit=100", run: (db) => listAnalyzersPage(db, { limit: 100 }) },
  ];
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "bench-console-"));
  try {
    say(`bench:console: ${N} alerts, ${ANALYZERS} analyzers, ${RUNS} runs per query`);
    await applyLocalMigrations(dir);
    const file = execFileSync("find", [dir, "-path", "*D1DatabaseObject*", "-name", "*.sqlite", "!", "-name", "metadata.sqlite"], { encoding: "utf8" }).trim().split("\n")[0];
    if (!file) throw new Error(`no D1 database file under ${dir}`);
    const templates = corpusAlerts();
    say(`${templates.length} corpus alerts as templates`);
    seed(file, templates);

    const pair = await generateKeyPair();
    const sqlite = new DatabaseSync(file);
    sqlite.prepare("INSERT INTO clients (id, name, public_key, analyzer_id, permissions, created_at) VALUES ('bench-reader', 'bench', ?, NULL, 'idmef:r admin:r', ?)").run(await exportPublicKeyRaw(pair.publicKey), NOW);
    // Sample filter values from the newest day, as an operator would click them.
    const pick = (col: string) => (sqlite.prepare(`SELECT ${col} AS v FROM alerts WHERE detect_time >= ? AND ${col} IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`).get(NOW - DAY) as { v: string }).v;
    const sample = { classification: pick("classification"), analyzerid: pick("analyzerid"), source: pick("source_node"), user: pick("target_user"), process: pick("target_process") };
    sqlite.close();

    const worker = await startLocalWorker({ persistDir: dir });
    const reference = new DatabaseSync(file, { readOnly: true });
    const refDb = sqliteD1(reference);
    const rows: string[][] = [];
    const plans: string[] = [];
    try {
      for (const q of queries(sample)) {
        const url = worker.url + q.path;
        const viaWorker: number[] = [];
        const viaSqlite: number[] = [];
        for (let i = 0; i < RUNS + 2; i++) {
          const headers = await signRequest({ method: "GET", url, keyId: "bench-reader", privateKey: pair.privateKey });
          const t0 = performance.now();
          const res = await fetch(url, { headers });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`${q.name}: ${res.status}`);
          const t1 = performance.now();
          await q.run(refDb);
          const t2 = performance.now();
          if (i >= 2) {
            viaWorker.push(t1 - t0);
            viaSqlite.push(t2 - t1);
          }
        }
        // Which index each statement uses (local D1 does not report rows_read: `wrangler d1 execute
        // --local --json` gives only the duration), from SQLite's planner on the same file.
        const captured: Captured[] = [];
        await q.run(sqliteD1(reference, captured));
        const plan = captured
          .map((c) => (reference.prepare("EXPLAIN QUERY PLAN " + c.sql).all(...c.params.map(bindable)) as Array<{ detail: string }>).map((r) => r.detail).join(", "))
          .join(" ; ");
        plans.push(`${q.name}: ${plan}`);
        const row = [q.name, pct(viaWorker, 50).toFixed(1), pct(viaWorker, 95).toFixed(1), pct(viaSqlite, 50).toFixed(1), pct(viaSqlite, 95).toFixed(1)];
        rows.push(row);
        say(row.join(" | "));
      }
    } finally {
      reference.close();
      await worker.stop();
    }
    say("\n| query | Worker p50 ms | Worker p95 ms | node:sqlite p50 ms | node:sqlite p95 ms |");
    say("| --- | ---: | ---: | ---: | ---: |");
    for (const r of rows) say(`| ${r.join(" | ")} |`);
    say("\nquery plans:\n" + plans.map((p) => "  " + p).join("\n"));
    const over = rows.filter((r) => Number(r[2]) > 150);
    say(over.length ? `\nover the 150 ms p95 goal: ${over.map((r) => r[0]).join(", ")}` : "\nevery query p95 ≤ 150 ms through the Worker");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
