/**
 * `npm run bench:agent -- --send`: the delivery path, on the same 1,000,000-record log as
 * bench/agent.ts, measured in ONE run against `idmef-agent replay` (the reference):
 *   1. replay (idmef, to /dev/null): records/s — the reference;
 *   2. plugin mode with the server DOWN: records/s at which stdin is consumed (target ≥ 50% of
 *      replay's) and the agent's peak RSS (target ≤ 150 MB) — stdin must never wait on delivery;
 *   3. plugin mode into the real local Worker (wrangler dev + D1): end-to-end events/s (first byte
 *      on stdin → agent exited with every alert stored), and p99 latency from the moment an
 *      event's last record was handed to stdin to the Worker's `received_at` for its alert.
 * Holds /tmp/bench.lock for the whole run (re-exec under flock unless bench/agent.ts holds it).
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { makeAgentHost } from "../test/e2e/lib/agent.ts";
import { Operator, freePort, startWorker } from "../test/e2e/lib/worker.ts";

const ROOT = resolve(import.meta.dirname, "..");
const OUT = join(ROOT, "bench", "out");
const TOOLS = resolve(ROOT, "../shared/tools");
const LOG = join(OUT, "bench-1m.log");
const AGENT = join(ROOT, "agent", "bin", "idmef-agent.mjs");
/** The plugin path as auditd runs it: the launcher from agent/audisp/idmef-agent.conf. */
const PLUGIN = join(ROOT, "agent", "bin", "idmef-agent-plugin");
const MB = 1024 * 1024;

function ensureLog(): void {
  if (existsSync(LOG)) return;
  mkdirSync(OUT, { recursive: true });
  execFileSync(process.execPath, [join(TOOLS, "make-bench-log.mjs"), "--interleave", LOG], { stdio: "inherit" });
}

/** `replay` of the log under this config (GNU time): wall and CPU seconds, its stderr counters. */
function replayReference(configFile: string): { wallS: number; cpuS: number; counters: Record<string, number> } {
  const r = spawnSync("/usr/bin/time", ["-f", "TIME %e %U %S", process.execPath, AGENT, "replay", LOG, "--config", configFile], {
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`replay failed: ${r.stderr}`);
  const err = r.stderr.toString();
  const [wall, user, sys] = /TIME (\S+) (\S+) (\S+)/.exec(err)!.slice(1).map(Number);
  const counters = Object.fromEntries([...err.matchAll(/(\w+)=(\d+)/g)].map((m) => [m[1], Number(m[2])]));
  return { wallS: wall, cpuS: user + sys, counters };
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function rssKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

interface FeedResult {
  /** ms from the first byte offered to the last byte taken by the agent's stdin pipe. */
  consumeMs: number;
  /** The agent's CPU seconds at that moment (start-up included). */
  consumeCpuS: number;
  /** Byte offset → performance.timeOrigin-based epoch ms when the chunk ending there was taken. */
  chunkEnds: { end: number; at: number }[];
  peakRssKb: number;
  exitMs: number;
  code: number | null;
}

/** Run the agent fed the whole log on stdin; then SIGTERM (server down) or EOF (server up). */
async function runAgent(configFile: string, end: "sigterm" | "eof"): Promise<FeedResult> {
  const child = spawn(PLUGIN, ["--config", configFile], { stdio: ["pipe", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  let peak = 0;
  const poll = setInterval(() => (peak = Math.max(peak, rssKb(child.pid!, "VmHWM"))), 100);
  const chunkEnds: { end: number; at: number }[] = [];
  const t0 = performance.now();
  let offset = 0;
  for await (const chunk of createReadStream(LOG, { highWaterMark: MB })) {
    offset += (chunk as Buffer).length;
    if (!child.stdin.write(chunk)) await new Promise((r) => child.stdin.once("drain", r));
    chunkEnds.push({ end: offset, at: Date.now() });
  }
  const consumeMs = performance.now() - t0;
  const consumeCpuS = cpuSeconds(child.pid!);
  peak = Math.max(peak, rssKb(child.pid!, "VmHWM"));
  if (end === "sigterm") child.kill("SIGTERM");
  else child.stdin.end();
  const code = await exited;
  clearInterval(poll);
  if (code !== 0) throw new Error(`agent exited ${code}: ${stderr.slice(-2000)}`);
  return { consumeMs, consumeCpuS, chunkEnds, peakRssKb: peak, exitMs: performance.now() - t0, code };
}

/** serial → byte offset just past the last record of that event in the log. */
function lastRecordOffsets(): Map<number, number> {
  const buf = readFileSync(LOG);
  const ends = new Map<number, number>();
  let pos = 0;
  while (pos < buf.length) {
    let nl = buf.indexOf(10, pos);
    if (nl < 0) nl = buf.length;
    const head = buf.toString("latin1", pos, Math.min(nl, pos + 200));
    const m = /audit\(\d+\.\d+:(\d+)\)/.exec(head);
    if (m) ends.set(Number(m[1]), nl + 1);
    pos = nl + 1;
  }
  return ends;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function main(): Promise<number> {
  ensureLog();
  const dir = mkdtempSync(join(tmpdir(), "bench-send-"));
  const out = (s: string) => process.stdout.write(s + "\n");
  try {
    // ---- 1. reference: replay ------------------------------------------------------------
    const downPort = await freePort();
    const downHost = await makeAgentHost(join(dir, "down"), `http://127.0.0.1:${downPort}`, { shutdown_timeout_ms: 1000 });
    const ref = replayReference(downHost.configFile);
    const records = ref.counters.records;
    const refRate = records / ref.wallS;
    out(
      `replay (reference):   ${records} records in ${ref.wallS.toFixed(2)} s wall = ${Math.round(refRate)} records/s ` +
        `(${ref.cpuS.toFixed(2)} s CPU), ${ref.counters.events} events, ${ref.counters.alerts} alerts`,
    );

    // ---- 2. server down: stdin keeps flowing, memory stays bounded -----------------------
    const down = await runAgent(downHost.configFile, "sigterm");
    const downRate = records / (down.consumeMs / 1000);
    const ratio = downRate / refRate;
    const rssMb = down.peakRssKb / 1024;
    const cpuRatio = ref.cpuS / down.consumeCpuS;
    out(
      `server down:          stdin consumed at ${Math.round(downRate)} records/s = ${ratio.toFixed(2)}× replay by wall time ` +
        `(target ≥ 0.50: ${ratio >= 0.5 ? "PASS" : "FAIL"}; by CPU time ${cpuRatio.toFixed(2)}×: ${down.consumeCpuS.toFixed(2)} s vs ${ref.cpuS.toFixed(2)} s); ` +
        `peak RSS ${rssMb.toFixed(1)} MB (target ≤ 150: ${rssMb <= 150 ? "PASS" : "FAIL"})`,
    );

    // ---- 3. server up: end to end into the local Worker -----------------------------------
    const worker = await startWorker(join(dir, "d1"));
    try {
      const operator = await Operator.bootstrap(worker.url, join(dir, "d1"));
      const host = await makeAgentHost(join(dir, "up"), worker.url, {
        shutdown_timeout_ms: 600_000,
        batch_max_messages: 500,
        batch_linger_ms: 50,
      });
      await operator.registerAgent({ clientId: host.clientId, analyzerId: host.analyzerId, publicKey: host.publicKey });
      const up = await runAgent(host.configFile, "eof");
      const e2eS = up.exitMs / 1000;
      const stored = await operator.alerts(host.analyzerId);
      const ends = lastRecordOffsets();
      const latencies: number[] = [];
      for (const a of stored) {
        const msg = a.message as { alert: { additional_data?: { meaning: string; data: unknown }[] } };
        const serial = msg.alert.additional_data?.find((d) => d.meaning === "Audit event serial #")?.data;
        const end = typeof serial === "number" ? ends.get(serial) : undefined;
        if (end === undefined) continue;
        const chunk = up.chunkEnds.find((c) => c.end >= end)!;
        latencies.push(Date.parse(a.received_at) - chunk.at);
      }
      latencies.sort((x, y) => x - y);
      out(
        `server up (Worker):   ${ref.counters.events} events end to end in ${e2eS.toFixed(2)} s = ${Math.round(ref.counters.events / e2eS)} events/s ` +
          `(${records} records, ${stored.length}/${ref.counters.alerts} alerts stored; peak RSS ${(up.peakRssKb / 1024).toFixed(1)} MB)`,
      );
      out(
        `latency stdin→stored: p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1)} ms ` +
          `(${latencies.length} alerts; the log is offered as fast as the agent takes it)`,
      );
      return stored.length === ref.counters.alerts && ratio >= 0.5 && rssMb <= 150 ? 0 : 1;
    } finally {
      await worker.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.env.IDMEF_BENCH_LOCKED !== "1") {
    const r = spawnSync("flock", ["/tmp/bench.lock", process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
      stdio: "inherit",
      env: { ...process.env, IDMEF_BENCH_LOCKED: "1" },
    });
    process.exit(r.status ?? 1);
  }
  process.exitCode = await main();
}
