/**
 * Changes to the audit system itself (rules, settings, the daemon) and kernel module loading:
 * both are how an intruder blinds or extends the monitored host.
 */
import type { Severity } from "../../../schema/idmef.ts";
import type { AuditRecord } from "../types.ts";
import type { Hit } from "../idmef/build.ts";
import { clean, present } from "../idmef/parts.ts";
import type { EventView } from "./context.ts";
import type { RuleTable } from "./types.ts";
import { syscallArchNr } from "./fast-fields.ts";

/** What a CONFIG_CHANGE did, in words, for the impact description. */
function configDescription(r: AuditRecord): string | undefined {
  const op = r.get("op");
  if (!present(op)) return undefined;
  if (op === "set") {
    for (const f of ["audit_enabled", "audit_failure", "audit_backlog_limit", "audit_rate_limit", "audit_backlog_wait_time", "audit_pid"]) {
      const now = r.get(f);
      if (now !== undefined) {
        const old = r.get("old");
        return old !== undefined ? `set ${f}=${now} (was ${old})` : `set ${f}=${now}`;
      }
    }
  }
  const key = r.get("key");
  return present(key) ? `${op} key=${key}` : op;
}

/**
 * CONFIG_CHANGE (kernel rules and settings) and DAEMON_CONFIG: medium; switching auditing off
 * (audit_enabled=0) or a failed change: high.
 */
function auditConfig(r: AuditRecord, v: EventView): Hit {
  const completion = v.completion(r);
  let severity: Severity = "medium";
  if (r.get("audit_enabled") === "0" || completion === "failed") severity = "high";
  const description = configDescription(r);
  return {
    rule: "audit-config",
    text: "Audit Configuration Changed",
    severity,
    type: "admin",
    ...(completion ? { completion } : {}),
    ...(description ? { description: clean(description) } : {}),
    source: [v.actor(r)],
    target: [v.nodeTarget(false)],
  };
}

const DAEMON_KINDS: Record<string, [rule: string, text: string, severity: Severity]> = {
  DAEMON_END: ["audit-daemon-stop", "Audit Daemon Stopped", "high"],
  DAEMON_ABORT: ["audit-daemon-abort", "Audit Daemon Aborted", "high"],
  DAEMON_ERR: ["audit-daemon-error", "Audit Daemon Error", "medium"],
};

/** auditd stopped (the host is no longer audited), aborted, or hit an error. */
function auditDaemon(r: AuditRecord, v: EventView): Hit {
  const [rule, text, severity] = DAEMON_KINDS[r.type];
  const completion = v.completion(r);
  const op = r.get("op");
  return {
    rule,
    text,
    severity,
    type: "dos",
    ...(completion ? { completion } : {}),
    ...(present(op) ? { description: clean(op) } : {}),
    source: [v.actor(r)],
    target: [v.nodeTarget(false)],
  };
}

/** Module syscalls by architecture (`arch=` of SYSCALL): [init_module, finit_module, delete_module]. */
const MODULE_SYSCALLS: Record<string, [number, number, number]> = {
  c000003e: [175, 313, 176], // x86_64
  "40000003": [128, 350, 129], // i386
  c00000b7: [105, 273, 106], // aarch64
  "40000028": [128, 379, 129], // arm
  c0000015: [128, 353, 129], // ppc64le (same numbers as ppc64)
  "80000015": [128, 353, 129], // ppc64
  "80000016": [105, 344, 106], // s390x
  c00000f3: [105, 273, 106], // riscv64
};

function moduleOp(v: EventView): "load" | "unload" | null {
  if (v.first("KERN_MODULE")) return null; // KERN_MODULE says it already
  const sys = v.syscall();
  if (!sys) return null;
  const an = syscallArchNr(sys);
  const nums = an ? MODULE_SYSCALLS[an.arch] : undefined;
  const nr = Number(an?.nr);
  if (!nums) {
    const name = sys.interpreted("syscall");
    if (name === "init_module" || name === "finit_module") return "load";
    if (name === "delete_module") return "unload";
    return null;
  }
  if (nr === nums[0] || nr === nums[1]) return "load";
  if (nr === nums[2]) return "unload";
  return null;
}

function moduleHit(op: "load" | "unload", r: AuditRecord, v: EventView, name: string | undefined): Hit {
  const completion = v.completion(r);
  const data: NonNullable<Hit["data"]> = [];
  if (name !== undefined) data.push({ meaning: "Kernel module", type: "string", data: clean(name) });
  return {
    rule: op === "load" ? "kernel-module-load" : "kernel-module-unload",
    text: op === "load" ? "Kernel Module Loaded" : "Kernel Module Unloaded",
    severity: "medium",
    type: "admin",
    ...(completion ? { completion } : {}),
    source: [v.actor(v.syscall() ?? r)],
    target: [v.nodeTarget(op === "load")],
    ...(data.length > 0 ? { data } : {}),
  };
}

/** KERN_MODULE (name=, op=load|unload on newer kernels). */
function kernModule(r: AuditRecord, v: EventView): Hit {
  const op = r.get("op") === "unload" || r.get("op") === "delete_module" ? "unload" : "load";
  const name = r.get("name");
  return moduleHit(op, r, v, present(name) ? name : undefined);
}

/** init_module/finit_module/delete_module syscalls (audit rules `-S init_module ...`) without KERN_MODULE. */
function moduleSyscall(r: AuditRecord, v: EventView): Hit | null {
  const op = moduleOp(v);
  if (op === null) return null;
  // delete_module's first argument is a user pointer; the name is not in the record.
  return moduleHit(op, r, v, undefined);
}

export const AUDIT_RULES: RuleTable = [
  [["CONFIG_CHANGE", "DAEMON_CONFIG"], auditConfig],
  [Object.keys(DAEMON_KINDS), auditDaemon],
  [["KERN_MODULE"], kernModule],
  [["SYSCALL"], moduleSyscall],
];
