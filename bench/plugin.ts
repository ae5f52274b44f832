/**
 * `npm run bench:plugin`: what the agent costs on a live host, side by side with laurel.
 * A private auditd (`auditd -n -c DIR`) feeds BOTH plugins (the agent's launcher and laurel) the
 * same stream: an execve rule with a key, limited to the children of a paced fork+exec load
 * generator (BENCH_RATE exec/s for BENCH_SECONDS, default 1000/s for 30 s), so other people's
 * processes on this shared machine are not audited. Two scenarios, each on a fresh auditd:
 *   - alerting: key_rule on the rule's key, so every exec is an alert delivered to a local Worker
 *   - quiet:    no key_rule, every event parsed and reassembled, no rule fires
 * Per plugin: CPU = utime+stime from /proc/PID/stat over the load window plus catch-up (share of
 * one core over the load window), RSS idle (before load), steady (median of VmRSS samples under
 * load) and peak (VmHWM). The agent/laurel CPU ratio of the same run is the headline: the machine
 * is shared, absolute figures move with other people's load.
 * Skips with the reason where root, the audit subsystem, auditd or laurel is missing.
 * Holds /tmp/kernel-audit.lock and /tmp/bench.lock for the whole run; leaves the host clean
 * (rule deleted, auditd stopped, `auditctl -e 0`).
 * The agent measured is a snapshot taken when the command starts (built bundle + launcher, copied
 * to a temp dir), so a run that waits in the lock queue measures the tree as it was when queued.
 * BENCH_AGENT_SNAPSHOT=DIR: measure an earlier snapshot instead (A/B between commits).
 * BENCH_LINGER_MS: the agent's batch_linger_ms (default 50, as in the e2e tests; shipped default 200).
 * BENCH_ROUNDS=N: repeat the scenarios N times within one hold of the locks.
 * BENCH_PROFILE_DIR=DIR: one more round with `--cpu-prof` on the agent (profiles land in DIR;
 * not counted in the figures). BENCH_PLUGIN_NODE_FLAGS: extra node flags for the agent.
 * BENCH_SCENARIOS=alerting,quiet selects scenarios; BENCH_SECONDS=600 is the 10-minute soak.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { chmodSync, cpSync, existsSync, symlinkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { makeAgentHost, waitFor } from "../test/e2e/lib/agent.ts";
import { laurelConfig } from "./lib/laurel.ts";
import { d1, Operator, startWorker } from "../test/e2e/lib/worker.ts";

const ROOT = resolve(import.meta.dirname, "..");
const PLUGIN = join(process.env.BENCH_AGENT_SNAPSHOT ?? ROOT, "agent", "bin", "idmef-agent-plugin");
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));
const LAUREL = "/usr/sbin/laurel";
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const KEY = "idmef-bench-exec";
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? "alerting,quiet").split(",").filter(Boolean) as Scenario[];
type Scenario = "alerting" | "quiet";

/**
 * A runnable copy of the built agent: launcher, bundle, and a node_modules link. The source dirs
 * are empty, so the launcher takes the bundle as fresh whatever happens to the tree afterwards.
 */
function snapshotAgent(): string {
  execFileSync(process.execPath, [join(ROOT, "scripts", "build-agent.mjs")], { stdio: "inherit" });
  const dir = mkdtempSync(join(tmpdir(), "bench-plugin-agent-"));
  for (const d of ["agent/src", "schema"]) mkdirSync(join(dir, d), { recursive: true });
  cpSync(join(ROOT, "agent", "bin"), join(dir, "agent", "bin"), { recursive: true });
  cpSync(join(ROOT, "agent", "dist"), join(dir, "agent", "dist"), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  chmodSync(dir, 0o755);
  return dir;
}

// Both locks for the whole run (re-exec once under flock), the bench queue first so that waiting
// in it never blocks others' audit tests: the kernel's audit subsystem is one per
// host, and benchmarks must not overlap.
if (process.env.IDMEF_PLUGIN_BENCH_LOCKED !== "1") {
  const own = process.env.BENCH_AGENT_SNAPSHOT ? null : snapshotAgent();
  const snapshot = process.env.BENCH_AGENT_SNAPSHOT ?? own!;
  console.log(`agent snapshot: ${snapshot}${own ? " (removed at the end; BENCH_KEEP keeps it)" : ""}`);
  const r = spawnSync("flock", ["/tmp/bench.lock", "flock", "/tmp/kernel-audit.lock", process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, IDMEF_PLUGIN_BENCH_LOCKED: "1", BENCH_AGENT_SNAPSHOT: snapshot },
  });
  if (own && !process.env.BENCH_KEEP) rmSync(own, { recursive: true, force: true });
  process.exit(r.status ?? 1);
}

function skipReason(): string | null {
  if (process.getuid?.() !== 0) return "not root";
  if (!existsSync("/sbin/auditd") && !existsSync("/usr/sbin/auditd")) return "auditd is not installed";
  if (!existsSync(LAUREL)) return `laurel is not installed (${LAUREL})`;
  const s = spawnSync("auditctl", ["-s"], { encoding: "utf8" });
  if (s.status !== 0) return `auditctl -s fails: ${(s.stderr || s.error?.message || "").trim()}`;
  const pid = /^pid (\d+)/m.exec(s.stdout)?.[1];
  if (pid && pid !== "0" && existsSync(`/proc/${pid}`)) return `an auditd (pid ${pid}) is already running; not touching it`;
  if (spawnSync("gcc", ["--version"]).status !== 0) return "gcc is missing (the load generator is a small C program)";
  return null;
}

/** A paced fork+exec load: waits for a line on stdin, then RATE posix_spawn()s/s of a static no-op for SECONDS. */
const LOADGEN_C = String.raw`
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
extern char **environ;
int main(int argc, char **argv) {
  long rate = atol(argv[2]); double secs = atof(argv[3]);
  char *args[] = { argv[1], NULL };
  char go[8]; if (!fgets(go, sizeof go, stdin)) return 2;
  struct timespec t0, next, now; clock_gettime(CLOCK_MONOTONIC, &t0); next = t0;
  long n = 0, total = (long)(rate * secs), step = 1000000000L / rate, failed = 0;
  while (n < total) {
    pid_t pid;
    if (posix_spawn(&pid, argv[1], NULL, NULL, args, environ) != 0) failed++;
    n++;
    while (waitpid(-1, NULL, WNOHANG) > 0) {}
    next.tv_nsec += step; while (next.tv_nsec >= 1000000000L) { next.tv_nsec -= 1000000000L; next.tv_sec++; }
    clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
  }
  while (waitpid(-1, NULL, 0) > 0) {}
  clock_gettime(CLOCK_MONOTONIC, &now);
  printf("%ld %ld %.3f\n", n, failed, (now.tv_sec - t0.tv_sec) + (now.tv_nsec - t0.tv_nsec) / 1e9);
  return 0;
}
`;

function buildTools(dir: string): { loadgen: string; noop: string } {
  writeFileSync(join(dir, "loadgen.c"), LOADGEN_C);
  writeFileSync(join(dir, "noop.c"), "int main(void) { return 0; }\n");
  const loadgen = join(dir, "loadgen");
  const noop = join(dir, "noop");
  execFileSync("gcc", ["-O2", "-o", loadgen, join(dir, "loadgen.c")]);
  // Static where the toolchain allows: the exec'd program should cost the host as little as possible.
  if (spawnSync("gcc", ["-O2", "-static", "-o", noop, join(dir, "noop.c")]).status !== 0) execFileSync("gcc", ["-O2", "-o", noop, join(dir, "noop.c")]);
  return { loadgen, noop };
}

function mkdirp(d: string): string {
  mkdirSync(d, { recursive: true });
  return d;
}

function pluginConf(path: string, args: string): string {
  return ["active = yes", "direction = out", `path = ${path}`, "type = always", `args = ${args}`, "format = string", ""].join("\n");
}

const TICK = 100; // USER_HZ on Linux
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[11]) + Number(f[12])) / TICK; // utime, stime (fields 14, 15)
}
function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : NaN;
}
function childrenOf(ppid: number): { pid: number; comm: string }[] {
  const out: { pid: number; comm: string }[] = [];
  for (const p of readdirSync("/proc")) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(rest[1]) === ppid) out.push({ pid: Number(p), comm: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) });
    } catch {
      // gone
    }
  }
  return out;
}

interface PluginFigures {
  cpuS: number;
  idleRssKb: number;
  steadyRssKb: number;
  peakRssKb: number;
}
interface ScenarioResult {
  scenario: Scenario;
  execs: number;
  loadS: number;
  agent: PluginFigures;
  laurel: PluginFigures;
  alertsStored: number | null;
  /** Event time (kernel) → stored in D1, ms: p50, p99, max; an upper bound of stdin → stored. */
  latencyMs: [number, number, number] | null;
  /** The agent's VmRSS every second of the load window, KB (printed every 10 s for a soak). */
  agentRssKb: number[];
}

/**
 * A read of the Worker's local D1 from outside meets the running Worker's write lock now and then
 * (SQLITE_BUSY; it ended a 10-minute soak): try again a few times.
 */
async function busyRetry<T>(f: () => Promise<T>, tries = 10): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await f();
    } catch (err) {
      if (i >= tries || !/SQLITE_BUSY/.test(String((err as { stderr?: string }).stderr ?? err))) throw err;
      await sleep(500);
    }
  }
}

const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runScenario(scenario: Scenario, dir: string, ctx: Ctx, flags?: string): Promise<ScenarioResult> {
  ctx.host.writeConfig(scenario === "alerting" ? { key_rule: `${KEY} low Bench exec` } : {});
  const conf = mkdtempSync(join(dir, `audit-${scenario}-`));
  mkdirSync(join(conf, "plugins.d"), { recursive: true });
  const base = readFileSync("/etc/audit/auditd.conf", "utf8")
    .split("\n")
    .filter((l) => !/^\s*(log_file|plugin_dir|log_group|write_logs|q_depth)\s*=/.test(l));
  // No log file: the plugins are what is measured, and auditd's own disk writes would only add noise.
  base.push(`log_file = ${join(conf, "audit.log")}`, `plugin_dir = ${join(conf, "plugins.d")}`, "log_group = root", "write_logs = no", "q_depth = 20000");
  writeFileSync(join(conf, "auditd.conf"), base.join("\n") + "\n", { mode: 0o640 });
  let agentPath = PLUGIN;
  if (flags) {
    // Same launcher, extra node flags: a wrapper that passes them through NODE_OPTIONS-free argv.
    agentPath = join(conf, "agent-plugin-flags.sh");
    const launcher = readFileSync(PLUGIN, "utf8").replace(/^here=.*$/m, `here=${dirname(PLUGIN)}`).replace('"$here/idmef-agent.mjs"', `${flags} "$here/idmef-agent.mjs"`);
    writeFileSync(agentPath, launcher, { mode: 0o755 });
  }
  writeFileSync(join(conf, "plugins.d", "idmef-agent.conf"), pluginConf(agentPath, `--config ${ctx.host.configFile}`), { mode: 0o640 });
  writeFileSync(join(conf, "plugins.d", "laurel.conf"), pluginConf(LAUREL, `--config ${ctx.laurelConf}`), { mode: 0o640 });
  chmodSync(join(conf, "plugins.d"), 0o750);

  let auditdErr = "";
  const auditd = spawn("auditd", ["-n", "-c", conf], { stdio: ["ignore", "ignore", "pipe"] });
  auditd.stderr!.setEncoding("utf8").on("data", (d: string) => (auditdErr = (auditdErr + d).slice(-20_000)));
  ctx.auditd = auditd;
  let loadgen: ChildProcess | null = null;
  let ruleArgs: string[] | null = null;
  try {
    await waitFor("our auditd registered with the kernel", async () => {
      const s = execFileSync("auditctl", ["-s"], { encoding: "utf8" });
      return /^enabled [12]/m.test(s) && new RegExp(`^pid ${auditd.pid}$`, "m").test(s);
    }, 15_000).catch((e: Error) => {
      throw new Error(`${e.message}\n${auditdErr}`);
    });
    const plugins = await waitFor("both plugins running", async () => {
      const kids = childrenOf(auditd.pid!);
      const agent = kids.find((k) => k.comm === "node");
      const laurel = kids.find((k) => k.comm === "laurel");
      return agent && laurel ? { agent: agent.pid, laurel: laurel.pid } : undefined;
    }, 15_000).catch((e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(childrenOf(auditd.pid!))}\n${auditdErr}`);
    });
    await sleep(Number(process.env.BENCH_IDLE_MS ?? 5000)); // settle: start-up heartbeat sent, JIT quiet
    const idle = { agent: statusKb(plugins.agent, "VmRSS"), laurel: statusKb(plugins.laurel, "VmRSS") };

    // Spawned only now: the kernel audits only tasks forked after auditing was first enabled.
    loadgen = spawn(ctx.tools.loadgen, [ctx.tools.noop, String(RATE), String(SECONDS)], { stdio: ["pipe", "pipe", "inherit"] });
    let loadOut = "";
    loadgen.stdout!.setEncoding("utf8").on("data", (d: string) => (loadOut += d));
    ruleArgs = ["-a", "always,exit", "-F", "arch=b64", "-S", "execve", "-F", `ppid=${loadgen.pid}`, "-k", KEY];
    execFileSync("auditctl", ruleArgs);
    const before = { agent: cpuSeconds(plugins.agent), laurel: cpuSeconds(plugins.laurel) };
    const samples = { agent: [] as number[], laurel: [] as number[] };
    const sampler = setInterval(() => {
      samples.agent.push(statusKb(plugins.agent, "VmRSS"));
      samples.laurel.push(statusKb(plugins.laurel, "VmRSS"));
    }, 1000);
    const exited = once(loadgen, "exit");
    const loadStartMs = Date.now();
    loadgen.stdin!.end("go\n");
    const [code] = (await exited) as [number | null];
    clearInterval(sampler);
    if (code !== 0) throw new Error(`load generator exited ${code}`);
    const [execs, failed, loadS] = loadOut.trim().split(" ").map(Number);
    if (failed > 0) console.warn(`  ${failed} spawns failed`);

    // Catch-up: until every alert is stored (alerting), then until neither plugin's CPU moves.
    let alertsStored: number | null = null;
    let latencyMs: ScenarioResult["latencyMs"] = null;
    if (scenario === "alerting") {
      alertsStored = await waitFor("alerts stored", async () => {
        const n = await ctx.countAlerts();
        return n >= execs ? n : undefined;
      }, 120_000, 1000).catch(async () => ctx.countAlerts());
      const d = (await ctx.sql(`SELECT received_at - detect_time AS d FROM alerts WHERE classification = 'Bench exec' AND received_at >= ${loadStartMs}`))
        .map((r) => Number(r.d))
        .sort((a, b) => a - b);
      if (d.length > 0) latencyMs = [d[Math.floor(d.length * 0.5)], d[Math.min(d.length - 1, Math.floor(d.length * 0.99))], d[d.length - 1]];
    }
    let last = { agent: cpuSeconds(plugins.agent), laurel: cpuSeconds(plugins.laurel) };
    for (let i = 0; i < 30; i++) {
      await sleep(1000);
      const now = { agent: cpuSeconds(plugins.agent), laurel: cpuSeconds(plugins.laurel) };
      const still = now.agent - last.agent <= 0.02 && now.laurel - last.laurel <= 0.02;
      last = now;
      if (still) break;
    }
    const fig = (who: "agent" | "laurel"): PluginFigures => ({
      cpuS: last[who] - before[who],
      idleRssKb: idle[who],
      steadyRssKb: median(samples[who].slice(Math.floor(samples[who].length / 3))),
      peakRssKb: statusKb(plugins[who], "VmHWM"),
    });
    return { scenario, execs, loadS, agent: fig("agent"), laurel: fig("laurel"), alertsStored, latencyMs, agentRssKb: samples.agent };
  } finally {
    if (loadgen && loadgen.exitCode === null) loadgen.kill("SIGKILL");
    if (ruleArgs) spawnSync("auditctl", ["-d", ...ruleArgs.slice(1)]);
    if (auditd.exitCode === null) {
      auditd.kill("SIGTERM");
      await once(auditd, "exit");
    }
    ctx.auditd = null;
    spawnSync("auditctl", ["-e", "0"]);
  }
}

interface Ctx {
  host: Awaited<ReturnType<typeof makeAgentHost>>;
  laurelConf: string;
  tools: { loadgen: string; noop: string };
  countAlerts(): Promise<number>;
  sql(q: string): Promise<Record<string, unknown>[]>;
  auditd: ChildProcess | null;
}

function report(r: ScenarioResult): void {
  const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;
  const pct = (s: number) => `${((100 * s) / r.loadS).toFixed(1)} %`;
  const line = (name: string, f: PluginFigures) =>
    `  ${name.padEnd(7)} cpu ${f.cpuS.toFixed(2)} s (${pct(f.cpuS)} of a core)  rss idle ${mb(f.idleRssKb)}  steady ${mb(f.steadyRssKb)}  peak ${mb(f.peakRssKb)}`;
  console.log(`${r.scenario}: ${r.execs} execs in ${r.loadS.toFixed(1)} s (${Math.round(r.execs / r.loadS)}/s)` + (r.alertsStored === null ? "" : `, alerts stored ${r.alertsStored}`));
  if (r.latencyMs) console.log(`  event → stored: p50 ${r.latencyMs[0]} ms, p99 ${r.latencyMs[1]} ms, max ${r.latencyMs[2]} ms (goal p99 < 1000 ms)`);
  console.log(line("agent", r.agent));
  console.log(line("laurel", r.laurel));
  const goal = r.scenario === "alerting" ? 1.0 : 0.5;
  const ratio = r.agent.cpuS / r.laurel.cpuS;
  // A soak (2 minutes or more): the RSS series every 10 s, and growth from the first third's
  // median to the last third's (the "no growth" check).
  const rss = r.agentRssKb;
  if (rss.length >= 120) {
    const third = Math.floor(rss.length / 3);
    const series = rss.filter((_, i) => i % 10 === 9).map((kb) => (kb / 1024).toFixed(1));
    console.log(`  agent rss every 10 s (MB): ${series.join(" ")}`);
    const [first, last] = [median(rss.slice(0, third)), median(rss.slice(-third))];
    console.log(`  agent rss median first third ${(first / 1024).toFixed(1)} MB, last third ${(last / 1024).toFixed(1)} MB, min ${(Math.min(...rss) / 1024).toFixed(1)}, max ${(Math.max(...rss) / 1024).toFixed(1)}`);
  }
  console.log(`  agent/laurel cpu ${ratio.toFixed(2)}×  goal ≤ ${goal}×  ${ratio <= goal ? "OK" : "ABOVE GOAL"};  agent steady rss ${r.agent.steadyRssKb / 1024 <= 75 ? "OK" : "ABOVE"} (≤ 75 MB), idle ${r.agent.idleRssKb / 1024 <= 65 ? "OK" : "ABOVE"} (≤ 65 MB)`);
}

async function main(): Promise<void> {
  const reason = skipReason();
  if (reason) {
    console.log(`bench:plugin skipped: ${reason}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "bench-plugin-"));
  chmodSync(dir, 0o755);
  // The Worker's per-analyzer daily quota (100,000 messages by default) would stop a soak or
  // several rounds part-way with 429s: lift it above everything the run can send.
  const quota = 4 * RATE * SECONDS * (ROUNDS + 1) * SCENARIOS.length + 100_000;
  const worker = await startWorker(join(dir, "d1"), { QUOTA_MESSAGES_PER_DAY: String(quota), QUOTA_BYTES_PER_DAY: String(quota * 65536) });
  const ctx: Partial<Ctx> = { auditd: null };
  const cleanup = () => {
    if (ctx.auditd && ctx.auditd.exitCode === null) ctx.auditd.kill("SIGTERM");
    spawnSync("auditctl", ["-e", "0"]);
  };
  process.once("SIGINT", () => {
    cleanup();
    process.exit(130);
  });
  try {
    const operator = await Operator.bootstrap(worker.url, join(dir, "d1"));
    // Batching as the e2e tests run it (linger 50 ms); BENCH_LINGER_MS=200 is the shipped default.
    const host = await makeAgentHost(join(dir, "host"), worker.url, { heartbeat_interval: 600, batch_linger_ms: Number(process.env.BENCH_LINGER_MS ?? 50) });
    await operator.registerAgent({ clientId: host.clientId, analyzerId: host.analyzerId, publicKey: host.publicKey });
    Object.assign(ctx, {
      host,
      laurelConf: laurelConfig(mkdirp(join(dir, "laurel")), "root"),
      tools: buildTools(dir),
      countAlerts: async () => Number((await busyRetry(() => d1(join(dir, "d1"), "SELECT count(*) AS n FROM alerts")))[0]?.n ?? 0),
      sql: (q: string) => busyRetry(() => d1(join(dir, "d1"), q)),
    });
    console.log(`bench:plugin: ${RATE} exec/s for ${SECONDS} s per scenario; agent = ${PLUGIN}${process.env.BENCH_PLUGIN_NODE_FLAGS ? ` + ${process.env.BENCH_PLUGIN_NODE_FLAGS}` : ""}, ${ROUNDS} round(s), laurel = ${LAUREL}`);
    const flags = process.env.BENCH_PLUGIN_NODE_FLAGS;
    const profile = process.env.BENCH_PROFILE_DIR;
    for (let round = 0; round < ROUNDS + (profile ? 1 : 0); round++) {
      const profiling = round === ROUNDS;
      if (profiling) console.log(`profiling round (--cpu-prof into ${profile}; not a measurement):`);
      for (const s of SCENARIOS) {
        const before = s === "alerting" ? await ctx.countAlerts!() : 0;
        const extra = profiling ? `${flags ?? ""} --cpu-prof --cpu-prof-dir=${join(profile!, s)}` : flags;
        const r = await runScenario(s, dir, ctx as Ctx, extra);
        if (r.alertsStored !== null) r.alertsStored -= before;
        report(r);
      }
    }
  } finally {
    cleanup();
    await worker.stop();
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}

await main();
