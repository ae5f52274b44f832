/**
 * Kernel and IDS anomalies: ANOM_ABEND, ANOM_PROMISCUOUS (baseline), every other ANOM_* type,
 * SECCOMP kills/traps, and INTEGRITY_* (IMA/EVM) violations.
 */
import type { ImpactType, Severity, Target } from "../../../schema/idmef.ts";
import type { AuditRecord } from "../types.ts";
import type { Hit } from "../idmef/build.ts";
import { clean, idNumber, present, processOf } from "../idmef/parts.ts";
import type { EventView } from "./context.ts";
import type { RuleTable } from "./types.ts";
import { OTHER_ANOMALY_TYPES, anomalyRuleId } from "./ids.ts";

/** A process crashed (core dump signal): medium, completion failed. */
function abend(r: AuditRecord, v: EventView): Hit {
  const target: { node: Target["node"]; user?: Target["user"]; process?: Target["process"] } = { node: v.node() };
  const ids = v.actingUserIds(r);
  if (ids.length > 0) target.user = { category: "application", user_id: ids };
  const proc = processOf(r);
  if (proc) target.process = proc;
  const sig = r.get("sig");
  return {
    rule: "anom-abend",
    text: "App Abnormal Termination",
    severity: "medium",
    type: "other",
    completion: "failed",
    target: [target],
    ...(present(sig) ? { data: [{ meaning: "Signal", type: "string" as const, data: clean(sig) }] } : {}),
  };
}

const IFF_PROMISC = 256;

/** A network interface entered or left promiscuous mode (sniffing). */
function promiscuous(r: AuditRecord, v: EventView): Hit {
  const prom = Number(r.get("prom"));
  const old = Number(r.get("old_prom"));
  let text = "Promiscuous Socket Changed";
  if ((prom & IFF_PROMISC) !== 0 && (old & IFF_PROMISC) === 0) text = "Promiscuous Socket Opened";
  else if ((prom & IFF_PROMISC) === 0 && (old & IFF_PROMISC) !== 0) text = "Promiscuous Socket Closed";
  const dev = r.get("dev");
  const target: { node: Target["node"]; interface?: string } = { node: v.node() };
  if (present(dev)) target.interface = clean(dev);
  const completion = v.completion();
  return {
    rule: "anom-promiscuous",
    text,
    severity: "info",
    type: "recon",
    ...(completion ? { completion } : {}),
    source: [v.actor(r)],
    target: [target],
    ...(present(dev) ? { data: [{ meaning: "Device", type: "string" as const, data: clean(dev) }] } : {}),
  };
}

/** The other ANOM_* types: the anomaly's name in words, severity and impact by kind. */
const ANOMALY_KINDS: Record<(typeof OTHER_ANOMALY_TYPES)[number], [text: string, severity: Severity, type: ImpactType]> = {
  ANOM_LINK: ["Suspicious Link Followed", "medium", "file"],
  ANOM_CREAT: ["Suspicious File Creation", "medium", "file"],
  ANOM_LOGIN_ACCT: ["Login To Forbidden Account", "medium", "user"],
  ANOM_MAX_DAC: ["Max DAC Failures Reached", "medium", "file"],
  ANOM_MAX_MAC: ["Max MAC Failures Reached", "medium", "file"],
  ANOM_AMTU_FAIL: ["AMTU Failure", "high", "other"],
  ANOM_RBAC_FAIL: ["RBAC Self Test Failure", "high", "other"],
  ANOM_RBAC_INTEGRITY_FAIL: ["RBAC Integrity Check Failure", "high", "file"],
  ANOM_CRYPTO_FAIL: ["Crypto System Test Failure", "high", "other"],
  ANOM_ACCESS_FS: ["Suspicious File Access", "medium", "file"],
  ANOM_EXEC: ["Suspicious Program Execution", "medium", "user"],
  ANOM_MK_EXEC: ["Executable Created", "medium", "file"],
  ANOM_ADD_ACCT: ["Suspicious Account Added", "high", "admin"],
  ANOM_DEL_ACCT: ["Suspicious Account Deleted", "high", "admin"],
  ANOM_MOD_ACCT: ["Suspicious Account Change", "high", "admin"],
  ANOM_ROOT_TRANS: ["Suspicious Root Transition", "high", "admin"],
  ANOM_LOGIN_SERVICE: ["Login To Service Account", "medium", "user"],
  ANOM_LOGIN_ROOT: ["Root Login", "medium", "admin"],
  ANOM_ORIGIN_FAILURES: ["Max Failures From Origin", "medium", "user"],
  ANOM_SESSION: ["Suspicious Session", "medium", "user"],
};

function otherAnomaly(r: AuditRecord, v: EventView): Hit {
  const [text, severity, type] = ANOMALY_KINDS[r.type as keyof typeof ANOMALY_KINDS];
  const completion = v.completion(r);
  return {
    rule: anomalyRuleId(r.type),
    text,
    severity,
    type,
    ...(completion ? { completion } : {}),
    source: [v.actor(r)],
    target: [v.nodeTarget(true)],
  };
}

// seccomp(2) return actions (SECCOMP_RET_ACTION_FULL = 0xffff0000).
const SECCOMP_ACTIONS: Record<number, string> = {
  0x80000000: "kill-process",
  0x00000000: "kill-thread",
  0x00030000: "trap",
};

/** A seccomp filter killed or trapped a process (a sandbox violation). */
function seccomp(r: AuditRecord, v: EventView): Hit | null {
  const code = r.get("code");
  if (code === undefined || !/^0x[0-9a-f]{1,8}$/i.test(code)) return null;
  const action = SECCOMP_ACTIONS[(parseInt(code, 16) & 0xffff0000) >>> 0];
  if (action === undefined) return null;
  const data: NonNullable<Hit["data"]> = [{ meaning: "Seccomp action", type: "string", data: action }];
  const nr = idNumber(r.get("syscall"));
  if (nr !== undefined) data.push({ meaning: "Syscall", type: "integer", data: nr });
  const name = r.interpreted("syscall");
  if (name !== undefined && !name.startsWith("unknown")) data.push({ meaning: "Syscall name", type: "string", data: clean(name) });
  const sig = r.get("sig");
  if (present(sig) && sig !== "0") data.push({ meaning: "Signal", type: "string", data: clean(sig) });
  return {
    rule: "seccomp",
    text: "Seccomp Violation",
    severity: "medium",
    type: "other",
    completion: "failed",
    source: [v.actor(r)],
    target: [v.nodeTarget(false)],
    data,
  };
}

/** IMA/EVM reported a file whose contents or metadata do not match (or a policy problem). */
const INTEGRITY_KINDS: Record<string, [text: string, severity: Severity]> = {
  INTEGRITY_DATA: ["Integrity Violation (File Data)", "high"],
  INTEGRITY_METADATA: ["Integrity Violation (File Metadata)", "high"],
  INTEGRITY_HASH: ["Integrity Violation (File Hash)", "high"],
  INTEGRITY_EVM_XATTR: ["Integrity Violation (EVM Attribute)", "high"],
  INTEGRITY_PCR: ["Integrity Violation (PCR)", "medium"],
  INTEGRITY_STATUS: ["Integrity Status Change", "medium"],
  INTEGRITY_POLICY_RULE: ["Integrity Policy Change", "medium"],
};

function integrity(r: AuditRecord, v: EventView): Hit {
  const [text, severity] = INTEGRITY_KINDS[r.type];
  const name = r.get("name");
  const target = v.nodeTarget(false);
  const file = present(name) ? [{ name: clean(name.slice(name.lastIndexOf("/") + 1) || name), path: clean(name), category: "current" as const }] : undefined;
  const cause = r.get("cause");
  const op = r.get("op");
  const description = [op, cause].filter(present).join(": ");
  const completion = v.completion(r);
  return {
    rule: "integrity",
    text,
    severity,
    type: file ? "file" : "other",
    ...(completion ? { completion } : {}),
    ...(description ? { description: clean(description) } : {}),
    source: [v.actor(r)],
    target: [file ? { ...target, file } : target],
  };
}

export const ANOMALY_RULES: RuleTable = [
  [["ANOM_ABEND"], abend],
  [["ANOM_PROMISCUOUS"], promiscuous],
  [OTHER_ANOMALY_TYPES, otherAnomaly],
  [["SECCOMP"], seccomp],
  [Object.keys(INTEGRITY_KINDS), integrity],
];

