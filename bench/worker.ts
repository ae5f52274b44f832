/**
 * `npm run bench:worker`: ingestion throughput of the real Worker against raw SQLite, ONE run.
 *
 * Worker: wrangler dev (local workerd + local D1, migrations applied), every check on — RFC 9421
 * signature + digest, client lookup, D1 nonce, permission, schema validation of every message
 * (worker/src/validate/idmef.ts: the precompiled validator, zod for what it does not accept),
 * analyzer check, one D1 batch per request. 4 concurrent senders POST signed batches of 500.
 * Reference: node:sqlite in this process, same schema (all migrations), same rows, same
 * statements (the daily-quota upsert, the hourly-counts upsert, INSERT OR IGNORE ... json_each, its
 * stream_log entries and the analyzer upsert), one
 * transaction per batch. The quota is on for both, raised so the run's ~170,000 messages to one
 * analyzer fit in a day: the accounting runs, the refusal does not.
 *
 * Alerts are made by the agent itself (`idmef-agent replay`) from the live corpus, then given
 * fresh messageids so every one is stored. Target: Worker ≥ 0.75× raw SQLite messages/s.
 * Holds /tmp/bench.lock for the whole run so benchmarks never overlap.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { holdBenchLock } from "./lock.ts";
import { Agent, request } from "undici";
import { exportPublicKeyRaw, generateKeyPair, signRequest } from "../schema/signature.ts";
import { startLocalWorker, wranglerEnv, WRANGLER } from "../scripts/lib/local-worker.ts";
import { alertRow, ANALYZER_FROM_ALERTS_SQL, chunkRows, INSERT_ALERTS_SQL, utf8Length } from "../worker/src/store/alert-rows.ts";
import { COUNT_NEW_ALERTS_SQL, countKeyChunks } from "../worker/src/store/alert-counts-sql.ts";
import { STREAM_NEW_ALERTS_SQL } from "../worker/src/stream/log-sql.ts";
import { QUOTA_UPSERT_SQL, quotaUpsertParams, type DailyQuota } from "../worker/src/store/quota-rules.ts";

holdBenchLock();

const ROOT = resolve(import.meta.dirname, "..");
const LIVE = resolve(ROOT, "../shared/corpus/live");
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const SENDERS = Number(process.env.BENCH_SENDERS ?? 4);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 64);
const WARMUP = 16;
/** Each round runs raw SQLite and the Worker back to back on the same messages (which goes first
 *  alternates); the headline is the median of the per-round ratios, because the machine is shared
 *  and load moves between rounds. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ANALYZER = "bench-analyzer";
const QUOTA: DailyQuota = { messages: 100_000_000, bytes: 1e12 };
const CLIENT = "bench-client";

type Message = { version: string; alert: { messageid: string; analyzer: Array<{ analyzerid: string }> } & Record<string, unknown> };

function agentAlerts(): Message[] {
  const out: Message[] = [];
  for (const f of readdirSync(LIVE).filter((n) => n.endsWith(".log")).sort()) {
    const text = execFileSync(process.execPath, [join(ROOT, "agent/bin/idmef-agent.mjs"), "replay", join(LIVE, f)], {
      encoding: "utf8",
      maxBuffer: 1 << 28,
    });
    for (const line of text.split("\n")) if (line.startsWith("{")) out.push(JSON.parse(line) as Message);
  }
  return out.filter((m) => m.alert);
}

/** Batch bodies (JSON text), each alert a corpus alert with this analyzer and a unique id. */
function makeBodies(templates: Message[], n: number, tag: string): string[] {
  const bodies: string[] = [];
  let k = 0;
  for (let b = 0; b < n; b++) {
    const batch: Message[] = [];
    for (let i = 0; i < BATCH; i++, k++) {
      const t = templates[k % templates.length];
      const m = structuredClone(t);
      m.alert.messageid = `${tag}-${k}`;
      m.alert.analyzer[0].analyzerid = ANALYZER;
      batch.push(m);
    }
    bodies.push(JSON.stringify(batch));
  }
  return bodies;
}

interface RoundResult {
  seconds: number;
  /** CPU seconds spent by the storing side (Worker: wrangler + workerd; raw: this process). */
  cpu: number;
  stored: number;
}

interface Side {
  /** Stores one round of batches. */
  round(bodies: string[]): Promise<RoundResult>;
  close(): Promise<void>;
}

async function workerSide(warm: string[]): Promise<Side> {
  const dir = mkdtempSync(join(tmpdir(), "bench-worker-"));
  const worker = await startLocalWorker({
    persistDir: dir,
    vars: { QUOTA_MESSAGES_PER_DAY: String(QUOTA.messages), QUOTA_BYTES_PER_DAY: String(QUOTA.bytes) },
  });
  const pair = await generateKeyPair();
  const pub = await exportPublicKeyRaw(pair.publicKey);
  execFileSync(WRANGLER, ["d1", "execute", "DB", "--local", "--persist-to", dir, "--command",
    `INSERT INTO clients (id, name, public_key, analyzer_id, permissions, created_at) VALUES ('${CLIENT}', 'bench', '${pub}', '${ANALYZER}', 'idmef:w', ${Date.now()})`],
    { cwd: ROOT, env: wranglerEnv(), stdio: "ignore" });
  const url = `${worker.url}/v1/messages`;
  const dispatcher = new Agent({ connections: SENDERS });
  const post = async (body: string) => {
    const headers = await signRequest({ method: "POST", url, body, contentType: "application/json", keyId: CLIENT, privateKey: pair.privateKey });
    const res = await request(url, { method: "POST", headers, body, dispatcher });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`POST answered ${res.statusCode}: ${text.slice(0, 300)}`);
    const r = JSON.parse(text) as { accepted: number; rejected: unknown[] };
    if (r.rejected.length > 0) throw new Error(`rejected: ${JSON.stringify(r.rejected[0])}`);
    return r.accepted;
  };
  for (const b of warm) await post(b);
  return {
    async round(bodies) {
      let next = 0;
      let stored = 0;
      const cpu0 = groupCpuByPid(worker.pgid);
      const start = performance.now();
      await Promise.all(
        Array.from({ length: SENDERS }, async () => {
          while (next < bodies.length) {
            const accepted = await post(bodies[next++]);
            stored += accepted;
          }
        }),
      );
      const seconds = (performance.now() - start) / 1000;
      return { seconds, cpu: cpuSince(cpu0, groupCpuByPid(worker.pgid)), stored };
    },
    async close() {
      await dispatcher.close();
      await worker.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function sqliteSide(warm: string[]): Side {
  const dir = mkdtempSync(join(tmpdir(), "bench-sqlite-"));
  const db = new DatabaseSync(join(dir, "raw.sqlite"));
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
  const migrations = resolve(ROOT, "schema/migrations");
  for (const f of readdirSync(migrations).filter((n) => n.endsWith(".sql")).sort()) db.exec(readFileSync(join(migrations, f), "utf8"));
  const insert = db.prepare(INSERT_ALERTS_SQL);
  const upsert = db.prepare(ANALYZER_FROM_ALERTS_SQL);
  const quota = db.prepare(QUOTA_UPSERT_SQL);
  const countNew = db.prepare(COUNT_NEW_ALERTS_SQL);
  const stream = db.prepare(STREAM_NEW_ALERTS_SQL);
  // What the Worker's store does for an alert batch, minus HTTP, auth and validation.
  const store = (body: string) => {
    const now = Date.now();
    const messages = JSON.parse(body) as Array<{ alert: Parameters<typeof alertRow>[0] }>;
    const jsons = messages.map((m) => JSON.stringify(m));
    const rows = messages.map((m, i) => alertRow(m.alert, jsons[i]));
    const usage = { messages: jsons.length, bytes: jsons.reduce((b, j) => b + utf8Length(j), 0) };
    let n = 0;
    db.exec("BEGIN");
    quota.run(...(quotaUpsertParams(ANALYZER, usage, QUOTA, now) as Array<string | number>));
    for (const keys of countKeyChunks(rows, now)) countNew.run(ANALYZER, keys);
    for (const chunk of chunkRows(rows)) {
      n += Number(insert.run(ANALYZER, chunk, now).changes);
      stream.run();
      upsert.run(ANALYZER, "idmef-agent", null, null, null, CLIENT, now);
    }
    db.exec("COMMIT");
    return n;
  };
  for (const b of warm) store(b);
  return {
    async round(bodies) {
      let stored = 0;
      const cpu0 = process.cpuUsage();
      const start = performance.now();
      for (const b of bodies) stored += store(b);
      const seconds = (performance.now() - start) / 1000;
      const cpu = process.cpuUsage(cpu0);
      return { seconds, cpu: (cpu.user + cpu.system) / 1e6, stored };
    },
    async close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** CPU seconds (user + system) of each process in a process group, from /proc. */
function groupCpuByPid(pgid: number): Map<string, number> {
  const ticks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  const out = new Map<string, number>();
  for (const pid of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(f[2]) === pgid) out.set(pid, (Number(f[11]) + Number(f[12])) / ticks);
  }
  return out;
}

/** CPU used between two samples, per process: one that exited meanwhile no longer subtracts its
 *  whole past from the total (a group total could go negative); one that started counts fully. */
function cpuSince(before: Map<string, number>, after: Map<string, number>): number {
  let total = 0;
  for (const [pid, s] of after) total += Math.max(0, s - (before.get(pid) ?? 0));
  return total;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const templates = agentAlerts();
const bodies = makeBodies(templates, BATCHES, "m");
const warm = makeBodies(templates, WARMUP, "warm");
const total = BATCHES * BATCH;
const mb = bodies.reduce((n, b) => n + b.length, 0) / 1e6;
console.log(`${templates.length} distinct alerts from the live corpus (idmef-agent replay); ${BATCHES} batches × ${BATCH} = ${total} messages, ${mb.toFixed(1)} MB; ${SENDERS} concurrent senders`);

const raw = sqliteSide(warm);
const w = await workerSide(warm);
const rates = { raw: [] as number[], worker: [] as number[], rawCpu: [] as number[], workerCpu: [] as number[] };
try {
  for (let r = 0; r < ROUNDS; r++) {
    const roundBodies = r === 0 ? bodies : makeBodies(templates, BATCHES, `r${r}`);
    // Alternate which side goes first, so a load change within a round does not always favour one.
    const rawFirst = r % 2 === 0;
    const first = await (rawFirst ? raw : w).round(roundBodies);
    const second = await (rawFirst ? w : raw).round(roundBodies);
    const [a, b] = rawFirst ? [first, second] : [second, first];
    if (a.stored !== total || b.stored !== total) throw new Error(`round ${r}: stored ${b.stored} (worker) / ${a.stored} (sqlite), expected ${total}`);
    rates.raw.push(total / a.seconds);
    rates.worker.push(total / b.seconds);
    rates.rawCpu.push(total / a.cpu);
    rates.workerCpu.push(total / b.cpu);
    console.log(
      `round ${r + 1}: worker ${(total / b.seconds).toFixed(0)} msg/s (${(total / b.cpu).toFixed(0)} msg per server CPU-s), ` +
        `raw SQLite ${(total / a.seconds).toFixed(0)} msg/s (${(total / a.cpu).toFixed(0)} msg per CPU-s); ` +
        `ratio ${(a.seconds / b.seconds).toFixed(2)}×`,
    );
  }
} finally {
  await w.close();
  await raw.close();
}
const [wRate, rRate, wCpu, rCpu] = [rates.worker, rates.raw, rates.workerCpu, rates.rawCpu].map(median);
// Rounds are paired (same messages, back to back), so the ratio is the median of per-round ratios.
const wallRatio = median(rates.worker.map((w, i) => w / rates.raw[i]));
const cpuRatio = median(rates.workerCpu.map((w, i) => w / rates.rawCpu[i]));
console.log(`\nmedian of ${ROUNDS} rounds, ${total} messages each:`);
console.log(`worker (wrangler dev, local D1, all checks): ${wRate.toFixed(0).padStart(7)} messages/s   ${wCpu.toFixed(0).padStart(7)} messages per server CPU-second`);
console.log(`raw SQLite (node:sqlite, same rows/SQL):     ${rRate.toFixed(0).padStart(7)} messages/s   ${rCpu.toFixed(0).padStart(7)} messages per CPU-second`);
console.log(`ratio worker / raw SQLite (median of per-round ratios): ${wallRatio.toFixed(2)}× by wall clock (target ≥ 0.75×), ${cpuRatio.toFixed(2)}× by CPU time`);
