/**
 * Several events can share one audit stamp: libauparse (and so the reassembler) splits a LOGIN
 * record from the SYSCALL event of its stamp, a record that arrives after its event completed
 * starts another, `ip xfrm state flush` writes one stand-alone MAC_IPSEC_EVENT per deleted SA.
 * Message ids must still tell them apart (idmef/build.ts): by their record types, and by the
 * ordinal numbered here when even those are the same.
 */
import type { AuditEvent, AuditRecord } from "./types.ts";

/**
 * How many completed events the reassembler remembers to number the next ones with the same
 * stamp. Events sharing a stamp come within a syscall's duration of each other: at 4,000 events
 * a second this is a second's worth.
 */
const REMEMBERED_EVENTS = 4096;

/** The record types of an event, in order, as a number (a collision only adds an ordinal). */
function typesSignature(records: readonly AuditRecord[]): number {
  let h = records.length;
  for (const r of records) {
    let t = r.typeId;
    if (t === null) {
      t = 0;
      for (let i = 0; i < r.type.length; i++) t = (t * 31 + r.type.charCodeAt(i)) | 0;
    }
    h = Math.imul(h ^ t, 0x9e3779b1) | 0;
  }
  return h;
}

/** Hash buckets over serials: twice the slots, so a chain is mostly one slot long. */
const BUCKETS = REMEMBERED_EVENTS * 2;

/**
 * Numbers the events that share a stamp and record types, in completion order (AuditEvent
 * .ordinal), remembering the last REMEMBERED_EVENTS completed events. Depends only on the
 * records fed, so a replay numbers them the same way. Runs once per event on the plugin's hot
 * path, so it allocates nothing: a ring of slots in typed arrays, indexed by a hash table on
 * the serial (a Map with an insert and a delete per event cost ~0.4 µs; this a few ns).
 */
export class StampOrdinals {
  private readonly serial = new Float64Array(REMEMBERED_EVENTS);
  private readonly sec = new Float64Array(REMEMBERED_EVENTS);
  private readonly ms = new Uint16Array(REMEMBERED_EVENTS);
  private readonly node: (string | null)[] = new Array<string | null>(REMEMBERED_EVENTS).fill(null);
  private readonly types = new Int32Array(REMEMBERED_EVENTS);
  /** How many events with this slot's stamp and types were completed. */
  private readonly count = new Uint32Array(REMEMBERED_EVENTS);
  /** Newest slot in each bucket, and each slot's next older one in its bucket (-1: none). */
  private readonly bucketHead = new Int32Array(BUCKETS).fill(-1);
  private readonly older = new Int32Array(REMEMBERED_EVENTS).fill(-1);
  private used = 0;
  private at = 0;

  /** The ordinal of a just-completed event. */
  next(e: AuditEvent): number {
    const types = typesSignature(e.records);
    const bucket = e.serial % BUCKETS;
    for (let i = this.bucketHead[bucket]; i !== -1; i = this.older[i]) {
      if (this.serial[i] === e.serial && this.sec[i] === e.sec && this.ms[i] === e.ms && this.types[i] === types && this.node[i] === e.node) {
        return this.count[i]++;
      }
    }
    const slot = this.at;
    if (this.used === REMEMBERED_EVENTS) this.forget(slot);
    else this.used++;
    this.serial[slot] = e.serial;
    this.sec[slot] = e.sec;
    this.ms[slot] = e.ms;
    this.node[slot] = e.node;
    this.types[slot] = types;
    this.count[slot] = 1;
    this.older[slot] = this.bucketHead[bucket];
    this.bucketHead[bucket] = slot;
    this.at = slot + 1 === REMEMBERED_EVENTS ? 0 : slot + 1;
    return 0;
  }

  /** Unlink the oldest slot (the tail of its bucket's chain) before reusing it. */
  private forget(slot: number): void {
    const bucket = this.serial[slot] % BUCKETS;
    if (this.bucketHead[bucket] === slot) {
      this.bucketHead[bucket] = this.older[slot];
      return;
    }
    for (let i = this.bucketHead[bucket]; i !== -1; i = this.older[i]) {
      if (this.older[i] === slot) {
        this.older[i] = this.older[slot];
        return;
      }
    }
  }
}
