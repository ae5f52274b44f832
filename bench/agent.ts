/**
 * `npm run bench:agent`: the agent's reading half against the references, measured in ONE run on
 * the same 1,000,000-record log:
 *   - idmef-agent replay --format events  vs laurel (target ≥ 2× laurel's records/s)
 *   - idmef-agent replay (idmef, default) vs libauparse's feed API, auparse-ref (target ≥ 1.5×)
 *   - peak RSS of the agent (target ≤ 120 MB)
 * Every command runs under GNU time (wall, user+sys CPU, max RSS), in interleaved rounds
 * (BENCH_RUNS, default 3): records/s from each command's best wall time, peak RSS the worst seen.
 * The CPU-time ratio is printed too because the machine is shared (2 cores, 5 engineers) and wall
 * time moves with other people's load. The whole run holds /tmp/bench.lock so benchmarks never
 * overlap.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { laurelConfig } from "./lib/laurel.ts";

const ROOT = resolve(import.meta.dirname, "..");
const OUT = join(ROOT, "bench", "out");
const TOOLS = resolve(ROOT, "../shared/tools");
const LOG = join(OUT, "bench-1m.log");
const RECORDS = 1_000_000;
const AGENT = join(ROOT, "agent", "bin", "idmef-agent.mjs");
// The agent's shebang runs `node` from PATH: make it this Node (22, type stripping).
process.env.PATH = `${dirname(process.execPath)}:${process.env.PATH ?? ""}`;

// `npm run bench:agent -- --send`: the delivery path instead (bench/agent-send.ts; it takes the lock itself).
if (process.argv.includes("--send")) {
  process.exit(spawnSync(process.execPath, [join(import.meta.dirname, "agent-send.ts")], { stdio: "inherit" }).status ?? 1);
}

// Hold the benchmark lock for the whole run (re-exec under flock once).
if (process.env.IDMEF_BENCH_LOCKED !== "1") {
  const r = spawnSync("flock", ["/tmp/bench.lock", process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, IDMEF_BENCH_LOCKED: "1" },
  });
  process.exit(r.status ?? 1);
}

interface Timing {
  wallS: number;
  cpuS: number;
  maxRssKb: number;
}

/** Run a command under GNU time with stdin/stdout files; fail loudly on a non-zero exit. */
function timed(label: string, argv: string[], stdinFile: string, stdoutFile = "/dev/null"): Timing {
  const fmtFile = join(tmpdir(), `bench-time-${process.pid}.txt`);
  const script = `exec /usr/bin/time -o "$0" -f "%e %U %S %M" "$@" < ${JSON.stringify(stdinFile)} > ${JSON.stringify(stdoutFile)}`;
  const r = spawnSync("sh", ["-c", script, fmtFile, ...argv], { stdio: ["ignore", "ignore", "pipe"], env: process.env });
  if (r.status !== 0) throw new Error(`${label} failed (${r.status}): ${r.stderr.toString().slice(-2000)}`);
  const [wall, user, sys, rss] = execFileSync("tail", ["-n", "1", fmtFile]).toString().trim().split(/\s+/).map(Number);
  rmSync(fmtFile, { force: true });
  const stderr = r.stderr.toString().trim();
  if (stderr) process.stderr.write(`  ${label}: ${stderr.split("\n").slice(-1)[0]}\n`);
  return { wallS: wall, cpuS: user + sys, maxRssKb: rss };
}

function ensureLog(): void {
  if (existsSync(LOG)) return;
  mkdirSync(OUT, { recursive: true });
  execFileSync(process.execPath, [join(TOOLS, "make-bench-log.mjs"), "--interleave", LOG], { stdio: "inherit" });
}

function ensureAuparseRef(): string {
  const bin = join(OUT, "auparse-ref");
  if (!existsSync(bin)) execFileSync("gcc", ["-O2", "-o", bin, join(TOOLS, "auparse-ref.c"), "-lauparse", "-laudit"], { stdio: "inherit" });
  return bin;
}

function rate(t: Timing): number {
  return RECORDS / t.wallS;
}

function fmtRate(t: Timing): string {
  return `${Math.round(rate(t)).toLocaleString("en-US")} rec/s (wall ${t.wallS.toFixed(2)} s, cpu ${t.cpuS.toFixed(2)} s, max RSS ${(t.maxRssKb / 1024).toFixed(1)} MB)`;
}

function main(): void {
  ensureLog();
  const auparseRef = ensureAuparseRef();
  const laurelDir = mkdtempSync(join(tmpdir(), "bench-laurel-"));
  try {
    const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
    console.log(`input: ${LOG} (${RECORDS.toLocaleString("en-US")} records); best of ${runs} interleaved runs`);
    const config = laurelConfig(laurelDir);
    const all: Record<"laurel" | "events" | "auparse" | "idmef", Timing[]> = { laurel: [], events: [], auparse: [], idmef: [] };
    // Interleaved rounds, so every command sees the same mix of the shared machine's load; each
    // command's best wall time counts, and its worst peak RSS.
    for (let i = 0; i < runs; i++) {
      all.laurel.push(timed("laurel", ["laurel", "-c", config], LOG));
      rmSync(join(laurelDir, "audit.log"), { force: true });
      // The agent runs as installed: its executable, so the shebang's V8 options apply.
      all.events.push(timed("agent events", [AGENT, "replay", "-", "--format", "events"], LOG));
      all.auparse.push(timed("auparse-ref", [auparseRef], LOG));
      all.idmef.push(timed("agent idmef", [AGENT, "replay", "-"], LOG));
    }
    const best = (ts: Timing[]): Timing => ({
      ...ts.reduce((a, b) => (b.wallS < a.wallS ? b : a)),
      maxRssKb: Math.max(...ts.map((t) => t.maxRssKb)),
    });
    const laurel = best(all.laurel);
    const events = best(all.events);
    const auparse = best(all.auparse);
    const idmef = best(all.idmef);

    console.log("");
    console.log(`laurel (enrichment off)          ${fmtRate(laurel)}`);
    console.log(`agent replay --format events     ${fmtRate(events)}`);
    console.log(`libauparse feed (auparse-ref)    ${fmtRate(auparse)}`);
    console.log(`agent replay (idmef)             ${fmtRate(idmef)}`);
    console.log("");
    const ratio = (a: Timing, b: Timing) => `${(rate(a) / rate(b)).toFixed(2)}× wall, ${(b.cpuS / a.cpuS).toFixed(2)}× cpu`;
    const ok = (cond: boolean) => (cond ? "OK" : "BELOW TARGET");
    console.log(`events / laurel:   ${ratio(events, laurel)}   target ≥ 2×   ${ok(rate(events) / rate(laurel) >= 2)}`);
    console.log(`events peak RSS:   ${(events.maxRssKb / 1024).toFixed(1)} MB   target ≤ 120 MB   ${ok(events.maxRssKb / 1024 <= 120)}`);
    console.log(`idmef / auparse:   ${ratio(idmef, auparse)}   target ≥ 1.5×   ${ok(rate(idmef) / rate(auparse) >= 1.5)}`);
    console.log(`idmef peak RSS:    ${(idmef.maxRssKb / 1024).toFixed(1)} MB   target ≤ 120 MB   ${ok(idmef.maxRssKb / 1024 <= 120)}`);
  } finally {
    rmSync(laurelDir, { recursive: true, force: true });
  }
}

mkdirSync(dirname(LOG), { recursive: true });
main();
