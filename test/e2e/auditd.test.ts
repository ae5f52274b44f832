/**
 * The agent as the real auditd's only plugin (private auditd.conf + plugins dir in a temp dir):
 * a watched file read, a failed `su`, a user added → alerts in D1 through the real Worker.
 * Needs root and a kernel audit subsystem (`auditctl -s`); skips with the reason otherwise.
 * Always stops auditd, removes its watch rule and runs `auditctl -e 0` afterwards.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAgentHost, REPO, waitFor, type AgentHost } from "./lib/agent.ts";
import { Operator, startWorker, type LocalWorker } from "./lib/worker.ts";

function auditUnavailable(): string | null {
  if (process.getuid?.() !== 0) return "not root";
  if (!existsSync("/sbin/auditd") && !existsSync("/usr/sbin/auditd")) return "auditd is not installed";
  const s = spawnSync("auditctl", ["-s"], { encoding: "utf8" });
  if (s.status !== 0) return `auditctl -s fails: ${(s.stderr || s.error?.message || "").trim()}`;
  const pid = /^pid (\d+)/m.exec(s.stdout)?.[1];
  if (pid && pid !== "0" && existsSync(`/proc/${pid}`)) return `an auditd (pid ${pid}) is already running; not touching it`;
  return null;
}

/** Every running auditd, ours or not (a second one cannot take the kernel's audit pid). */
function auditdPids(): number[] {
  return readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/comm`, "utf8").trim() === "auditd";
      } catch {
        return false;
      }
    })
    .map(Number);
}

const reason = auditUnavailable();
if (reason) console.warn(`auditd end-to-end test skipped: ${reason}`);

const WATCH_KEY = "idmef-e2e-watch";
const USER = `e2eu${process.pid % 100000}`;

describe.skipIf(reason !== null)("agent as the real auditd's plugin", () => {
  let dir: string;
  let worker: LocalWorker;
  let operator: Operator;
  let host: AgentHost;
  let auditd: ChildProcess | null = null;
  /** auditd's stderr, which its plugins inherit: the agent's own diagnostics land here. */
  let auditdStderr = "";

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "e2e-auditd-"));
    worker = await startWorker(join(dir, "d1"));
    operator = await Operator.bootstrap(worker.url, join(dir, "d1"));
    host = await makeAgentHost(join(dir, "host"), worker.url, {
      key_rule: `${WATCH_KEY} high E2E watched file read`,
      heartbeat_interval: 600,
    });
    await operator.registerAgent({ clientId: host.clientId, analyzerId: host.analyzerId, publicKey: host.publicKey });
    // A private auditd config: its own log, and a plugins dir holding only our plugin file.
    const conf = join(dir, "audit");
    mkdirSync(join(conf, "plugins.d"), { recursive: true });
    const base = readFileSync("/etc/audit/auditd.conf", "utf8")
      .split("\n")
      .filter((l) => !/^\s*(log_file|plugin_dir|log_group|write_logs)\s*=/.test(l));
    base.push(`log_file = ${join(conf, "audit.log")}`, `plugin_dir = ${join(conf, "plugins.d")}`, "log_group = root", "write_logs = yes");
    writeFileSync(join(conf, "auditd.conf"), base.join("\n") + "\n", { mode: 0o640 });
    const shipped = readFileSync(join(REPO, "agent/audisp/idmef-agent.conf"), "utf8")
      .replace(/^path = .*$/m, `path = ${join(REPO, "agent/bin/idmef-agent-plugin")}`)
      .replace(/^args = .*$/m, `args = --config ${host.configFile}`);
    writeFileSync(join(conf, "plugins.d", "idmef-agent.conf"), shipped, { mode: 0o640 });
    chmodSync(join(conf, "plugins.d"), 0o750);
    writeFileSync(join(dir, "watched"), "secret\n");
    auditd = spawn("auditd", ["-n", "-c", conf], { stdio: ["ignore", "ignore", "pipe"] });
    // Drained, never left to fill: a full pipe would block the plugin on its next stderr line.
    auditd.stderr!.setEncoding("utf8").on("data", (d: string) => (auditdStderr += d));
    // Ours, not merely "enabled": the kernel sends events to the pid it has registered, and a
    // leftover `enabled 1` would let the test generate events before our auditd took them.
    await waitFor(
      "our auditd registered with the kernel",
      async () => {
        const s = execFileSync("auditctl", ["-s"], { encoding: "utf8" });
        return /^enabled [12]/m.test(s) && new RegExp(`^pid ${auditd!.pid}$`, "m").test(s);
      },
      15_000,
    ).catch(async (err: Error) => {
      throw new Error(`${err.message}\n${await diagnose([])}`);
    });
    execFileSync("auditctl", ["-w", join(dir, "watched"), "-p", "r", "-k", WATCH_KEY]);
  }, 180_000);

  afterAll(async () => {
    spawnSync("userdel", ["-r", USER]);
    if (auditd && auditd.exitCode === null) {
      auditd.kill("SIGTERM");
      await new Promise((r) => auditd!.once("exit", r));
    }
    // Remove only our rule (a host's own rules are not ours to delete), then disable auditing.
    spawnSync("auditctl", ["-W", join(dir, "watched"), "-p", "r", "-k", WATCH_KEY]);
    spawnSync("auditctl", ["-e", "0"]);
    await worker?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  let suOutput = "";

  /**
   * su as an unprivileged user with a wrong password, on a pty (su insists on a terminal). The
   * password is typed only once su has prompted: PAM turns echo off with TCSAFLUSH, which throws
   * away anything typed earlier, so typing ahead tests whatever su reads next, not a wrong password.
   */
  async function failedSu(): Promise<string> {
    const su = spawn("runuser", ["-u", "nobody", "--", "script", "-qec", "su -c true root", "/dev/null"], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    const onOutput = (d: string) => {
      out += d;
      if (/password:/i.test(out) && !su.stdin.writableEnded) su.stdin.end("wrong-password\n");
    };
    su.stdout.setEncoding("utf8").on("data", onOutput);
    su.stderr.setEncoding("utf8").on("data", onOutput);
    su.stdin.on("error", () => {});
    const killer = setTimeout(() => su.kill("SIGKILL"), 20_000);
    const [code, signal] = (await once(su, "exit")) as [number | null, string | null];
    clearTimeout(killer);
    return `${out.trim()} (exit ${code ?? signal})`;
  }

  /** What an operator needs to tell why alerts did not arrive. */
  async function diagnose(arrived: string[]): Promise<string> {
    const log = (() => {
      try {
        return readFileSync(join(dir, "audit", "audit.log"), "utf8");
      } catch (e) {
        return `(unreadable: ${(e as Error).message})`;
      }
    })();
    const tail = (s: string, n: number) => s.split("\n").slice(-n).join("\n");
    return [
      `alert classes that arrived: ${arrived.length ? arrived.join(", ") : "none"}`,
      `auditctl -s:\n${spawnSync("auditctl", ["-s"], { encoding: "utf8" }).stdout}`,
      `auditd processes: ${auditdPids().join(", ") || "none"} (ours: ${auditd?.pid}, exit ${auditd?.exitCode})`,
      `failed su: ${suOutput || "(not run)"}`,
      `auditd + agent stderr:\n${tail(auditdStderr, 60)}`,
      `audit.log (last 80 lines):\n${tail(log, 80)}`,
    ].join("\n");
  }

  it("a watched file read, a failed su and a user added arrive as alerts; auditd's stop sends exiting", async () => {
    // Read by a new process, never by this one: the kernel gives a task its syscall-audit context
    // when it forks, and only once auditing has ever been enabled since boot (kernel/auditsc.c
    // audit_alloc: `if (!audit_ever_enabled) return 0`). On a fresh machine this test worker
    // predates auditd's first `enabled 1`, so its own reads are never audited: the flake that
    // hit only the first run after boot.
    execFileSync("cat", [join(dir, "watched")], { stdio: "ignore" });
    suOutput = await failedSu();
    execFileSync("useradd", ["-M", USER]);
    const byClass = async () => new Set((await operator.alerts(host.analyzerId)).map((a) => a.classification));
    const classes = await waitFor(
      "alerts from auditd",
      async () => {
        const c = await byClass();
        return c.has("E2E watched file read") && c.has("Authentication Failure") && c.has("Account Created") ? c : undefined;
      },
      60_000,
      1000,
    ).catch(async (err: Error) => {
      throw new Error(`${err.message}\n${await diagnose([...(await byClass())])}`);
    });
    expect(classes).toContain("E2E watched file read");
    // auditd stops → the plugin gets SIGTERM → exiting heartbeat
    auditd!.kill("SIGTERM");
    await new Promise((r) => auditd!.once("exit", r));
    const view = await waitFor("exiting heartbeat", async () => {
      const v = await operator.analyzer(host.analyzerId);
      return v?.status === "exiting" ? v : undefined;
    }, 30_000);
    expect(Number(view.counters?.records)).toBeGreaterThan(0);
  }, 180_000);
});
