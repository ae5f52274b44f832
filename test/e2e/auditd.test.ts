/**
 * The agent as the real auditd's only plugin (private auditd.conf + plugins dir in a temp dir):
 * a watched file read, a failed `su`, a user added → alerts in D1 through the real Worker.
 * Needs root and a kernel audit subsystem (`auditctl -s`); skips with the reason otherwise.
 * Always stops auditd, removes its watch rule and runs `auditctl -e 0` afterwards.
 */
import { execFileSync, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAgentHost, REPO, waitFor, type AgentHost } from "./lib/agent.ts";
import { Operator, startWorker, type LocalWorker } from "./lib/worker.ts";
import { lockKernelAudit } from "./lib/kernel-audit-lock.ts";
import { auditUnavailable, startPrivateAuditd, stopAuditd } from "./lib/private-auditd.ts";

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
  let auditd: ChildProcess | null = null;

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

  it("a watched file read, a failed su and a user added arrive as alerts; auditd's stop sends exiting", async () => {
    readFileSync(join(dir, "watched"));
    // su as an unprivileged user with a wrong password, on a pty (su insists on a terminal).
    spawnSync("runuser", ["-u", "nobody", "--", "script", "-qec", "su -c true root", "/dev/null"], { input: "wrong-password\n", timeout: 20_000 });
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
    );
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
