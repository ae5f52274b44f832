import type { Writable } from "node:stream";
import { eventTime, type AuditEvent, type AuditRecord } from "../types.ts";
import { LineOutput } from "./output.ts";
import type { EventSink } from "./sink.ts";

/** The record shape of `--format events`; `interpreted` only for ENRICHED records. */
interface EventRecordJson {
  type: string;
  fields: Record<string, string>;
  interpreted?: Record<string, string>;
}

interface WithInterpreted {
  interpretedFields(): Record<string, string> | null;
}

/** One event → the `--format events` JSON line (SPEC 2). */
export function eventJson(event: AuditEvent): string {
  const records: EventRecordJson[] = new Array(event.records.length);
  for (let i = 0; i < event.records.length; i++) {
    const r: AuditRecord & Partial<WithInterpreted> = event.records[i];
    const interp = r.interpretedFields?.() ?? null;
    records[i] = interp === null ? { type: r.type, fields: r.fields() } : { type: r.type, fields: r.fields(), interpreted: interp };
  }
  return JSON.stringify({ node: event.node, time: eventTime(event), serial: event.serial, records });
}

/** `--format events`: one JSON object per event, in completion order. */
export function createEventsSink(out: Writable): EventSink {
  const output = new LineOutput(out);
  let written = 0;
  return {
    write(event) {
      output.line(eventJson(event));
      written++;
    },
    drain: () => output.drain(),
    close: () => output.close(),
    counters: () => ({ written }),
  };
}
