/**
 * Events that completed without the records their type implies. auditd drops single records, not
 * whole events, when its queue to the plugins overflows, so a syscall event can reach us without
 * its SYSCALL record (or without some of its PATH records): no sequence gap shows it, and the
 * rules see a smaller event than the kernel wrote. Counted as `incomplete events` in heartbeats.
 * Pure: looks only at the event's records.
 */
import type { AuditEvent } from "./types.ts";

const SYSCALL = 1300;
const PATH = 1302;

/**
 * Record types the kernel writes only as part of a syscall's event (audit_log_exit), after its
 * SYSCALL record: PATH, IPC, SOCKETCALL, SOCKADDR, CWD, EXECVE, MQ_*, FD_PAIR, OBJ_PID,
 * BPRM_FCAPS, CAPSET, MMAP, PROCTITLE, KERN_MODULE. Records a syscall may emit on their own
 * (AVC, SECCOMP, ...) are not listed: they also occur outside any audited syscall.
 */
const SYSCALL_ONLY = new Set([1302, 1303, 1304, 1306, 1307, 1309, 1311, 1312, 1313, 1314, 1317, 1318, 1321, 1322, 1323, 1327, 1330]);

/**
 * Why an event is incomplete, or null when it has every record its type implies:
 *  - a syscall-only record without the SYSCALL record ("no SYSCALL");
 *  - a SYSCALL whose `items=N` promises more PATH records than arrived ("2 of 3 PATH").
 * A missing PROCTITLE or EOE is not counted: kernels before 3.16 write no PROCTITLE, and older
 * auditd versions pass no EOE, so their absence proves nothing.
 */
export function incompleteReason(event: AuditEvent): string | null {
  let syscall = null as AuditEvent["records"][number] | null;
  let syscallOnly = false;
  let paths = 0;
  for (const r of event.records) {
    const t = r.typeId;
    if (t === SYSCALL) syscall = r;
    else if (t !== null && SYSCALL_ONLY.has(t)) {
      syscallOnly = true;
      if (t === PATH) paths++;
    }
  }
  if (syscall === null) return syscallOnly ? "no SYSCALL" : null;
  const items = Number(syscall.get("items"));
  return Number.isInteger(items) && paths < items ? `${paths} of ${items} PATH` : null;
}
