/**
 * `npm run bench:archive`: the history path of the real Worker (wrangler dev: local workerd, local
 * D1, local R2), ONE run, against node:sqlite reading the same rows in this process.
 *
 *  - archive: alerts moved D1 → R2 per second by the cron (GET /__scheduled, as wrangler runs it);
 *  - export: alerts/s through `idmef-admin export` (GET /v1/export pages, hot + archived) vs
 *    SELECT of the same rows in the same order from SQLite, pages of 5,000 by keyset;
 *  - stream: messages/s through `idmef-admin stream` (GET /v1/stream from the start) vs SQLite
 *    reading stream_log joined to alerts in seq order: once while every alert is hot (D1 only),
 *    once after the archive moved half of them (entries read back from R2).
 * Alerts are ingested through POST /v1/messages (signed, validated), spread over 60 days, so half
 * of them are older than ALERT_HOT_DAYS. Holds /tmp/bench.lock around the measuring part.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { holdBenchLock } from "./lock.ts";
import { request } from "undici";
import { AdminApi } from "../agent/src/admin/api.ts";
import { main as admin } from "../agent/src/admin/cli.ts";
import { exportAlerts } from "../agent/src/admin/history.ts";
import { stream } from "../agent/src/admin/stream.ts";
import { exportPublicKeyRaw, generateKeyPair, signRequest } from "../schema/signature.ts";
import { startLocalWorker } from "../scripts/lib/local-worker.ts";
import { alertRow, chunkRows, INSERT_ALERTS_SQL } from "../worker/src/store/alert-rows.ts";
import { STREAM_NEW_ALERTS_SQL } from "../worker/src/stream/log-sql.ts";

holdBenchLock();

const ROOT = resolve(import.meta.dirname, "..");
const N = Number(process.env.BENCH_ALERTS ?? 50_000);
const BATCH = 1000;
const DAY = 86_400_000;
const ANALYZERS = 20;

function makeAlert(analyzerid: string, i: number, t: number) {
  const time = new Date(t).toISOString().replace("Z", "+00:00");
  return {
    version: "1.0",
    alert: {
      messageid: `bench-${i}`,
      analyzer: [{ analyzerid, name: "idmef-agent", model: "idmef-edge agent", class: "HIDS", node: { name: `host-${i % 500}` } }],
      create_time: time,
      detect_time: time,
      classification: { text: ["Failed login", "Privileged command", "File access"][i % 3] },
      assessment: { impact: { severity: ["low", "medium", "high"][i % 3], completion: "failed", type: "user" } },
      source: [{ node: { address: [{ category: "ipv4-addr", address: `203.0.113.${i % 250}` }] } }],
      target: [{ node: { name: `host-${i % 500}` }, user: { user_id: [{ type: "target-user", name: "root", number: 0 }] },
        process: { name: "sshd", pid: 1000 + (i % 30000), path: "/usr/sbin/sshd" } }],
      additional_data: [{ meaning: "audit serial", type: "integer", data: i }],
    },
  };
}

async function timed(f: () => Promise<number>): Promise<{ n: number; ms: number }> {
  const t = performance.now();
  const n = await f();
  return { n, ms: performance.now() - t };
}

/** The reference: stream_log joined to alerts in seq order, pages of 5,000; returns the count. */
function sqliteStream(db: DatabaseSync): number {
  const page = db.prepare(`SELECT s.seq, a.message FROM stream_log s JOIN alerts a ON a.analyzerid = s.analyzerid AND a.messageid = s.messageid
    WHERE s.seq > ? ORDER BY s.seq LIMIT 5000`);
  let n = 0;
  let seq = 0;
  for (;;) {
    const rows = page.all(seq) as Array<{ seq: number; message: string }>;
    if (rows.length === 0) return n;
    n += rows.length;
    seq = rows[rows.length - 1].seq;
  }
}

const rate = (n: number, ms: number) => (n / (ms / 1000)).toFixed(0).padStart(8);

const tmp = mkdtempSync(join(tmpdir(), "bench-archive-"));
const state = join(tmp, "state");
const worker = await startLocalWorker({ persistDir: state });
try {
  if ((await admin(["init", "--local", "--persist-to", state, "--dir", join(tmp, "keys"), "--admin-id", "ops"], () => {})) !== 0) throw new Error("init failed");
  const api = await AdminApi.open(worker.url, join(tmp, "keys/admin.key"));
  const now = Date.now();
  const since = now - 60 * DAY;
  const byAnalyzer = new Map<string, ReturnType<typeof makeAlert>[]>();
  for (let i = 0; i < N; i++) {
    const an = `bench-an-${i % ANALYZERS}`;
    const list = byAnalyzer.get(an) ?? [];
    list.push(makeAlert(an, i, since + Math.floor(((i * 7919) % N) / N * 60 * DAY)));
    byAnalyzer.set(an, list);
  }
  // Ingest through the API (each analyzer its own client).
  const sqlite = new DatabaseSync(":memory:");
  for (const f of readdirSync(join(ROOT, "schema/migrations")).sort()) sqlite.exec(readFileSync(join(ROOT, "schema/migrations", f), "utf8"));
  const ins = sqlite.prepare(INSERT_ALERTS_SQL);
  const streamIns = sqlite.prepare(STREAM_NEW_ALERTS_SQL);
  for (const [an, alerts] of byAnalyzer) {
    const pair = await generateKeyPair();
    await api.call("POST", "/v1/clients", { client_id: `c-${an}`, name: an, analyzer_id: an, public_key: await exportPublicKeyRaw(pair.publicKey), permissions: ["idmef:w"] });
    for (let i = 0; i < alerts.length; i += BATCH) {
      const batch = alerts.slice(i, i + BATCH);
      const url = `${worker.url}/v1/messages`;
      const body = JSON.stringify(batch);
      const headers = await signRequest({ method: "POST", url, body, contentType: "application/json", keyId: `c-${an}`, privateKey: pair.privateKey });
      const res = await request(url, { method: "POST", headers, body });
      const text = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`ingest ${res.statusCode}: ${text.slice(0, 300)}`);
      // The same rows into the reference, with the same statements.
      sqlite.exec("BEGIN");
      for (const chunk of chunkRows(batch.map((m) => alertRow(m.alert as never, JSON.stringify(m))))) {
        ins.run(an, chunk, now);
        streamIns.run();
      }
      sqlite.exec("COMMIT");
    }
  }
  // Stream while everything is still in D1 (hot only), vs SQLite reading the same rows.
  const streamHot = await timed(() => stream(api, { format: "jsonl", follow: false, out: () => {}, limit: "5000" }));
  const sqliteHot = await timed(async () => sqliteStream(sqlite));

  // What the cron can move: whole hours older than the hot window.
  const boundary = Math.floor((Date.now() - 30 * DAY) / 3_600_000) * 3_600_000;
  const old = Array.from(byAnalyzer.values()).flat().filter((m) => Date.parse(m.alert.detect_time) < boundary).length;

  // Archive: cron runs until the hot window holds only the last 30 days.
  const t0 = performance.now();
  let runs = 0;
  let archived = 0;
  while (archived < old) {
    const res = await request(`${worker.url}/__scheduled?cron=*+*+*+*+*`);
    await res.body.text();
    runs++;
    archived = (await api.call<{ archive: { alerts: number } }>("GET", "/v1/status")).archive.alerts;
    if (runs > 10_000) throw new Error("archive does not progress");
  }
  const archiveMs = performance.now() - t0;

  // Export: all 60 days through the API, vs SQLite keyset pages in the same order.
  let exportBytes = 0;
  const t1 = performance.now();
  const exported = await exportAlerts(api, { since: String(since - 1), until: String(now + 1), format: "jsonl", out: (s) => (exportBytes += s.length) });
  const exportMs = performance.now() - t1;
  const page = sqlite.prepare(`SELECT analyzerid, messageid, detect_time, received_at, message FROM alerts
    WHERE (detect_time, analyzerid, messageid) > (?, ?, ?) ORDER BY detect_time, analyzerid, messageid LIMIT 5000`);
  const t2 = performance.now();
  let sqliteExported = 0;
  let key: [number, string, string] = [0, "", ""];
  for (;;) {
    const rows = page.all(...key) as Array<{ analyzerid: string; messageid: string; detect_time: number; message: string }>;
    if (rows.length === 0) break;
    for (const r of rows) exportBytes += r.message.length;
    sqliteExported += rows.length;
    const last = rows[rows.length - 1];
    key = [last.detect_time, last.analyzerid, last.messageid];
  }
  const sqliteExportMs = performance.now() - t2;

  // Stream: from the beginning, vs SQLite stream_log ⋈ alerts in seq order, pages of 1,000.
  const t3 = performance.now();
  const streamed = await stream(api, { format: "jsonl", follow: false, out: () => {}, limit: "5000" });
  const streamMs = performance.now() - t3;
  const t4 = performance.now();
  const sqliteStreamed = sqliteStream(sqlite);
  const sqliteStreamMs = performance.now() - t4;

  console.log(`bench:archive — ${N} alerts over 60 days, ${old} older than 30 days (${ANALYZERS} analyzers)`);
  const objects = (await api.call<{ archive: { objects: number; bytes: number } }>("GET", "/v1/status")).archive;
  console.log(`archive (cron → R2, ${runs} runs):            ${rate(archived, archiveMs)} alerts/s   (${archived} moved in ${(archiveMs / 1000).toFixed(1)} s; ${objects.objects} objects, ${rate(objects.objects, archiveMs)} objects/s, ${(objects.bytes / 1e6).toFixed(1)} MB gzip)`);
  console.log(`export via API (hot + archived):         ${rate(exported, exportMs)} alerts/s   (${exported} alerts)`);
  console.log(`export reference (node:sqlite, same rows):${rate(sqliteExported, sqliteExportMs)} alerts/s   → API/SQLite ${(exported / exportMs / (sqliteExported / sqliteExportMs)).toFixed(3)}x`);
  console.log(`stream via API, all hot (before archive):${rate(streamHot.n, streamHot.ms)} messages/s (${streamHot.n} messages)`);
  console.log(`stream reference (node:sqlite):          ${rate(sqliteHot.n, sqliteHot.ms)} messages/s → API/SQLite ${(streamHot.n / streamHot.ms / (sqliteHot.n / sqliteHot.ms)).toFixed(3)}x`);
  console.log(`stream via API, half archived:           ${rate(streamed, streamMs)} messages/s (${streamed} messages)`);
  console.log(`stream reference (node:sqlite):          ${rate(sqliteStreamed, sqliteStreamMs)} messages/s → API/SQLite ${(streamed / streamMs / (sqliteStreamed / sqliteStreamMs)).toFixed(3)}x`);
  if (exported !== N || streamed !== N || streamHot.n !== N) throw new Error(`expected ${N} alerts exported and streamed, got ${exported} / ${streamed}`);
} finally {
  await worker.stop();
  rmSync(tmp, { recursive: true, force: true });
}
