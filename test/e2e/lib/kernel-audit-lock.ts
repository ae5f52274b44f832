/**
 * One user of the kernel audit subsystem at a time. The tests that start a real auditd take
 * /tmp/kernel-audit.lock, the same lock people hold with `flock /tmp/kernel-audit.lock CMD`:
 * vitest runs test files in parallel, and two private auditds (or their rules) would collide.
 * The lock is held by a `flock` child process, so it goes when this process does, however it
 * ends. A run already under that flock (an ancestor process holds it, e.g.
 * `flock /tmp/kernel-audit.lock npm test`) must not wait for itself: its test files then take
 * /tmp/kernel-audit.lock.<holder pid> among themselves instead.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";

export const KERNEL_AUDIT_LOCK = "/tmp/kernel-audit.lock";

export interface KernelAuditLock {
  release(): Promise<void>;
}

function ancestors(): Set<number> {
  const out = new Set<number>();
  for (let pid = process.pid; pid > 1 && !out.has(pid); ) {
    out.add(pid);
    try {
      // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      pid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
      break;
    }
  }
  return out;
}

/** The pid of an ancestor holding KERNEL_AUDIT_LOCK, if one does. */
function ancestorHolding(): number | undefined {
  if (!existsSync(KERNEL_AUDIT_LOCK) || !existsSync("/proc/locks")) return undefined;
  const inode = String(statSync(KERNEL_AUDIT_LOCK).ino);
  const mine = ancestors();
  // "1: FLOCK  ADVISORY  WRITE 4242 08:01:123456 0 EOF"
  const holder = readFileSync("/proc/locks", "utf8")
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .find((f) => f[1] === "FLOCK" && f[5]?.split(":")[2] === inode && mine.has(Number(f[4])));
  return holder ? Number(holder[4]) : undefined;
}

export async function lockKernelAudit(timeoutMs = 300_000): Promise<KernelAuditLock> {
  const outer = ancestorHolding();
  const path = outer === undefined ? KERNEL_AUDIT_LOCK : `${KERNEL_AUDIT_LOCK}.${outer}`;
  const holder = spawn("flock", ["-w", String(Math.ceil(timeoutMs / 1000)), path, "sh", "-c", "echo locked; exec cat >/dev/null"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<void>((r) => holder.once("close", () => r()));
  await new Promise<void>((resolve, reject) => {
    holder.stdout.setEncoding("utf8").once("data", () => resolve());
    holder.once("error", reject);
    holder.once("exit", (code) => reject(new Error(`no ${path} within ${timeoutMs} ms (flock exited ${code})`)));
  });
  return {
    async release() {
      holder.stdin.end();
      await exited;
    },
  };
}
