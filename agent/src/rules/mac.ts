/**
 * Mandatory access control (SELinux): AVC denials, the MMAP page 0 check, enforcement changes.
 */
import type { Severity, Source } from "../../../schema/idmef.ts";
import type { AuditRecord } from "../types.ts";
import type { Hit } from "../idmef/build.ts";
import { clean, processOf } from "../idmef/parts.ts";
import type { EventView } from "./context.ts";
import type { RuleTable } from "./types.ts";

/** Source of an AVC: the user from the SYSCALL (AVCs carry no auid), the process from either. */
function avcSource(r: AuditRecord, v: EventView): Source {
  const sys = v.syscall();
  const s: { user?: Source["user"]; process?: Source["process"]; node: Source["node"] } = { node: v.node() };
  const ids = sys ? v.actingUserIds(sys) : [];
  if (ids.length > 0) s.user = { category: "application", user_id: ids };
  const proc = processOf(sys) ?? processOf(r);
  if (proc) {
    // The AVC's comm names the task that was denied; prefer it over the SYSCALL's when both exist.
    const comm = r.get("comm");
    s.process = comm ? { ...proc, name: clean(comm) } : proc;
  }
  return s;
}

function avcHit(rule: string, text: string, severity: Severity, r: AuditRecord, v: EventView): Hit {
  const completion = v.completion(r);
  const file = v.file();
  return {
    rule,
    text,
    severity: completion === "failed" ? "low" : severity,
    type: file ? "file" : "other",
    ...(completion ? { completion } : {}),
    source: [avcSource(r, v)],
    target: [v.nodeTarget(true)],
    data: [{ meaning: "AVC Text", type: "string", data: clean(r.line) }],
  };
}

function isMmapZero(r: AuditRecord): boolean {
  const perms = r.get("seperms");
  return perms !== undefined && perms.split(",").includes("mmap_zero");
}

/**
 * AppArmor writes AVC records too: `apparmor="DENIED"` (enforced) and `"ALLOWED"` (complain
 * mode) are violations; `"AUDIT"` (an audit rule) and `"STATUS"` (profile loads) are not.
 */
function isViolation(r: AuditRecord): boolean {
  const aa = r.get("apparmor");
  return aa === undefined || aa === "DENIED" || aa === "ALLOWED";
}

/** Any AVC violation (except an mmap_zero check, which has its own rule): MAC Violation. */
function avc(r: AuditRecord, v: EventView): Hit | null {
  if (isMmapZero(r) || !isViolation(r)) return null;
  return avcHit("avc", "MAC Violation", "medium", r, v);
}

/** An attempt to map page 0 (kernel NULL-dereference exploits). audisp-prelude had this test inverted. */
function mmapZero(r: AuditRecord, v: EventView): Hit | null {
  if (!isMmapZero(r)) return null;
  return avcHit("avc-mmap-zero", "MMAP Page 0", "high", r, v);
}

/** SELinux enforcement switched: on (low), off (high), other change (low). */
function macStatus(r: AuditRecord, v: EventView): Hit {
  const now = r.get("enforcing");
  const old = r.get("old_enforcing");
  let text = "SE Linux Enforcement Changed";
  let severity: Severity = "low";
  if (now === "1" && old === "0") text = "SE Linux Enforcement Enabled";
  else if (now === "0" && old === "1") {
    text = "SE Linux Enforcement Disabled";
    severity = "high";
  }
  const completion = v.completion(r);
  return {
    rule: "mac-status",
    text,
    severity,
    type: "other",
    ...(completion ? { completion } : {}),
    source: [v.actor(r)],
    target: [v.nodeTarget(false)],
  };
}

export const MAC_RULES: RuleTable = [
  [["AVC"], avc],
  [["AVC"], mmapZero],
  [["MAC_STATUS"], macStatus],
];
