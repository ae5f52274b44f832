/**
 * The data that flows through the agent's pipeline:
 * record (parse) → reassembler → rules / idmef (map) → spool → sender.
 * Stages take and return these values; I/O and the clock stay at the edges.
 */

/** One audit record line, parsed. Stamp and type are parsed eagerly; fields on first use. */
export interface AuditRecord {
  /** Record type name: "SYSCALL", "USER_LOGIN", or "UNKNOWN[1334]" where the number has no name. */
  readonly type: string;
  /** Numeric record type where known (from `type=NAME` via the table, or from `UNKNOWN[n]`). */
  readonly typeId: number | null;
  /** The `node=` prefix, or null. */
  readonly node: string | null;
  /** Event time: whole seconds and milliseconds (0-999), from `audit(sec.ms:serial)`. */
  readonly sec: number;
  readonly ms: number;
  readonly serial: number;
  /** The original line, without its newline. */
  readonly line: string;
  /**
   * A field's value as auditd meant it: quotes removed, hex decoded where auditd hex-encodes
   * (proctitle, EXECVE args, names, comm/exe, data=, ...), user-space `msg='...'` payload
   * fields flattened in. `undefined` when absent. `(null)` and `?` are kept as written.
   */
  get(name: string): string | undefined;
  /** The ENRICHED interpreted value (after `\x1d`), e.g. `UID` → "root"; undefined if none. */
  interpreted(name: string): string | undefined;
  /** Every field in order, name → value as `get` returns it. Computed once, then cached. */
  fields(): Record<string, string>;
}

/** A whole audit event: the records that share (node, time, serial), in input order. */
export interface AuditEvent {
  readonly node: string | null;
  readonly sec: number;
  readonly ms: number;
  readonly serial: number;
  readonly records: AuditRecord[];
  /**
   * Several events can share one stamp (libauparse splits a LOGIN record from its SYSCALL event;
   * IMA writes one stand-alone record per file it measures): how many events with this stamp and
   * the same record types the reassembler completed before this one. Absent means 0.
   */
  readonly ordinal?: number;
}

/** "sec.mmm", the way audit writes an event's time. */
export function eventTime(e: { sec: number; ms: number }): string {
  return `${e.sec}.${String(e.ms).padStart(3, "0")}`;
}

/** Time source, injected so tests drive time. Milliseconds since the epoch. */
export type Clock = () => number;
