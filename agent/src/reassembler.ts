import type { AuditEvent, AuditRecord } from "./types.ts";
import { StampOrdinals } from "./stamp-ordinals.ts";
import {
  AUDIT_EOE,
  AUDIT_FIRST_ANOM_MSG,
  AUDIT_FIRST_EVENT,
  AUDIT_KERNEL,
  AUDIT_MAC_CALIPSO_DEL,
  AUDIT_MAC_UNLBL_ALLOW,
  AUDIT_PROCTITLE,
} from "./record/types-table.ts";

/**
 * Groups records into events by (node, time, serial), the way libauparse 3.0.9's feed API does
 * (auparse.c: au_auparse_next_event / au_check_events), so that its grouping of real logs is ours:
 *
 * - a record joins the event still being built with the same stamp, else starts a new one (so a
 *   record whose event was already completed starts a second event with the same stamp, as
 *   libauparse does after LOGIN);
 * - a stand-alone EOE (its event already complete) is dropped;
 * - an event is complete when its LAST record is PROCTITLE or EOE, or of a type that is always a
 *   whole event: < 1300 (user space, daemon), ≥ 2100 (anomaly/response/...), KERNEL (2000),
 *   MAC_UNLBL_ALLOW..MAC_CALIPSO_DEL, or a type name libaudit does not know (libaudit gives -1);
 * - after each record, events whose time is `eventTimeoutMs` or more older than that record's time
 *   are complete (libauparse: 2 s, on whole seconds; we compare milliseconds);
 * - when more than `maxInFlight` events are open, the oldest opened is completed;
 * - `tick(now)` completes events that have waited `eventTimeoutMs` on the caller's clock (input
 *   idle); `flush()` completes everything (EOF, stop).
 *
 * Events that share a stamp are numbered (`ordinal`, stamp-ordinals.ts) so ids can tell them apart.
 *
 * Pure: no timers, no I/O. The caller passes the time. Results are delivered through callbacks
 * (go-libaudit style): `onEvent` for each completed event, in completion order, and `onLost` when
 * a sequence gap is judged final. Sequence numbers are tracked per node; a gap is judged final when
 * the serial is more than `gapWindow` behind the newest serial of that node, or at flush, so a
 * record that arrives a little out of order is not miscounted. Serials are 32-bit and roll over;
 * a jump backwards beyond the window with a newer event time is a restart (after a boot), not a
 * loss; with an older time it is a very late record and leaves the sequence alone. Records
 * auditd writes itself (DAEMON_*, 1200-1299) have their own numbering and are left out.
 * Events the KERNEL reports lost (e.g. `auditctl -s` lost=, passed in by the caller through
 * `reportKernelLost`) are counted separately in `counters.kernelLost`.
 */

export interface ReassemblerOptions {
  /** Called with each completed event. */
  onEvent: (event: AuditEvent) => void;
  /** Called when events are judged lost from a sequence gap (count ≥ 1). */
  onLost?: (count: number, node: string | null) => void;
  /** Default 2000 (auditd's end_of_event_timeout). */
  eventTimeoutMs?: number;
  /** Default 64. */
  maxInFlight?: number;
  /** How far (in serials) behind the newest a missing serial may still arrive. Default 1024. */
  gapWindow?: number;
}

export interface ReassemblerCounters {
  records: number;
  events: number;
  /** EOE records whose event was already complete (dropped, like libauparse). */
  strayEoe: number;
  /** Events lost according to sequence gaps. */
  lost: number;
  /** Events the kernel reported lost (reportKernelLost). */
  kernelLost: number;
  /** Completion reasons. */
  completedByType: number;
  completedByTimeout: number;
  completedByIdle: number;
  completedByOverflow: number;
  completedByFlush: number;
}

class PendingEvent implements AuditEvent {
  readonly node: string | null;
  readonly sec: number;
  readonly ms: number;
  readonly serial: number;
  readonly records: AuditRecord[];
  /** Event time in ms, and the caller's clock when the event was opened. */
  readonly timeMs: number;
  readonly openedAt: number;
  ordinal = 0; // set on completion
  next: PendingEvent | null = null; // other open events with the same serial (rare)
  constructor(first: AuditRecord, openedAt: number) {
    this.node = first.node;
    this.sec = first.sec;
    this.ms = first.ms;
    this.serial = first.serial;
    this.records = [first];
    this.timeMs = first.sec * 1000 + first.ms;
    this.openedAt = openedAt;
  }
  matches(r: AuditRecord): boolean {
    return this.sec === r.sec && this.ms === r.ms && this.node === r.node;
  }
}

const SERIAL_RANGE = 2 ** 32;

/** Per node: newest serial seen, and the still-open gaps as [from, to] ranges (inclusive). */
interface SequenceState {
  newest: number;
  /** Event time (ms) of the newest serial: tells a restart from a very late record. */
  newestTimeMs: number;
  gaps: Array<[number, number]>;
}

export function endsEvent(typeId: number | null): boolean {
  if (typeId === null) return true; // libaudit: unknown name → -1 → "< AUDIT_FIRST_EVENT"
  return (
    typeId === AUDIT_PROCTITLE ||
    typeId === AUDIT_EOE ||
    typeId < AUDIT_FIRST_EVENT ||
    typeId >= AUDIT_FIRST_ANOM_MSG ||
    typeId === AUDIT_KERNEL ||
    (typeId >= AUDIT_MAC_UNLBL_ALLOW && typeId <= AUDIT_MAC_CALIPSO_DEL)
  );
}

export class Reassembler {
  readonly counters: ReassemblerCounters = {
    records: 0,
    events: 0,
    strayEoe: 0,
    lost: 0,
    kernelLost: 0,
    completedByType: 0,
    completedByTimeout: 0,
    completedByIdle: 0,
    completedByOverflow: 0,
    completedByFlush: 0,
  };
  private readonly onEvent: (event: AuditEvent) => void;
  private readonly onLost: (count: number, node: string | null) => void;
  private readonly timeoutMs: number;
  private readonly maxInFlight: number;
  private readonly gapWindow: number;
  /** Open events by serial (chained on collision); `open` keeps them in opening order. */
  private readonly bySerial = new Map<number, PendingEvent>();
  private readonly open = new Set<PendingEvent>();
  /** A lower bound of the oldest open event's time: a timeout scan is needed only past it. */
  private oldestTimeMs = Infinity;
  private readonly sequences = new Map<string | null, SequenceState>();
  private readonly ordinals = new StampOrdinals();

  constructor(options: ReassemblerOptions) {
    this.onEvent = options.onEvent;
    this.onLost = options.onLost ?? (() => {});
    this.timeoutMs = options.eventTimeoutMs ?? 2000;
    this.maxInFlight = options.maxInFlight ?? 64;
    this.gapWindow = options.gapWindow ?? 1024;
    if (!(this.timeoutMs > 0) || !(this.maxInFlight >= 1)) throw new RangeError("eventTimeoutMs and maxInFlight must be positive");
  }

  /** Events currently being built. */
  get inFlight(): number {
    return this.open.size;
  }

  /** Feed one record; `nowMs` is the caller's clock (used only by `tick`). */
  push(record: AuditRecord, nowMs: number): void {
    this.counters.records++;
    let event = this.find(record);
    if (event !== null) {
      event.records.push(record);
    } else {
      if (record.typeId === AUDIT_EOE) {
        this.counters.strayEoe++;
        return;
      }
      this.trackSequence(record);
      event = new PendingEvent(record, nowMs);
      this.insert(event);
    }
    if (endsEvent(record.typeId)) {
      this.counters.completedByType++;
      this.complete(event);
    }
    const recordTimeMs = record.sec * 1000 + record.ms;
    if (recordTimeMs - this.oldestTimeMs >= this.timeoutMs) this.expireOlderThan(recordTimeMs - this.timeoutMs);
    while (this.open.size > this.maxInFlight) {
      const oldest = this.open.values().next().value as PendingEvent;
      this.counters.completedByOverflow++;
      this.complete(oldest);
    }
  }

  /** Input idle: complete events opened `eventTimeoutMs` or longer ago on the caller's clock. */
  tick(nowMs: number): void {
    for (const event of this.open) {
      if (nowMs - event.openedAt >= this.timeoutMs) {
        this.counters.completedByIdle++;
        this.complete(event);
      }
    }
  }

  /** EOF or stop: complete every open event (oldest opened first) and settle sequence gaps. */
  flush(): void {
    for (const event of this.open) {
      this.counters.completedByFlush++;
      this.complete(event);
    }
    for (const [node, seq] of this.sequences) this.settleAll(seq, node);
  }

  /** Events the kernel says it lost (not a sequence gap): kept apart in counters.kernelLost. */
  reportKernelLost(count: number): void {
    if (count > 0) this.counters.kernelLost += count;
  }

  private find(r: AuditRecord): PendingEvent | null {
    for (let e = this.bySerial.get(r.serial) ?? null; e !== null; e = e.next) if (e.matches(r)) return e;
    return null;
  }

  private insert(event: PendingEvent): void {
    const head = this.bySerial.get(event.serial);
    if (head !== undefined) event.next = head;
    this.bySerial.set(event.serial, event);
    this.open.add(event);
    if (event.timeMs < this.oldestTimeMs) this.oldestTimeMs = event.timeMs;
  }

  private complete(event: PendingEvent): void {
    if (!this.open.delete(event)) return;
    const head = this.bySerial.get(event.serial);
    if (head === event) {
      if (event.next === null) this.bySerial.delete(event.serial);
      else this.bySerial.set(event.serial, event.next);
    } else {
      for (let e = head ?? null; e !== null; e = e.next) {
        if (e.next === event) {
          e.next = event.next;
          break;
        }
      }
    }
    event.next = null;
    if (this.open.size === 0) this.oldestTimeMs = Infinity;
    this.counters.events++;
    event.ordinal = this.ordinals.next(event);
    this.onEvent(event);
  }

  /** Complete open events with time ≤ limit and recompute the oldest open time exactly. */
  private expireOlderThan(limitMs: number): void {
    let oldest = Infinity;
    for (const event of this.open) {
      if (event.timeMs <= limitMs) {
        this.counters.completedByTimeout++;
        this.complete(event);
      } else if (event.timeMs < oldest) oldest = event.timeMs;
    }
    this.oldestTimeMs = oldest;
  }

  private trackSequence(r: AuditRecord): void {
    const id = r.typeId;
    if (id !== null && id >= 1200 && id < 1300) return; // auditd's own records: own numbering
    const timeMs = r.sec * 1000 + r.ms;
    const seq = this.sequences.get(r.node);
    if (seq === undefined) {
      this.sequences.set(r.node, { newest: r.serial, newestTimeMs: timeMs, gaps: [] });
      return;
    }
    const ahead = (r.serial - seq.newest + SERIAL_RANGE) % SERIAL_RANGE;
    if (ahead === 0) return;
    if (ahead < SERIAL_RANGE / 2) {
      if (ahead > 1) seq.gaps.push([(seq.newest + 1) % SERIAL_RANGE, (seq.newest + ahead - 1) % SERIAL_RANGE]);
      seq.newest = r.serial;
      seq.newestTimeMs = timeMs;
      this.settleGaps(seq, r.node);
      return;
    }
    const behind = SERIAL_RANGE - ahead;
    if (behind > this.gapWindow) {
      // Far behind the newest serial. With a newer time it is a restart (the kernel numbers
      // from 1 again after a boot): earlier gaps can no longer be filled. With an older time it
      // is a record that arrived very late: its gap was already judged, leave the sequence be.
      if (timeMs >= seq.newestTimeMs) {
        this.settleAll(seq, r.node);
        seq.newest = r.serial;
        seq.newestTimeMs = timeMs;
      }
      return;
    }
    this.fillGap(seq, r.serial);
  }

  /** A late serial arrived: take it out of the open gaps. */
  private fillGap(seq: SequenceState, serial: number): void {
    for (let i = 0; i < seq.gaps.length; i++) {
      const [from, to] = seq.gaps[i];
      const offset = (serial - from + SERIAL_RANGE) % SERIAL_RANGE;
      if (offset > (to - from + SERIAL_RANGE) % SERIAL_RANGE) continue;
      const pieces: Array<[number, number]> = [];
      if (serial !== from) pieces.push([from, (serial - 1 + SERIAL_RANGE) % SERIAL_RANGE]);
      if (serial !== to) pieces.push([(serial + 1) % SERIAL_RANGE, to]);
      seq.gaps.splice(i, 1, ...pieces);
      return;
    }
  }

  /** Gaps that fell more than gapWindow behind the newest serial are final. */
  private settleGaps(seq: SequenceState, node: string | null): void {
    let lost = 0;
    while (seq.gaps.length > 0) {
      const [from, to] = seq.gaps[0];
      const behind = (seq.newest - to + SERIAL_RANGE) % SERIAL_RANGE;
      if (behind <= this.gapWindow && seq.gaps.length <= 1024) break;
      lost += (to - from + SERIAL_RANGE) % SERIAL_RANGE + 1;
      seq.gaps.shift();
    }
    if (lost > 0) this.reportLost(lost, node);
  }

  private settleAll(seq: SequenceState, node: string | null): void {
    let lost = 0;
    for (const [from, to] of seq.gaps) lost += (to - from + SERIAL_RANGE) % SERIAL_RANGE + 1;
    seq.gaps.length = 0;
    if (lost > 0) this.reportLost(lost, node);
  }

  private reportLost(count: number, node: string | null): void {
    this.counters.lost += count;
    this.onLost(count, node);
  }
}
