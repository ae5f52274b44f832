/**
 * The agent as the real auditd's only plugin (private auditd.conf + plugins dir in a temp dir):
 * a watched file read, a failed `su`, a user added → alerts in D1 through the real Worker.
 * Needs root and a kernel audit subsystem (`auditctl -s`); skips with the reason otherwise.
 * Always stops auditd, removes its watch rule and runs `auditctl -e 0` afterwards.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAgentHost, REPO, waitFor, type AgentHost } from "./lib/agent.ts";
import { Operator, startWorker, type LocalWorker } from "./lib/worker.ts";
import { lockKernelAudit } from "./lib/kernel-audit-lock.ts";
import { auditdPids, auditUnavailable, startPrivateAuditd, stopAuditd, type PrivateAuditd } from "./lib/private-auditd.ts";

// Before looking: another test's private auditd (test/e2e/package.test.ts) may be running.
const lock = process.getuid?.() === 0 ? await lockKernelAudit() : null;
const reason = auditUnavailable();
if (reason) await lock?.release();
if (reason) console.warn(`auditd end-to-end test skipped: ${reason}`);

const WATCH_KEY = "idmef-e2e-watch";
const USER = `e2eu${process.pid % 100000}`;

describe.skipIf(reason !== null)("agent as the real auditd's plugin", () => {
  let dir: string;
  let worker: LocalWorker;
  let operator: Operator;
  let host: AgentHost;
  let auditd: PrivateAuditd | null = null;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "e2e-auditd-"));
    worker = await startWorker(join(dir, "d1"));
    operator = await Operator.bootstrap(worker.url, join(dir, "d1"));
    host = await makeAgentHost(join(dir, "host"), worker.url, {
      key_rule: `${WATCH_KEY} high E2E watched file read`,
      heartbeat_interval: 600,
    });
    await operator.registerAgent({ clientId: host.clientId, analyzerId: host.analyzerId, publicKey: host.publicKey });
    const shipped = readFileSync(join(REPO, "agent/audisp/idmef-agent.conf"), "utf8")
      .replace(/^path = .*$/m, `path = ${join(REPO, "agent/bin/idmef-agent-plugin")}`)
      .replace(/^args = .*$/m, `args = --config ${host.configFile}`);
    writeFileSync(join(dir, "watched"), "secret\n");
    auditd = await startPrivateAuditd(join(dir, "audit"), shipped);
    execFileSync("auditctl", ["-w", join(dir, "watched"), "-p", "r", "-k", WATCH_KEY]);
  }, 180_000);

  afterAll(async () => {
    spawnSync("userdel", ["-r", USER]);
    await stopAuditd(auditd);
    // Remove only our rule (a host's own rules are not ours to delete), then disable auditing.
    spawnSync("auditctl", ["-W", join(dir, "watched"), "-p", "r", "-k", WATCH_KEY]);
    spawnSync("auditctl", ["-e", "0"]);
    await worker?.stop();
    rmSync(dir, { recursive: true, force: true });
    await lock?.release();
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
      `auditd processes: ${auditdPids().join(", ") || "none"} (ours: ${auditd?.process.pid}, exit ${auditd?.process.exitCode})`,
      `failed su: ${suOutput || "(not run)"}`,
      `auditd + agent stderr:\n${tail(auditd?.stderr() ?? "", 60)}`,
      `audit.log (last 80 lines):\n${tail(log, 80)}`,
    ].join("\n");
  }

  it("a watched file read, a failed su and a user added arrive as alerts; auditd's stop sends exiting", async () => {
    // Read by a new process, never by this one: on a fresh machine this test worker predates
    // auditd's first `enabled 1` since boot, so its own reads are never audited (see
    // startPrivateAuditd) — the flake that hit only the first run after boot.
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
    await stopAuditd(auditd);
    const view = await waitFor("exiting heartbeat", async () => {
      const v = await operator.analyzer(host.analyzerId);
      return v?.status === "exiting" ? v : undefined;
    }, 30_000);
    expect(Number(view.counters?.records)).toBeGreaterThan(0);
  }, 180_000);
});
