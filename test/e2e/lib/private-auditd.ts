/**
 * A real auditd of the tests' own: a private auditd.conf (own log, plugins dir holding only the
 * plugin under test) in a temp dir, run in the foreground. Callers hold the kernel-audit lock
 * (./kernel-audit-lock.ts) and afterwards stop it, delete their own rules and run `auditctl -e 0`.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { waitFor } from "./agent.ts";

/** Why a private auditd cannot run here, or null. */
export function auditUnavailable(): string | null {
  if (process.getuid?.() !== 0) return "not root";
  if (!existsSync("/sbin/auditd") && !existsSync("/usr/sbin/auditd")) return "auditd is not installed";
  const s = spawnSync("auditctl", ["-s"], { encoding: "utf8" });
  if (s.status !== 0) return `auditctl -s fails: ${(s.stderr || s.error?.message || "").trim()}`;
  const pid = /^pid (\d+)/m.exec(s.stdout)?.[1];
  if (pid && pid !== "0" && existsSync(`/proc/${pid}`)) return `an auditd (pid ${pid}) is already running; not touching it`;
  return null;
}

export interface PrivateAuditd {
  process: ChildProcess;
  /** auditd's stderr so far, which its plugins inherit: the agent's own diagnostics land here. */
  stderr(): string;
}

/**
 * auditd with `conf` as its config dir and `plugin` as its only plugin file; resolves once the
 * kernel has registered THIS auditd's pid (not merely `enabled 1`: a leftover enabled state would
 * let a test generate events before our auditd took them).
 *
 * Callers must generate audited activity from processes forked after this resolves: the kernel
 * gives a task its syscall-audit context at fork, and only once auditing has ever been enabled
 * since boot (kernel/auditsc.c audit_alloc: `if (!audit_ever_enabled) return 0`). A test worker
 * that predates the first `enabled 1` after boot is never audited itself.
 */
export async function startPrivateAuditd(conf: string, plugin: string): Promise<PrivateAuditd> {
  mkdirSync(join(conf, "plugins.d"), { recursive: true });
  const base = readFileSync("/etc/audit/auditd.conf", "utf8")
    .split("\n")
    .filter((l) => !/^\s*(log_file|plugin_dir|log_group|write_logs)\s*=/.test(l));
  base.push(`log_file = ${join(conf, "audit.log")}`, `plugin_dir = ${join(conf, "plugins.d")}`, "log_group = root", "write_logs = yes");
  writeFileSync(join(conf, "auditd.conf"), base.join("\n") + "\n", { mode: 0o640 });
  writeFileSync(join(conf, "plugins.d", "idmef-agent.conf"), plugin, { mode: 0o640 });
  chmodSync(join(conf, "plugins.d"), 0o750);
  const auditd = spawn("auditd", ["-n", "-c", conf], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  // Drained, never left to fill: a full pipe would block the plugin on its next stderr line.
  auditd.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  await waitFor(
    "our auditd registered with the kernel",
    async () => {
      const s = execFileSync("auditctl", ["-s"], { encoding: "utf8" });
      return /^enabled [12]/m.test(s) && new RegExp(`^pid ${auditd.pid}$`, "m").test(s);
    },
    15_000,
  ).catch((err: Error) => {
    throw new Error(`${err.message}\nauditctl -s: ${spawnSync("auditctl", ["-s"], { encoding: "utf8" }).stdout}\nauditd processes: ${auditdPids().join(", ") || "none"}\nauditd stderr:\n${stderr}`);
  });
  return { process: auditd, stderr: () => stderr };
}

/** Every running auditd, ours or not (a second one cannot take the kernel's audit pid). */
export function auditdPids(): number[] {
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

/** SIGTERM (auditd then stops its plugins) and wait for the exit; a no-op once it has exited. */
export async function stopAuditd(a: PrivateAuditd | null): Promise<void> {
  const auditd = a?.process;
  if (!auditd || auditd.exitCode !== null || auditd.signalCode !== null) return;
  auditd.kill("SIGTERM");
  await new Promise((r) => auditd.once("exit", r));
}
