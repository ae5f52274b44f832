/**
 * A real auditd of the tests' own: a private auditd.conf (own log, plugins dir holding only the
 * plugin under test) in a temp dir, run in the foreground. Callers hold the kernel-audit lock
 * (./kernel-audit-lock.ts) and afterwards stop it, delete their own rules and run `auditctl -e 0`.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
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

/** auditd with `conf` as its config dir and `plugin` as its only plugin file; resolves once auditing is on. */
export async function startPrivateAuditd(conf: string, plugin: string): Promise<ChildProcess> {
  mkdirSync(join(conf, "plugins.d"), { recursive: true });
  const base = readFileSync("/etc/audit/auditd.conf", "utf8")
    .split("\n")
    .filter((l) => !/^\s*(log_file|plugin_dir|log_group|write_logs)\s*=/.test(l));
  base.push(`log_file = ${join(conf, "audit.log")}`, `plugin_dir = ${join(conf, "plugins.d")}`, "log_group = root", "write_logs = yes");
  writeFileSync(join(conf, "auditd.conf"), base.join("\n") + "\n", { mode: 0o640 });
  writeFileSync(join(conf, "plugins.d", "idmef-agent.conf"), plugin, { mode: 0o640 });
  chmodSync(join(conf, "plugins.d"), 0o750);
  const auditd = spawn("auditd", ["-n", "-c", conf], { stdio: ["ignore", "ignore", "pipe"] });
  await waitFor("auditd running", async () => /^enabled [12]/m.test(execFileSync("auditctl", ["-s"], { encoding: "utf8" })), 15_000);
  return auditd;
}

/** SIGTERM (auditd then stops its plugins) and wait for the exit; a no-op once it has exited. */
export async function stopAuditd(auditd: ChildProcess | null): Promise<void> {
  if (!auditd || auditd.exitCode !== null || auditd.signalCode !== null) return;
  auditd.kill("SIGTERM");
  await new Promise((r) => auditd.once("exit", r));
}
