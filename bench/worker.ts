/**
 * `npm run bench:worker`: ingestion throughput of the real Worker against raw SQLite, ONE run.
 *
 * Worker: wrangler dev (local workerd + local D1, migrations applied), every check on — RFC 9421
 * signature + digest, client lookup, D1 nonce, permission, zod validation of every message,
 * analyzer check, one D1 batch per request. 4 concurrent senders POST signed batches of 500.
 * Reference: node:sqlite in this process, same schema (all migrations), same rows, same
 * statements (INSERT OR IGNORE ... json_each + the analyzer upsert), one transaction per batch.
 *
 * Alerts are made by the agent itself (`idmef-agent replay`) from the live corpus, then given
 * fresh messageids so every one is stored. Target: Worker ≥ 0.75× raw SQLite messages/s.
 * Holds /tmp/bench.lock for the whole run so benchmarks never overlap.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { Agent, request } from "undici";
import { exportPublicKeyRaw, generateKeyPair, signRequest } from "../schema/signature.ts";
import { startLocalWorker, wranglerEnv, WRANGLER } from "../scripts/lib/local-worker.ts";
import { alertRow, ANALYZER_FROM_ALERTS_SQL, chunkRows, INSERT_ALERTS_SQL } from "../worker/src/store/alert-rows.ts";

if (process.env.IDMEF_BENCH_LOCKED !== "1") {
  const r = spawnSync("flock", ["/tmp/bench.lock", process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, IDMEF_BENCH_LOCKED: "1" },
  });
  process.exit(r.status ?? 1);
}

const ROOT = resolve(import.meta.dirname, "..");
const LIVE = resolve(ROOT, "../shared/corpus/live");
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const SENDERS = Number(process.env.BENCH_SENDERS ?? 4);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 64);
const WARMUP = 4;
const ANALYZER = "bench-analyzer";
const CLIENT = "bench-client";

type Message = { version: string; alert: { messageid: string; analyzer: Array<{ analyzerid: string }> } & Record<string, unknown> };

function agentAlerts(): Message[] {
  const out: Message[] = [];
  for (const f of readdirSync(LIVE).filter((n) => n.endsWith(".log")).sort()) {
    const text = execFileSync(process.execPath, [join(ROOT, "agent/bin/idmef-agent.ts"), "replay", join(LIVE, f)], {
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

async function runWorker(bodies: string[], warm: string[]): Promise<{ seconds: number; stored: number }> {
  const dir = mkdtempSync(join(tmpdir(), "bench-worker-"));
  const worker = await startLocalWorker({ persistDir: dir });
  try {
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
    let next = 0;
    let stored = 0;
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
    await dispatcher.close();
    return { seconds, stored };
  } finally {
    await worker.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function runSqlite(bodies: string[], warm: string[]): { seconds: number; stored: number } {
  const dir = mkdtempSync(join(tmpdir(), "bench-sqlite-"));
  const db = new DatabaseSync(join(dir, "raw.sqlite"));
  try {
    db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
    const migrations = resolve(ROOT, "schema/migrations");
    for (const f of readdirSync(migrations).filter((n) => n.endsWith(".sql")).sort()) db.exec(readFileSync(join(migrations, f), "utf8"));
    const insert = db.prepare(INSERT_ALERTS_SQL);
    const upsert = db.prepare(ANALYZER_FROM_ALERTS_SQL);
    const store = (body: string) => {
      const now = Date.now();
      const messages = JSON.parse(body) as Array<{ alert: Parameters<typeof alertRow>[0] }>;
      const rows = messages.map((m) => alertRow(m.alert, JSON.stringify(m)));
      let n = 0;
      db.exec("BEGIN");
      for (const chunk of chunkRows(rows)) {
        n += Number(insert.run(ANALYZER, chunk, now).changes);
        upsert.run(ANALYZER, "idmef-agent", null, null, null, CLIENT, now);
      }
      db.exec("COMMIT");
      return n;
    };
    for (const b of warm) store(b);
    let stored = 0;
    const start = performance.now();
    for (const b of bodies) stored += store(b);
    return { seconds: (performance.now() - start) / 1000, stored };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const templates = agentAlerts();
const bodies = makeBodies(templates, BATCHES, "m");
const warm = makeBodies(templates, WARMUP, "warm");
const total = BATCHES * BATCH;
const mb = bodies.reduce((n, b) => n + b.length, 0) / 1e6;
console.log(`${templates.length} distinct alerts from the live corpus (idmef-agent replay); ${BATCHES} batches × ${BATCH} = ${total} messages, ${mb.toFixed(1)} MB; ${SENDERS} concurrent senders`);

const raw = runSqlite(bodies, warm);
const w = await runWorker(bodies, warm);
if (raw.stored !== total || w.stored !== total) throw new Error(`stored ${w.stored} (worker) / ${raw.stored} (sqlite), expected ${total}`);
const wRate = total / w.seconds;
const rRate = total / raw.seconds;
console.log(`worker (wrangler dev, local D1, all checks): ${wRate.toFixed(0).padStart(8)} messages/s  (${w.seconds.toFixed(2)} s)`);
console.log(`raw SQLite (node:sqlite, same rows/SQL):     ${rRate.toFixed(0).padStart(8)} messages/s  (${raw.seconds.toFixed(2)} s)`);
console.log(`ratio worker / raw SQLite: ${(wRate / rRate).toFixed(2)}×  (target ≥ 0.75×)`);
